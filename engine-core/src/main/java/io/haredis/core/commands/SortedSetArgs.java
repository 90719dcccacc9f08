package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.ZRange;
import java.nio.charset.StandardCharsets;

/**
 * Argument parsing and score formatting for the sorted-set commands: doubles read the way C's
 * {@code strtod} reads them (with Redis's extra checks), score and lex range bounds, and scores
 * written as Redis writes them ({@code %.17g}, {@code inf}/{@code -inf}).
 */
final class SortedSetArgs {

  static final CommandError MIN_MAX_NOT_FLOAT = new CommandError("ERR min or max is not a float");
  static final CommandError BAD_LEX_RANGE = new CommandError("ERR min or max not valid string range item");

  private SortedSetArgs() {}

  /** Where {@link #strtod} stopped (index into the array). */
  private static final class End {
    int pos;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || (b >= '\t' && b <= '\r');
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isHex(byte b) {
    return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static boolean matchesWord(byte[] a, int p, int end, String w) {
    if (end - p < w.length()) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if ((a[p + i] | 0x20) != w.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * C's {@code strtod} over {@code a[p..end)}: leading blanks, sign, {@code inf}/{@code
   * infinity}/{@code nan[(...)]}, hex floats, decimal floats. Returns the value and stores the
   * stop position in {@code out} ({@code p} when nothing was read). {@code range[0]} is set when
   * the value overflowed or underflowed to zero (C's ERANGE cases Redis rejects).
   */
  private static double strtod(byte[] a, int p, int end, End out, boolean[] range) {
    int start = p;
    range[0] = false;
    while (p < end && isSpace(a[p])) {
      p++;
    }
    boolean neg = false;
    if (p < end && (a[p] == '+' || a[p] == '-')) {
      neg = a[p] == '-';
      p++;
    }
    if (matchesWord(a, p, end, "inf")) {
      out.pos = p + (matchesWord(a, p, end, "infinity") ? 8 : 3);
      return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (matchesWord(a, p, end, "nan")) {
      int q = p + 3;
      if (q < end && a[q] == '(') {
        int r = q + 1;
        while (r < end && (isDigit(a[r]) || (a[r] | 0x20) >= 'a' && (a[r] | 0x20) <= 'z' || a[r] == '_')) {
          r++;
        }
        if (r < end && a[r] == ')') {
          q = r + 1;
        }
      }
      out.pos = q;
      return Double.NaN;
    }
    StringBuilder sb = new StringBuilder(end - p + 8);
    boolean nonZero = false;
    if (p + 1 < end && a[p] == '0' && (a[p + 1] | 0x20) == 'x'
        && ((p + 2 < end && isHex(a[p + 2])) || (p + 3 < end && a[p + 2] == '.' && isHex(a[p + 3])))) {
      int q = p + 2;
      sb.append("0x");
      boolean dot = false;
      while (q < end && (isHex(a[q]) || (a[q] == '.' && !dot))) {
        if (a[q] == '.') {
          dot = true;
        } else if (a[q] != '0') {
          nonZero = true;
        }
        sb.append((char) a[q]);
        q++;
      }
      int exp = appendExponent(a, q, end, 'p', sb);
      if (exp == q) {
        sb.append("p0");
      }
      out.pos = exp;
    } else {
      int q = p;
      int digits = 0;
      boolean dot = false;
      while (q < end && (isDigit(a[q]) || (a[q] == '.' && !dot))) {
        if (a[q] == '.') {
          dot = true;
        } else {
          digits++;
          if (a[q] != '0') {
            nonZero = true;
          }
        }
        sb.append((char) a[q]);
        q++;
      }
      if (digits == 0) {
        out.pos = start;
        return 0;
      }
      out.pos = appendExponent(a, q, end, 'e', sb);
    }
    double v = Double.parseDouble(sb.toString());
    if (Double.isInfinite(v) || (v == 0 && nonZero)) {
      range[0] = true;
    }
    return neg ? -v : v;
  }

  /** Appends an exponent part ({@code e}/{@code p}, sign, digits) if complete; returns the end. */
  private static int appendExponent(byte[] a, int q, int end, char letter, StringBuilder sb) {
    if (q < end && (a[q] | 0x20) == letter) {
      int r = q + 1;
      if (r < end && (a[r] == '+' || a[r] == '-')) {
        r++;
      }
      if (r < end && isDigit(a[r])) {
        while (r < end && isDigit(a[r])) {
          r++;
        }
        sb.append(letter);
        for (int i = q + 1; i < r; i++) {
          sb.append((char) a[i]);
        }
        return r;
      }
    }
    return q;
  }

  /** The C string length of a slice: up to its first NUL. */
  private static int cEnd(byte[] a, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (a[i] == 0) {
        return i;
      }
    }
    return off + len;
  }

  /**
   * Redis's getDoubleFromObject: the whole argument must be a number (no blank first, nothing
   * after), not NaN, not out of range; else {@code error}.
   */
  static double parseDouble(Invocation c, int i, CommandError error) {
    byte[] a = c.argArray(i);
    int off = c.argOffset(i);
    int len = c.argLength(i);
    if (len == 0 || isSpace(a[off])) {
      throw error;
    }
    End e = new End();
    boolean[] range = new boolean[1];
    double v = strtod(a, off, off + len, e, range);
    if (e.pos != off + len || range[0] || Double.isNaN(v)) {
      throw error;
    }
    return v;
  }

  /**
   * C's {@code strtod} over the C string in {@code a[off..off+len)} (up to its first NUL), as
   * SORT reads scores: the whole C string must be consumed, no ERANGE, not NaN. Returns NaN when
   * any of that fails.
   */
  static double strtodCString(byte[] a, int off, int len) {
    int end = cEnd(a, off, len);
    End e = new End();
    boolean[] range = new boolean[1];
    double v = strtod(a, off, end, e, range);
    return e.pos != end || range[0] ? Double.NaN : v;
  }

  static double parseDouble(Invocation c, int i) {
    return parseDouble(c, i, ErrorReply.NOT_FLOAT);
  }

  /** One bound of a score range (zslParseRange): optional {@code (}, then strtod to the C end. */
  private static double scoreBound(Invocation c, int i, boolean[] exclusive) {
    byte[] a = c.argArray(i);
    int off = c.argOffset(i);
    int end = cEnd(a, off, c.argLength(i));
    exclusive[0] = off < end && a[off] == '(';
    int p = exclusive[0] ? off + 1 : off;
    End e = new End();
    double v = strtod(a, p, end, e, new boolean[1]);
    if (e.pos != end || Double.isNaN(v)) {
      throw MIN_MAX_NOT_FLOAT;
    }
    return v;
  }

  static ZRange.Score scoreRange(Invocation c, int minIdx, int maxIdx) {
    boolean[] ex = new boolean[1];
    double min = scoreBound(c, minIdx, ex);
    boolean minex = ex[0];
    double max = scoreBound(c, maxIdx, ex);
    return new ZRange.Score(min, minex, max, ex[0]);
  }

  /** A lex range: each bound {@code -}, {@code +}, {@code [value} or {@code (value}. */
  static ZRange.Lex lexRange(Invocation c, int minIdx, int maxIdx) {
    int[] kind = new int[2];
    boolean[] ex = new boolean[2];
    byte[][] val = new byte[2][];
    for (int k = 0; k < 2; k++) {
      int i = k == 0 ? minIdx : maxIdx;
      byte[] a = c.argArray(i);
      int off = c.argOffset(i);
      int end = cEnd(a, off, c.argLength(i));
      if (off == end) {
        throw BAD_LEX_RANGE;
      }
      switch (a[off]) {
        case '+':
        case '-':
          if (end - off != 1) {
            throw BAD_LEX_RANGE;
          }
          kind[k] = a[off] == '+' ? ZRange.Lex.POS_INF : ZRange.Lex.NEG_INF;
          ex[k] = true;
          break;
        case '(':
        case '[':
          kind[k] = ZRange.Lex.VALUE;
          ex[k] = a[off] == '(';
          val[k] = java.util.Arrays.copyOfRange(a, off + 1, off + c.argLength(i));
          break;
        default:
          throw BAD_LEX_RANGE;
      }
    }
    return new ZRange.Lex(kind[0], val[0], ex[0], kind[1], val[1], ex[1]);
  }

  /** A score as Redis prints it ({@code %.17g}; integers fast). */
  static String formatScore(double d) {
    if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && Double.doubleToRawLongBits(d) != 0)) {
      return Long.toString((long) d);
    }
    return DatasetDigest.formatScore(d);
  }

  /**
   * Redis 7.0's d2string (how a listpack stores a score, and how ZSCAN prints one): integral
   * values up to 2^62 in magnitude as integers, anything else like {@code %.17g}.
   */
  static byte[] scoreBytes(double d) {
    if (d != 0 && d == Math.rint(d) && Math.abs(d) <= (double) (Long.MAX_VALUE / 2)) {
      return Long.toString((long) d).getBytes(StandardCharsets.US_ASCII);
    }
    return formatScore(d).getBytes(StandardCharsets.US_ASCII);
  }

  /** Redis's addReplyDouble: a bulk string under RESP2, a RESP3 double otherwise. */
  static void replyScore(ReplyWriter r, double d) {
    r.doubleText(formatScore(d));
  }
}
