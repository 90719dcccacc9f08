package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.digest.DatasetDigest;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreTextTest {

  private static String fast(double d) {
    byte[] b = new byte[40];
    int n = ScoreText.format17g(d, b, 0);
    return new String(b, 0, n, StandardCharsets.US_ASCII);
  }

  @Test
  void format17g_matchesExactFormatting_onRandomDoubles() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int i = 0; i < 300_000; i++) {
      double d = switch (i % 5) {
        case 0 -> Double.longBitsToDouble(r.nextLong());
        case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
        case 2 -> (r.nextInt(2_000_000) - 1_000_000) / 1000.0;
        case 3 -> r.nextInt(100) / 10.0;
        default -> -r.nextDouble() * Math.pow(10, r.nextInt(24) - 7);
      };
      if (Double.isNaN(d) || Double.isInfinite(d) || d == 0) {
        continue;
      }
      assertThat(fast(d)).as("seed=%d value bits %x", seed, Double.doubleToRawLongBits(d))
          .isEqualTo(DatasetDigest.formatScore(d));
    }
  }

  @Test
  void format17g_edgeValues() {
    double[] values = {0.1, 1.5, -2.5e-7, 1e-5, 1e-4, 9.999999999999999e16, 1e16, 1e17, 123456789.125,
        Double.MIN_VALUE, Double.MAX_VALUE, 4503599627370496.5, 0.30000000000000004, 1e-300, 5e-324,
        99999999999999999.0, 9.9999999999999995e-5};
    for (double d : values) {
      assertThat(fast(d)).as("%s", d).isEqualTo(DatasetDigest.formatScore(d));
      assertThat(fast(-d)).as("-%s", d).isEqualTo(DatasetDigest.formatScore(-d));
    }
  }

  @Test
  void d2string_asRedis70() {
    assertThat(new String(ScoreText.d2string(3.0))).isEqualTo("3");
    assertThat(new String(ScoreText.d2string(-0.0))).isEqualTo("-0");
    assertThat(new String(ScoreText.d2string(Double.POSITIVE_INFINITY))).isEqualTo("inf");
    assertThat(new String(ScoreText.d2string(Double.NEGATIVE_INFINITY))).isEqualTo("-inf");
    assertThat(new String(ScoreText.d2string(0.1))).isEqualTo("0.10000000000000001");
    assertThat(new String(ScoreText.d2string(1e20))).isEqualTo("1e+20");
    assertThat(new String(ScoreText.d2string(4611686018427387904.0))).isEqualTo("4611686018427387904");
  }

  @Test
  void strtod_roundTripsFormat17g_andAgreesWithJavaOnOtherDecimals() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int i = 0; i < 200_000; i++) {
      double d = i % 2 == 0 ? Double.longBitsToDouble(r.nextLong()) : r.nextInt(100_000) / (double) (1 + r.nextInt(1000));
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      byte[] text = DatasetDigest.formatScore(d).getBytes(StandardCharsets.US_ASCII);
      assertThat(ScoreText.strtod(text, 0, text.length)).as("seed=%d %s", seed, d).isEqualTo(d);
      String other = (r.nextBoolean() ? "-" : "") + r.nextInt(1_000_000) + "." + Math.abs(r.nextLong() % 1_000_000_000_000L)
          + (r.nextBoolean() ? "e" + (r.nextInt(40) - 20) : "");
      byte[] o = other.getBytes(StandardCharsets.US_ASCII);
      assertThat(ScoreText.strtod(o, 0, o.length)).as("seed=%d %s", seed, other).isEqualTo(Double.parseDouble(other));
    }
  }

  @Test
  void strtod_likeC() {
    assertThat(ScoreText.strtod(" 1.5xyz".getBytes(), 0, 7)).isEqualTo(1.5);
    assertThat(ScoreText.strtod("-inf".getBytes(), 0, 4)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(ScoreText.strtod("Infinity".getBytes(), 0, 8)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(ScoreText.strtod("nan".getBytes(), 0, 3)).isNaN();
    assertThat(ScoreText.strtod("1e".getBytes(), 0, 2)).isEqualTo(1.0);
    assertThat(ScoreText.strtod(".5".getBytes(), 0, 2)).isEqualTo(0.5);
    assertThat(ScoreText.strtod("abc".getBytes(), 0, 3)).isEqualTo(0.0);
    assertThat(ScoreText.strtod("2.5e-7".getBytes(), 0, 6)).isEqualTo(2.5e-7);
  }
}
