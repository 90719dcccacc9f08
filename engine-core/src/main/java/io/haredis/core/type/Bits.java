package io.haredis.core.type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Bit-level reads and writes on a string's bytes, numbered as Redis numbers them: bit 0 is the
 * most significant bit of byte 0. Bytes past the string's length read as zero. Pure functions on
 * arrays; the commands that use them live in {@code BitmapCommands}.
 */
public final class Bits {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Bits() {}

  /** The bit at {@code offset} of the first {@code length} bytes of {@code a} (0 past the end). */
  public static int get(byte[] a, int length, long offset) {
    long byteIndex = offset >>> 3;
    if (byteIndex >= length) {
      return 0;
    }
    return (a[(int) byteIndex] >> (7 - (int) (offset & 7))) & 1;
  }

  /** Sets the bit at {@code offset} (which must be inside the array) to {@code value}. */
  public static void set(byte[] a, long offset, int value) {
    int byteIndex = (int) (offset >>> 3);
    int mask = 1 << (7 - (int) (offset & 7));
    if (value != 0) {
      a[byteIndex] |= (byte) mask;
    } else {
      a[byteIndex] &= (byte) ~mask;
    }
  }

  /** Number of set bits in bytes {@code [from, to)}. */
  public static long popcount(byte[] a, int from, int to) {
    long n = 0;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      n += Long.bitCount((long) LONGS.get(a, i));
    }
    for (; i < to; i++) {
      n += Integer.bitCount(a[i] & 0xff);
    }
    return n;
  }

  /** Number of set bits among bits {@code [fromBit, toBit]} (both inside the array). */
  public static long popcountBits(byte[] a, long fromBit, long toBit) {
    if (fromBit > toBit) {
      return 0;
    }
    int firstByte = (int) (fromBit >>> 3);
    int lastByte = (int) (toBit >>> 3);
    int headMask = 0xff >>> (int) (fromBit & 7);
    int tailMask = (0xff << (7 - (int) (toBit & 7))) & 0xff;
    if (firstByte == lastByte) {
      return Integer.bitCount(a[firstByte] & headMask & tailMask);
    }
    return Integer.bitCount(a[firstByte] & headMask)
        + popcount(a, firstByte + 1, lastByte)
        + Integer.bitCount(a[lastByte] & tailMask);
  }

  /**
   * Position of the first bit equal to {@code bit} among bits {@code [fromBit, toBit]} (both
   * inside the array), or -1 when there is none.
   */
  public static long firstBit(byte[] a, long fromBit, long toBit, int bit) {
    if (fromBit > toBit) {
      return -1;
    }
    int skip = bit == 0 ? 0xff : 0;
    int firstByte = (int) (fromBit >>> 3);
    int lastByte = (int) (toBit >>> 3);
    for (int i = firstByte; i <= lastByte; i++) {
      int v = a[i] & 0xff;
      if (i == firstByte || i == lastByte) {
        int keep = 0xff;
        if (i == firstByte) {
          keep &= 0xff >>> (int) (fromBit & 7);
        }
        if (i == lastByte) {
          keep &= (0xff << (7 - (int) (toBit & 7))) & 0xff;
        }
        // Bits outside the range read as the value we are not looking for.
        v = bit == 1 ? v & keep : (v | ~keep) & 0xff;
      } else if (v == skip) {
        // Whole words at a time over long uniform runs.
        long skipWord = bit == 0 ? -1L : 0L;
        while (i + 8 < lastByte && (long) LONGS.get(a, i) == skipWord) {
          i += 8;
        }
        v = a[i] & 0xff;
        if (v == skip) {
          continue;
        }
      }
      if (v != skip) {
        int x = bit == 1 ? v : ~v & 0xff;
        return (long) i * 8 + Integer.numberOfLeadingZeros(x) - 24;
      }
    }
    return -1;
  }

  /**
   * The {@code bits}-wide (1..64) unsigned field at bit {@code offset}, reading zeros past
   * {@code length} bytes.
   */
  public static long getField(byte[] a, int length, long offset, int bits) {
    long v = 0;
    for (int j = 0; j < bits; j++) {
      v = (v << 1) | get(a, length, offset + j);
    }
    return v;
  }

  /** The field read as a two's-complement signed number of {@code bits} bits. */
  public static long getSignedField(byte[] a, int length, long offset, int bits) {
    long v = getField(a, length, offset, bits);
    return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
  }

  /** Writes the low {@code bits} bits of {@code value} at bit {@code offset} (inside the array). */
  public static void setField(byte[] a, long offset, int bits, long value) {
    for (int j = 0; j < bits; j++) {
      set(a, offset + j, (int) (value >>> (bits - 1 - j)) & 1);
    }
  }
}
