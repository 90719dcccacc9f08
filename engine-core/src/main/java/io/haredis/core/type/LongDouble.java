package io.haredis.core.type;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * The arithmetic of INCRBYFLOAT: C's {@code long double} as Redis builds it on x86-64, the x87
 * 80-bit extended format (64-bit significand with an explicit integer bit, 15-bit exponent).
 *
 * <h2>Why emulate it</h2>
 * Redis parses both operands with {@code strtold}, adds them in extended precision and prints
 * the sum with {@code "%.17Lf"} before trimming trailing zeros ({@code ld2string} in its
 * human mode). A {@code double} would give different digits for many inputs (for example
 * {@code 10.5 + 0.1}), so values are modelled here as exact {@link BigDecimal}s that are
 * always representable in the extended format: parsing and addition compute the exact result
 * and then round it to a 64-bit significand, ties to even, with the format's exponent range
 * (including subnormals), exactly what correctly rounded {@code strtold} and the x87 adder do.
 * Printing rounds the exact binary value to 17 decimals, ties to even, as glibc's printf does.
 *
 * <h2>Parsing rules</h2>
 * Mirrors Redis's {@code string2ld}: the text must be shorter than 5120 bytes, must not start
 * with white space, must be consumed entirely by {@code strtold} (decimal or hexadecimal
 * notation, {@code inf}/{@code infinity}), and must not overflow, underflow to zero or be NaN.
 * A NUL byte inside the text makes it invalid (the conversion would end early).
 *
 * <p>Not on any hot path; allocation is fine here.
 */
public final class LongDouble {

  /** The result of {@link #parse} for an infinite operand (its sum is never finite). */
  public static final BigDecimal INFINITY = new BigDecimal("1E+999999");

  private static final int MANTISSA_BITS = 64;
  /** Exponent of the least significant significand bit of the smallest subnormal. */
  private static final int MIN_LSB_EXPONENT = -16445;
  /** Every finite value is below 2^MAX_BIT_EXPONENT. */
  private static final int MAX_BIT_EXPONENT = 16384;
  private static final int MAX_CHARS = 5 * 1024;
  private static final BigInteger FIVE = BigInteger.valueOf(5);

  private LongDouble() {}

  /**
   * Parses {@code buf[off, off+len)} as Redis's {@code string2ld} does.
   *
   * @return the value rounded to extended precision, {@link #INFINITY} (compare by identity)
   *     for an infinite input, or {@code null} when Redis would reject it
   */
  public static BigDecimal parse(byte[] buf, int off, int len) {
    if (len == 0 || len >= MAX_CHARS) {
      return null;
    }
    int end = off + len;
    for (int i = off; i < end; i++) {
      if (buf[i] == 0) {
        return null; // strtold would stop there, short of the whole text
      }
    }
    if (isSpace(buf[off])) {
      return null;
    }
    int p = off;
    boolean negative = false;
    if (buf[p] == '+' || buf[p] == '-') {
      negative = buf[p] == '-';
      p++;
    }
    String rest = new String(buf, p, end - p, StandardCharsets.ISO_8859_1);
    String lower = rest.toLowerCase(java.util.Locale.ROOT);
    if (lower.equals("inf") || lower.equals("infinity")) {
      return INFINITY;
    }
    BigDecimal exact;
    if (lower.startsWith("0x")) {
      exact = parseHex(lower.substring(2));
    } else {
      exact = parseDecimal(lower);
    }
    if (exact == null) {
      return null;
    }
    if (exact.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal rounded = round(exact);
    if (rounded == null || rounded.signum() == 0) {
      return null; // overflow to HUGE_VAL or underflow to zero: ERANGE
    }
    return negative ? rounded.negate() : rounded;
  }

  /** The value of a long (always exact in 64 bits of significand). */
  public static BigDecimal of(long v) {
    return BigDecimal.valueOf(v);
  }

  /**
   * The extended-precision sum, or {@code null} when it is infinite or NaN (also when an
   * operand is {@link #INFINITY}).
   */
  public static BigDecimal add(BigDecimal a, BigDecimal b) {
    if (a == INFINITY || b == INFINITY) {
      return null;
    }
    BigDecimal sum = a.add(b);
    if (sum.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return round(sum);
  }

  /** {@code ld2string(..., LD_STR_HUMAN)}: {@code %.17Lf} with trailing zeros removed. */
  public static byte[] formatHuman(BigDecimal v) {
    String s = v.setScale(17, RoundingMode.HALF_EVEN).toPlainString();
    int l = s.length();
    if (s.indexOf('.') >= 0) {
      while (s.charAt(l - 1) == '0') {
        l--;
      }
      if (s.charAt(l - 1) == '.') {
        l--;
      }
    }
    s = s.substring(0, l);
    if (s.equals("-0")) {
      s = "0";
    }
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---- parsing ----------------------------------------------------------------------------

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
  }

  /** digits [. digits] [e [+-] digits], at least one digit in the mantissa. */
  private static BigDecimal parseDecimal(String s) {
    int n = s.length();
    int i = 0;
    StringBuilder digits = new StringBuilder();
    int fraction = 0;
    boolean any = false;
    while (i < n && isDigit(s.charAt(i))) {
      digits.append(s.charAt(i++));
      any = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        digits.append(s.charAt(i++));
        fraction++;
        any = true;
      }
    }
    if (!any) {
      return null;
    }
    long exp = 0;
    if (i < n && s.charAt(i) == 'e') {
      int j = i + 1;
      boolean neg = false;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        neg = s.charAt(j) == '-';
        j++;
      }
      if (j == n || !isDigit(s.charAt(j))) {
        return null; // strtold would stop before the 'e', leaving text behind
      }
      while (j < n && isDigit(s.charAt(j))) {
        if (exp < 1_000_000_000L) {
          exp = exp * 10 + (s.charAt(j) - '0');
        }
        j++;
      }
      exp = neg ? -exp : exp;
      i = j;
    }
    if (i != n) {
      return null;
    }
    BigInteger unscaled = new BigInteger(digits.toString());
    if (unscaled.signum() == 0) {
      return BigDecimal.ZERO;
    }
    // Position of the leading digit, to settle far-out exponents without huge powers.
    int leading = unscaled.toString().length();
    long magnitude = exp - fraction + leading; // value is in [10^(magnitude-1), 10^magnitude)
    if (magnitude > 4934) {
      return INFINITY_MARK;
    }
    if (magnitude < -4953) {
      return UNDERFLOW_MARK;
    }
    return new BigDecimal(unscaled, (int) (fraction - exp));
  }

