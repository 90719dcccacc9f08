package io.haredis.core.persist;

/**
 * Redis's CRC-64: the Jones polynomial ({@code 0xad93d23594c935a9}), reflected input and
 * output, initial value 0, no final XOR; {@code crc64("123456789") == 0xe9c6d914c4b8d9caL}.
 * It guards RDB files (the 8-byte trailer) and DUMP payloads.
 *
 * <h2>Speed</h2>
 * Slicing-by-8 (the technique of Redis's {@code crcspeed.c}): eight 256-entry tables let the
 * loop fold eight input bytes per step with eight table lookups instead of one lookup per
 * byte, which keeps the checksum far below the cost of writing the bytes it covers.
 */
public final class Crc64 {

  /** The reflected form of the Jones polynomial. */
  private static final long POLY_REFLECTED = 0x95ac9329ac4bc9b5L;

  private static final long[][] TABLES = buildTables();

  private Crc64() {}

  private static long[][] buildTables() {
    long[][] t = new long[8][256];
    for (int n = 0; n < 256; n++) {
      long crc = n;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY_REFLECTED : crc >>> 1;
      }
      t[0][n] = crc;
    }
    for (int n = 0; n < 256; n++) {
      long crc = t[0][n];
      for (int k = 1; k < 8; k++) {
        crc = t[0][(int) crc & 0xff] ^ (crc >>> 8);
        t[k][n] = crc;
      }
    }
    return t;
  }

  /** Continues {@code crc} over {@code b[off, off+len)}; start with 0. */
  public static long update(long crc, byte[] b, int off, int len) {
    long[] t0 = TABLES[0];
    long[] t1 = TABLES[1];
    long[] t2 = TABLES[2];
    long[] t3 = TABLES[3];
    long[] t4 = TABLES[4];
    long[] t5 = TABLES[5];
    long[] t6 = TABLES[6];
    long[] t7 = TABLES[7];
    int p = off;
    int end = off + len;
    while (end - p >= 8) {
      crc ^= (b[p] & 0xffL)
          | (b[p + 1] & 0xffL) << 8
          | (b[p + 2] & 0xffL) << 16
          | (b[p + 3] & 0xffL) << 24
          | (b[p + 4] & 0xffL) << 32
          | (b[p + 5] & 0xffL) << 40
          | (b[p + 6] & 0xffL) << 48
          | (b[p + 7] & 0xffL) << 56;
      crc = t7[(int) crc & 0xff]
          ^ t6[(int) (crc >>> 8) & 0xff]
          ^ t5[(int) (crc >>> 16) & 0xff]
          ^ t4[(int) (crc >>> 24) & 0xff]
          ^ t3[(int) (crc >>> 32) & 0xff]
          ^ t2[(int) (crc >>> 40) & 0xff]
          ^ t1[(int) (crc >>> 48) & 0xff]
          ^ t0[(int) (crc >>> 56) & 0xff];
      p += 8;
    }
    while (p < end) {
      crc = t0[(int) (crc ^ b[p]) & 0xff] ^ (crc >>> 8);
      p++;
    }
    return crc;
  }

  /** The CRC of a whole array. */
  public static long of(byte[] b) {
    return update(0, b, 0, b.length);
  }
}
