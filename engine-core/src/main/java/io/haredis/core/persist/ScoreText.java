package io.haredis.core.persist;

import io.haredis.core.digest.DatasetDigest;
import java.nio.charset.StandardCharsets;

/** Sorted-set scores as text, the way Redis 7.0 writes and reads them in RDB encodings. */
final class ScoreText {

  private ScoreText() {}

  /**
   * Redis 7.0's {@code d2string}: {@code nan}, {@code inf}, {@code -inf}, {@code 0} or
   * {@code -0}, an integral value within 2^62 as an integer, anything else as {@code %.17g}.
   */
  static byte[] d2string(double d) {
    String s;
    if (Double.isNaN(d)) {
      s = "nan";
    } else if (Double.isInfinite(d)) {
      s = d > 0 ? "inf" : "-inf";
    } else if (d == 0) {
      s = Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
    } else if (d >= -(double) (Long.MAX_VALUE / 2) && d <= (double) (Long.MAX_VALUE / 2) && d == (double) (long) d) {
      s = Long.toString((long) d);
    } else {
      s = DatasetDigest.formatScore(d);
    }
    return s.getBytes(StandardCharsets.US_ASCII);
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
    String s = new String(b, start, p - start, StandardCharsets.US_ASCII);
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return 0;
    }
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
