package io.haredis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DigestScoreFormatTest {

  @Test
  void formatScore_likeCPercent17g() {
    assertThat(DatasetDigest.formatScore(1)).isEqualTo("1");
    assertThat(DatasetDigest.formatScore(-2.5)).isEqualTo("-2.5");
    assertThat(DatasetDigest.formatScore(0.1)).isEqualTo("0.10000000000000001");
    assertThat(DatasetDigest.formatScore(1e17)).isEqualTo("1e+17");
    assertThat(DatasetDigest.formatScore(1e16)).isEqualTo("10000000000000000");
    assertThat(DatasetDigest.formatScore(0.0001)).isEqualTo("0.0001");
    assertThat(DatasetDigest.formatScore(0.00001)).isEqualTo("1.0000000000000001e-05");
    assertThat(DatasetDigest.formatScore(1.5e300)).isEqualTo("1.5000000000000001e+300");
    assertThat(DatasetDigest.formatScore(Double.POSITIVE_INFINITY)).isEqualTo("inf");
    assertThat(DatasetDigest.formatScore(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    assertThat(DatasetDigest.formatScore(0.0)).isEqualTo("0");
    assertThat(DatasetDigest.formatScore(123456789.125)).isEqualTo("123456789.125");
  }

  @Test
  void hex_lowerCase() {
    assertThat(DatasetDigest.hex(new byte[] {0, (byte) 0xab, 0x0f})).isEqualTo("00ab0f");
  }
}
