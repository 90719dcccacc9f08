package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.type.LongDouble;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The x87 extended-precision model behind INCRBYFLOAT ({@link LongDouble}). */
class StringIncrByFloatTest {

  private static BigDecimal parse(String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    return LongDouble.parse(b, 0, b.length);
  }

  private static String human(BigDecimal v) {
    return new String(LongDouble.formatHuman(v), StandardCharsets.US_ASCII);
  }

  private static BigDecimal pow2(int e) {
    return e >= 0 ? new BigDecimal(java.math.BigInteger.ONE.shiftLeft(e))
        : BigDecimal.ONE.divide(new BigDecimal(java.math.BigInteger.ONE.shiftLeft(-e)));
  }

  @Test
  void parse_roundsToSixtyFourBitSignificandTiesToEven() {
    // In [1, 2) one unit in the last place is 2^-63.
    assertThat(parse("0x1.00000000000000008p0")).isEqualByComparingTo(BigDecimal.ONE); // 1/4 ulp
    assertThat(parse("0x1.00000000000000018p0")).isEqualByComparingTo(BigDecimal.ONE.add(pow2(-63))); // 3/4
    assertThat(parse("0x1.0000000000000001p0")).isEqualByComparingTo(BigDecimal.ONE); // 1/2: to even
    assertThat(parse("0x1.0000000000000003p0")).isEqualByComparingTo(BigDecimal.ONE.add(pow2(-62))); // 3/2
    assertThat(parse("18446744073709551617")).isEqualByComparingTo(new BigDecimal("18446744073709551616"));
    assertThat(parse("18446744073709551619")).isEqualByComparingTo(new BigDecimal("18446744073709551620"));
  }

  @Test
  void parse_subnormalsAndRangeLimits() {
    assertThat(parse("0x1p-16445")).isEqualByComparingTo(pow2(-16445));
    assertThat(parse("0x1.8p-16446")).isEqualByComparingTo(pow2(-16445));
    assertThat(parse("0x1p-16446")).isNull(); // a tie rounds to zero: underflow
    assertThat(parse("1e-4952")).isNull();
    assertThat(parse("1.18973149535723176502e4932")).isNotNull();
    assertThat(parse("1.19e4932")).isNull();
    assertThat(parse("1e5000")).isNull();
  }

  @Test
  void parse_syntaxAsStrtoldWithRedisChecks() {
    assertThat(parse("+.5")).isEqualByComparingTo("0.5");
    assertThat(parse("-5.")).isEqualByComparingTo("-5");
    assertThat(parse("1E+3")).isEqualByComparingTo("1000");
    assertThat(parse("-0")).isEqualByComparingTo("0");
    assertThat(parse("inf")).isSameAs(LongDouble.INFINITY);
    assertThat(parse("-Infinity")).isSameAs(LongDouble.INFINITY);
    for (String bad : new String[] {"", " 1", "1 ", "\t1", "1e", "1e+", ".", "0x", "0x1p", "nan", "infinit", "1\0", "\0",
        "1,5", "1_0", "abc"}) {
      assertThat(parse(bad)).as(bad).isNull();
    }
    assertThat(parse("0." + "1".repeat(5117))).isNotNull(); // 5119 bytes
    assertThat(parse("0." + "1".repeat(5118))).isNull(); // 5120 bytes: longer than Redis's buffer
  }

  @Test
  void add_roundsAndDetectsOverflow() {
    assertThat(human(LongDouble.add(parse("10.5"), parse("0.1")))).isEqualTo("10.6");
    assertThat(human(LongDouble.add(parse("10.6"), parse("5.0e3")))).isEqualTo("5010.60000000000000009");
    assertThat(LongDouble.add(parse("1.18973149535723176502e4932"), parse("1.18973149535723176502e4932"))).isNull();
    assertThat(LongDouble.add(parse("1"), LongDouble.INFINITY)).isNull();
    assertThat(human(LongDouble.add(parse("3"), parse("-3")))).isEqualTo("0");
  }

  @Test
  void formatHuman_seventeenDecimalsTrimmed() {
    assertThat(human(new BigDecimal("3"))).isEqualTo("3");
    assertThat(human(new BigDecimal("-2.5"))).isEqualTo("-2.5");
    assertThat(human(new BigDecimal("-1e-20"))).isEqualTo("0");
    assertThat(human(new BigDecimal("0.000003814697265625"))).isEqualTo("0.00000381469726562");
    assertThat(human(new BigDecimal("0.000011444091796875"))).isEqualTo("0.00001144409179688");
    assertThat(human(new BigDecimal("1e30"))).isEqualTo("1000000000000000000000000000000");
  }
}
