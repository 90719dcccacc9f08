package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scores are read the way redis-server 7.0 reads them (glibc strtod plus Redis's checks); each
 * row is an input and the ZSCORE text redis-server 7.0.15 gave for it, or "error" when ZADD
 * rejected it.
 */
class SortedSetScoreParsingTest {

  private CommandHarness h;

  @BeforeEach
  void start() {
    h = new CommandHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "0x1p|error", "1e+|error", "1e5x|error", "+.5|0.5", "-.e1|error", ".|error", "+|error", "-|error",
    "0x.8|0.5", "INF|inf", "-Infinity|-inf", "infinit|error", "1_000|error", "0X1P-2|0.25",
    "1e-320|9.9998886718268301e-321", "0x|error", "00012|12", "1.7976931348623157e308|1.7976931348623157e+308",
    "1.8e308|error", "nan(abc)|error", "-nan|error", "0x1.fffffffffffffp1023|1.7976931348623157e+308",
    "0x1p1024|error", "4.9e-325|error", "2.4703282292062328e-324|4.9406564584124654e-324",
    "123456789012345678|1.2345678901234568e+17", "0.1|0.10000000000000001", "1e15|1000000000000000",
    "1e17|1e+17", "0.0001|0.0001", "0.00001|1.0000000000000001e-05"
  })
  void zadd_scoreText_parsedAndPrintedAsRedis(String input, String expected) {
    String added = h.run("ZADD", "k", input, "m");
    if (expected.equals("error")) {
      assertThat(added).isEqualTo("-ERR value is not a valid float\r\n");
      return;
    }
    assertThat(added).isEqualTo(":1\r\n");
    assertThat(h.run("ZSCORE", "k", "m")).isEqualTo("$" + expected.length() + "\r\n" + expected + "\r\n");
  }
}
