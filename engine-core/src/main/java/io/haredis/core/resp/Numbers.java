package io.haredis.core.resp;

import java.nio.charset.StandardCharsets;

/** Integer parsing and formatting with Redis's rules ({@code string2ll}, {@code ll2string}). */
public final class Numbers {

  private static final int CACHED = 10_000;
  private static final byte[][] SMALL = new byte[CACHED][];

  static {
    for (int i = 0; i < CACHED; i++) {
      SMALL[i] = Integer.toString(i).getBytes(StandardCharsets.US_ASCII);
    }
  }

  private Numbers() {}

  /**
   * Whether {@code buf[off, off+len)} is a long as {@code string2ll} accepts it: optional
   * {@code -}, no leading zeros, no {@code +}, no blanks, within range.
   */
  public static boolean isLong(byte[] buf, int off, int len) {
    if (len == 0 || len > 20) {
      return false;
    }
    if (len == 1 && buf[off] == '0') {
      return true;
    }
    int p = off;
    int end = off + len;
    boolean negative = false;
    if (buf[p] == '-') {
      negative = true;
      p++;
      if (p == end) {
        return false;
      }
    }
    if (buf[p] < '1' || buf[p] > '9') {
      return false;
    }
    long v = 0; // accumulate as a negative number to reach Long.MIN_VALUE
    for (; p < end; p++) {
      int d = buf[p] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (v < (Long.MIN_VALUE + d) / 10) {
        return false;
      }
      v = v * 10 - d;
    }
    return negative || v != Long.MIN_VALUE;
  }

  /** Parses a long that {@link #isLong} accepted; {@code onError} if it is not one. */
  public static long parseLong(byte[] buf, int off, int len, long onError) {
    if (!isLong(buf, off, len)) {
      return onError;
    }
    int p = off;
    int end = off + len;
    boolean negative = buf[p] == '-';
    if (negative) {
      p++;
    }
    long v = 0;
    for (; p < end; p++) {
      v = v * 10 - (buf[p] - '0');
    }
    return negative ? v : -v;
  }

  /** Number of bytes {@code v} takes in decimal. */
  public static int digits(long v) {
    if (v < 0) {
      return v == Long.MIN_VALUE ? 20 : 1 + digits(-v);
    }
    int n = 1;
    long limit = 10;
    while (n < 19 && v >= limit) {
      n++;
      limit *= 10;
    }
    return n;
  }

  /** Writes {@code v} in decimal at {@code out[off]}; returns the number of bytes. */
  public static int write(long v, byte[] out, int off) {
    int n = digits(v);
    if (v == Long.MIN_VALUE) {
      byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(min, 0, out, off, min.length);
      return min.length;
    }
    int p = off + n - 1;
    long x = Math.abs(v);
    do {
      out[p--] = (byte) ('0' + (x % 10));
      x /= 10;
    } while (x != 0);
    if (v < 0) {
      out[off] = '-';
    }
    return n;
  }

  /** The decimal bytes of {@code v}; cached for 0..9999. */
  public static byte[] toBytes(long v) {
    if (v >= 0 && v < CACHED) {
      return SMALL[(int) v];
    }
    byte[] out = new byte[digits(v)];
    write(v, out, 0);
    return out;
  }
}