  /** hexdigits [. hexdigits] [p [+-] digits] after the 0x prefix. */
  private static BigDecimal parseHex(String s) {
    int n = s.length();
    int i = 0;
    BigInteger mant = BigInteger.ZERO;
    long binExp = 0;
    boolean any = false;
    while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
      mant = mant.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
      any = true;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && Character.digit(s.charAt(i), 16) >= 0) {
        mant = mant.shiftLeft(4).add(BigInteger.valueOf(Character.digit(s.charAt(i++), 16)));
        binExp -= 4;
        any = true;
      }
    }
    if (!any) {
      return null; // "0x" alone: strtold reads the 0 and stops at the x
    }
    if (i < n && s.charAt(i) == 'p') {
      int j = i + 1;
      boolean neg = false;
      if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
        neg = s.charAt(j) == '-';
        j++;
      }
      if (j == n || !isDigit(s.charAt(j))) {
        return null;
      }
      long e = 0;
      while (j < n && isDigit(s.charAt(j))) {
        if (e < 1_000_000_000L) {
          e = e * 10 + (s.charAt(j) - '0');
        }
        j++;
      }
      binExp += neg ? -e : e;
      i = j;
    }
    if (i != n) {
      return null;
    }
    if (mant.signum() == 0) {
      return BigDecimal.ZERO;
    }
    long top = binExp + mant.bitLength();
    if (top > MAX_BIT_EXPONENT + 1) {
      return INFINITY_MARK;
    }
    if (top < MIN_LSB_EXPONENT - 1) {
      return UNDERFLOW_MARK;
    }
    return exactPowerOfTwo(mant, (int) binExp);
  }

  private static boolean isDigit(char ch) {
    return ch >= '0' && ch <= '9';
  }

  // Markers for magnitudes decided without exact arithmetic (see round()).
  private static final BigDecimal INFINITY_MARK = new BigDecimal("1E+999998");
  private static final BigDecimal UNDERFLOW_MARK = new BigDecimal("1E-999998");

  // ---- rounding ---------------------------------------------------------------------------

  /**
   * Rounds an exact nonzero value to the extended format, ties to even.
   *
   * @return the rounded value, {@code 0} on underflow, {@code null} on overflow
   */
  static BigDecimal round(BigDecimal x) {
    if (x == INFINITY_MARK) {
      return null;
    }
    if (x == UNDERFLOW_MARK) {
      return BigDecimal.ZERO;
    }
    boolean negative = x.signum() < 0;
    BigDecimal a = x.abs();
    BigInteger num;
    BigInteger den;
    if (a.scale() > 0) {
      num = a.unscaledValue();
      den = BigInteger.TEN.pow(a.scale());
    } else {
      num = a.unscaledValue().multiply(BigInteger.TEN.pow(-a.scale()));
      den = BigInteger.ONE;
    }
    int e = num.bitLength() - den.bitLength() - MANTISSA_BITS;
    BigInteger[] qr = divideScaled(num, den, e);
    if (qr[0].bitLength() > MANTISSA_BITS) {
      e++;
      qr = divideScaled(num, den, e);
    }
    if (e < MIN_LSB_EXPONENT) {
      e = MIN_LSB_EXPONENT;
      qr = divideScaled(num, den, e);
    }
    BigInteger q = qr[0];
    BigInteger remTwice = qr[1].shiftLeft(1);
    BigInteger d = qr[2];
    int cmp = remTwice.compareTo(d);
    if (cmp > 0 || (cmp == 0 && q.testBit(0))) {
      q = q.add(BigInteger.ONE);
      if (q.bitLength() > MANTISSA_BITS) {
        q = q.shiftRight(1);
        e++;
      }
    }
    if (q.signum() == 0) {
      return BigDecimal.ZERO;
    }
    if (e + q.bitLength() > MAX_BIT_EXPONENT) {
      return null;
    }
    BigDecimal r = exactPowerOfTwo(q, e);
    return negative ? r.negate() : r;
  }

  /** {num * 2^-e / den} as quotient, remainder and the divisor used. */
  private static BigInteger[] divideScaled(BigInteger num, BigInteger den, int e) {
    BigInteger n = e < 0 ? num.shiftLeft(-e) : num;
    BigInteger d = e > 0 ? den.shiftLeft(e) : den;
    BigInteger[] qr = n.divideAndRemainder(d);
    return new BigInteger[] {qr[0], qr[1], d};
  }

  /** Exactly {@code m * 2^e}. */
  private static BigDecimal exactPowerOfTwo(BigInteger m, int e) {
    if (e >= 0) {
      return new BigDecimal(m.shiftLeft(e));
    }
    return new BigDecimal(m.multiply(FIVE.pow(-e)), -e);
  }
}
