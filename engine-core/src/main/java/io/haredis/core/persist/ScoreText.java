package io.haredis.core.persist;

import io.haredis.core.digest.DatasetDigest;
import java.nio.charset.StandardCharsets;

/** Sorted-set scores as text, the way Redis 7.0 writes and reads them in RDB encodings. */
final class ScoreText {

  private ScoreText() {}

  private static final long[] POW10 = new long[20]; // 10^0 .. 10^19 (the last one unsigned)
  private static final long TEN16 = 10_000_000_000_000_000L;
  private static final long TEN17 = 100_000_000_000_000_000L;

  static {
    long p = 1;
    for (int i = 0; i < 20; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  /**
   * Redis 7.0's {@code d2string}: {@code nan}, {@code inf}, {@code -inf}, {@code 0} or
   * {@code -0}, an integral value within 2^62 as an integer, anything else as {@code %.17g}.
   */
  static byte[] d2string(double d) {
    byte[] b = new byte[40];
    int n = d2string(d, b, 0);
    return java.util.Arrays.copyOf(b, n);
  }

  /** {@link #d2string(double)} into {@code out} at {@code off} (room for 40 bytes); returns the length. */
  static int d2string(double d, byte[] out, int off) {
    if (Double.isNaN(d)) {
      return ascii("nan", out, off);
    } else if (Double.isInfinite(d)) {
      return ascii(d > 0 ? "inf" : "-inf", out, off);
    } else if (d == 0) {
      return ascii(Double.doubleToRawLongBits(d) < 0 ? "-0" : "0", out, off);
    } else if (d >= -(double) (Long.MAX_VALUE / 2) && d <= (double) (Long.MAX_VALUE / 2) && d == (double) (long) d) {
      return io.haredis.core.resp.Numbers.write((long) d, out, off);
    }
    return format17g(d, out, off);
  }

  private static int ascii(String s, byte[] out, int off) {
    for (int i = 0; i < s.length(); i++) {
      out[off + i] = (byte) s.charAt(i);
    }
    return s.length();
  }

  /**
   * C's {@code printf("%.17g")} of a finite non-zero double into {@code out}: the exact binary
   * value rounded half-even to 17 significant digits, then plain or exponent notation with
   * trailing zeros dropped. Values from about 1e-6 to 1e17 (nearly every score) are computed
   * with 128-bit integer arithmetic; the rest go through {@link DatasetDigest#formatScore}.
   */
  static int format17g(double v, byte[] out, int off) {
    long bits = Double.doubleToRawLongBits(v);
    int p = off;
    if (bits < 0) {
      out[p++] = '-';
      v = -v;
      bits &= Long.MAX_VALUE;
    }
    int biased = (int) (bits >>> 52);
    long m = bits & ((1L << 52) - 1);
    int e2;
    if (biased == 0) {
      e2 = -1074;
    } else {
      m |= 1L << 52;
      e2 = biased - 1075;
    }
    int e10 = (int) Math.floor(Math.log10(v));
    long digits = -1;
    for (int attempt = 0; attempt < 3 && digits < 0; attempt++) {
      long n = scaled(m, e2, 16 - e10);
      if (n == Long.MIN_VALUE) {
        break; // outside the fast range
      }
      if (n >= TEN17) {
        e10++;
      } else if (n < TEN16) {
        e10--;
      } else {
        digits = n;
      }
    }
    if (digits < 0) {
      byte[] slow = DatasetDigest.formatScore(v).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(slow, 0, out, p, slow.length);
      return p - off + slow.length;
    }
    return p - off + layout(digits, e10, out, p);
  }

  /**
   * round_half_even(m * 2^e2 * 10^k) for k in 0..22, or Long.MIN_VALUE when k is outside that
   * range or the result would not fit. The product m * 10^k (m below 2^53) fits in 128 bits.
   */
  private static long scaled(long m, int e2, int k) {
    if (k < 0 || k > 22) {
      return Long.MIN_VALUE;
    }
    long hi;
    long lo;
    if (k <= 19) {
      long t = POW10[k];
      lo = m * t;
      hi = unsignedMultiplyHigh(m, t);
    } else {
      // 10^k = 10^19 * 10^(k-19)
      long t = POW10[19];
      long lo1 = m * t;
      long hi1 = unsignedMultiplyHigh(m, t);
      long f = POW10[k - 19];
      lo = lo1 * f;
      hi = unsignedMultiplyHigh(lo1, f) + hi1 * f;
    }
    if (e2 >= 0) {
      if (e2 > 10 || hi != 0 || (lo >>> (63 - e2)) != 0) {
        return Long.MIN_VALUE;
      }
      return lo << e2;
    }
    int s = -e2;
    if (s >= 128) {
      return Long.MIN_VALUE;
    }
    long q;
    int cmp; // the shifted-out remainder against half of 2^s
    if (s < 64) {
      if ((hi >>> s) != 0) {
        return Long.MIN_VALUE;
      }
      q = (lo >>> s) | (hi << (64 - s));
      long rem = lo & ((1L << s) - 1);
      cmp = Long.compareUnsigned(rem, 1L << (s - 1));
    } else if (s == 64) {
      q = hi;
      cmp = Long.compareUnsigned(lo, 1L << 63);
    } else {
      q = hi >>> (s - 64);
      long remHi = hi & ((1L << (s - 64)) - 1);
      long halfHi = 1L << (s - 65);
      cmp = remHi != halfHi ? Long.compareUnsigned(remHi, halfHi) : (lo == 0 ? 0 : 1);
    }
    if (q < 0) {
      return Long.MIN_VALUE;
    }
    if (cmp > 0 || (cmp == 0 && (q & 1) != 0)) {
      q++;
    }
    return q;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** Writes 17 significant digits with decimal exponent {@code e10} the way %g lays them out. */
  private static int layout(long digits, int e10, byte[] out, int p) {
    int d = 17;
    while (digits % 10 == 0) { // %g drops trailing zeros
      digits /= 10;
      d--;
    }
    int start = p;
    if (e10 < -4 || e10 >= 17) {
      p += fill(digits, d, 1, out, p);
      out[p++] = 'e';
      out[p++] = (byte) (e10 < 0 ? '-' : '+');
      int x = Math.abs(e10);
      if (x >= 100) {
        out[p++] = (byte) ('0' + x / 100);
        x %= 100;
      }
      out[p++] = (byte) ('0' + x / 10);
      out[p++] = (byte) ('0' + x % 10);
      return p - start;
    }
    if (e10 >= 0) {
      int intDigits = e10 + 1;
      p += fill(digits, d, Math.min(intDigits, d), out, p);
      for (int i = d; i < intDigits; i++) {
        out[p++] = '0';
      }
      return p - start;
    }
    out[p++] = '0';
    out[p++] = '.';
    for (int i = 0; i < -e10 - 1; i++) {
      out[p++] = '0';
    }
    p += fill(digits, d, d, out, p);
    return p - start;
  }

  /** Writes the {@code d} digits of {@code x} with a point after the first {@code k} (none if k == d). */
  private static int fill(long x, int d, int k, byte[] out, int p) {
    int total = k < d ? d + 1 : d;
    int pos = p + total;
    for (int idx = d - 1; idx >= 0; idx--) {
      out[--pos] = (byte) ('0' + x % 10);
      x /= 10;
      if (idx == k && k < d) {
        out[--pos] = '.';
      }
    }
    return total;
  }

  private static final double[] POW10D = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10D.length; i++) {
      POW10D[i] = p;
      p *= 10;
    }
  }

  /**
   * The double nearest to the decimal {@code w * 10^q} ({@code w} of {@code digits} significant
   * digits, at most 17), or NaN when the fast paths cannot decide: exact double arithmetic when
   * {@code w} and the power of ten are exact (Clinger's fast path), else the one neighbour of
   * an approximation whose %.17g digits are exactly the input, which is how Redis wrote them.
   */
  private static double fastDecimal(long w, int digits, int q) {
    if (q < -22 || q > 22) {
      return Double.NaN;
    }
    if (w < (1L << 53)) {
      return q >= 0 ? w * POW10D[q] : w / POW10D[-q];
    }
    double approx = q >= 0 ? w * POW10D[q] : w / POW10D[-q];
    long want = w * POW10[17 - digits];
    int k = 16 - (q + digits - 1); // the scale that gives the input's 17 digits
    double c = approx;
    for (int i = 0; i < 3; i++) {
      long bits = Double.doubleToRawLongBits(c);
      int biased = (int) (bits >>> 52);
      if (biased != 0 && scaled((bits & ((1L << 52) - 1)) | (1L << 52), biased - 1075, k) == want) {
        return c;
      }
      c = i == 0 ? Math.nextUp(approx) : Math.nextDown(approx);
    }
    return Double.NaN;
  }

  /**
   * C's {@code strtod} over {@code b[off, off+len)}: leading blanks, an optional sign, then
   * {@code inf}/{@code infinity}/{@code nan} (any case) or the longest decimal number prefix;
   * 0 when nothing parses. Trailing bytes are ignored, as {@code zzlStrtod} ignores them.
   */
  static double strtod(byte[] b, int off, int len) {
    int p = off;
    int end = off + len;
    while (p < end && (b[p] == ' ' || (b[p] >= '\t' && b[p] <= '\r'))) {
      p++;
    }
    int start = p;
    boolean neg = false;
    if (p < end && (b[p] == '+' || b[p] == '-')) {
      neg = b[p] == '-';
      p++;
    }
    if (startsWithIgnoreCase(b, p, end, "inf")) {
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (startsWithIgnoreCase(b, p, end, "nan")) {
      return Double.NaN;
    }
    int digitsStart = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    int intDigits = p - digitsStart;
    int fracDigits = 0;
    if (p < end && b[p] == '.') {
      int q = p + 1;
      while (q < end && b[q] >= '0' && b[q] <= '9') {
        q++;
      }
      fracDigits = q - p - 1;
      if (intDigits + fracDigits > 0) {
        p = q;
      }
    }
    if (intDigits + fracDigits == 0) {
      return 0;
    }
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      int q = p + 1;
      if (q < end && (b[q] == '+' || b[q] == '-')) {
        q++;
      }
      int expStart = q;
      while (q < end && b[q] >= '0' && b[q] <= '9') {
        q++;
      }
      if (q > expStart) {
        p = q;
      }
    }
    double fast = parseFast(b, start, p);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    String s = new String(b, start, p - start, StandardCharsets.US_ASCII);
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** A well-formed decimal {@code [sign]digits[.digits][e[sign]digits]} of at most 17 digits, else NaN. */
  private static double parseFast(byte[] b, int p, int end) {
    boolean neg = false;
    if (b[p] == '+' || b[p] == '-') {
      neg = b[p] == '-';
      p++;
    }
    long w = 0;
    int digits = 0;
    int scale = 0; // digits after the point that went into w
    boolean point = false;
    for (; p < end; p++) {
      int c = b[p];
      if (c == '.') {
        point = true;
        continue;
      }
      if (c < '0' || c > '9') {
        break;
      }
      if (w == 0 && c == '0') {
        if (point) {
          scale++;
        }
        continue; // leading zeros
      }
      if (digits == 17) {
        return Double.NaN;
      }
      w = w * 10 + (c - '0');
      digits++;
      if (point) {
        scale++;
      }
    }
    int exp = 0;
    if (p < end && (b[p] == 'e' || b[p] == 'E')) {
      p++;
      boolean eneg = false;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        eneg = b[p] == '-';
        p++;
      }
      for (; p < end; p++) {
        exp = exp * 10 + (b[p] - '0');
        if (exp > 1000) {
          return Double.NaN;
        }
      }
      if (eneg) {
        exp = -exp;
      }
    }
    if (w == 0) {
      return neg ? -0.0 : 0.0;
    }
    double v = fastDecimal(w, digits, exp - scale);
    return neg ? -v : v;
  }

  private static boolean startsWithIgnoreCase(byte[] b, int p, int end, String word) {
    if (end - p < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.toLowerCase((char) b[p + i]) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
