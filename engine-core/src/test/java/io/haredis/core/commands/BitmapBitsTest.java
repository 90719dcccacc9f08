package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.type.Bits;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bits} against a naive bit-by-bit model, on random arrays with long uniform runs (so the
 * word-at-a-time paths of popcount and firstBit are exercised) and random ranges.
 */
class BitmapBitsTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  private static int bit(byte[] a, long i) {
    return (a[(int) (i / 8)] >> (7 - (int) (i % 8))) & 1;
  }

  private static byte[] randomArray(Random r) {
    byte[] a = new byte[1 + r.nextInt(80)];
    int i = 0;
    while (i < a.length) {
      int run = 1 + r.nextInt(24);
      int kind = r.nextInt(3);
      for (int j = 0; j < run && i < a.length; j++, i++) {
        a[i] = kind == 0 ? 0 : kind == 1 ? (byte) 0xff : (byte) r.nextInt(256);
      }
    }
    return a;
  }

  @Test
  void popcountAndFirstBit_randomRanges_matchNaiveModel() {
    Random r = new Random(SEED);
    for (int t = 0; t < 20_000; t++) {
      byte[] a = randomArray(r);
      long bits = a.length * 8L;
      long from = r.nextInt((int) bits);
      long to = from + r.nextInt((int) (bits - from));
      long count = 0;
      long first0 = -1;
      long first1 = -1;
      for (long i = from; i <= to; i++) {
        int b = bit(a, i);
        count += b;
        if (b == 0 && first0 < 0) {
          first0 = i;
        }
        if (b == 1 && first1 < 0) {
          first1 = i;
        }
      }
      String ctx = "seed=" + SEED + " t=" + t + " from=" + from + " to=" + to;
      assertThat(Bits.popcountBits(a, from, to)).as(ctx).isEqualTo(count);
      assertThat(Bits.firstBit(a, from, to, 0)).as(ctx).isEqualTo(first0);
      assertThat(Bits.firstBit(a, from, to, 1)).as(ctx).isEqualTo(first1);
    }
  }

  @Test
  void fields_setThenGet_roundTripAndReadZerosPastEnd() {
    Random r = new Random(SEED);
    for (int t = 0; t < 20_000; t++) {
      byte[] a = randomArray(r);
      int bits = 1 + r.nextInt(64);
      long max = a.length * 8L - bits;
      if (max < 0) {
        continue;
      }
      long offset = (long) (r.nextDouble() * (max + 1));
      long value = r.nextLong();
      byte[] before = a.clone();
      Bits.setField(a, offset, bits, value);
      long mask = bits == 64 ? -1L : (1L << bits) - 1;
      String ctx = "seed=" + SEED + " t=" + t;
      assertThat(Bits.getField(a, a.length, offset, bits)).as(ctx).isEqualTo(value & mask);
      long signed = bits == 64 ? value : (value << (64 - bits)) >> (64 - bits);
      assertThat(Bits.getSignedField(a, a.length, offset, bits)).as(ctx).isEqualTo(signed);
      for (long i = 0; i < a.length * 8L; i++) {
        if (i < offset || i >= offset + bits) {
          assertThat(bit(a, i)).as(ctx + " bit " + i).isEqualTo(bit(before, i));
        }
      }
      // Reading with a shorter length sees zeros past it.
      int shortLen = (int) (offset / 8);
      assertThat(Bits.getField(a, shortLen, offset, bits)).as(ctx).isZero();
    }
  }
}
