package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LzfTest {

  private static byte[] sample(Random r, int len) {
    byte[] b = new byte[len];
    int alphabet = 1 + r.nextInt(40);
    for (int i = 0; i < len; i++) {
      b[i] = r.nextInt(10) == 0 && i > 8 ? b[i - 1 - r.nextInt(8)] : (byte) ('a' + r.nextInt(alphabet));
    }
    return b;
  }

  @Test
  void compressThenDecompress_roundTrips() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    Lzf lzf = new Lzf();
    for (int i = 0; i < 3000; i++) {
      int len = i < 300 ? i : r.nextInt(i % 10 == 0 ? 200_000 : 3000);
      byte[] in = sample(r, len);
      int off = r.nextInt(5);
      byte[] padded = new byte[len + off + 3];
      System.arraycopy(in, 0, padded, off, len);
      byte[] out = new byte[len + len / 32 + 64]; // room for LZF's worst case: one control byte per 32 literals
      int c = lzf.compress(padded, off, len, out, 0, out.length);
      if (len == 0) {
        assertThat(c).isZero();
        continue;
      }
      assertThat(c).as("seed=%d len=%d", seed, len).isPositive();
      byte[] back = new byte[len];
      assertThat(Lzf.decompress(out, 0, c, back, 0, len)).isEqualTo(len);
      assertThat(back).as("seed=%d len=%d", seed, len).isEqualTo(in);
      // the same input compresses to the same bytes whatever came before (no stale table state)
      byte[] again = new byte[out.length];
      assertThat(new Lzf().compress(in, 0, len, again, 0, again.length)).isEqualTo(c);
      assertThat(Arrays.copyOf(again, c)).isEqualTo(Arrays.copyOf(out, c));
    }
  }

  @Test
  void compress_outputTooSmall_returnsZero() {
    byte[] random = new byte[100];
    new Random(3).nextBytes(random);
    assertThat(new Lzf().compress(random, 0, 100, new byte[96], 0, 96)).isZero();
    byte[] runs = new byte[100];
    assertThat(new Lzf().compress(runs, 0, 100, new byte[96], 0, 96)).isPositive().isLessThan(20);
  }

  @Test
  void decompress_garbage_neverThrows() {
    Random r = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      byte[] in = new byte[r.nextInt(64)];
      r.nextBytes(in);
      byte[] out = new byte[r.nextInt(128)];
      int n = Lzf.decompress(in, 0, in.length, out, 0, out.length);
      assertThat(n).isBetween(-1, out.length);
    }
  }
}
