package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {

  @Test
  void update_checkValue_isRedisCrc64Jones() {
    byte[] b = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Crc64.update(0, b, 0, b.length)).isEqualTo(0xe9c6d914c4b8d9caL);
  }

  @Test
  void update_inPieces_equalsWhole() {
    Random r = new Random(7);
    byte[] b = new byte[1000];
    r.nextBytes(b);
    long whole = Crc64.update(0, b, 0, b.length);
    for (int cut = 0; cut <= b.length; cut += 37) {
      long crc = Crc64.update(0, b, 0, cut);
      assertThat(Crc64.update(crc, b, cut, b.length - cut)).as("cut %d", cut).isEqualTo(whole);
    }
  }

  @Test
  void update_matchesBitwiseDefinition() {
    Random r = new Random(11);
    for (int n = 0; n < 40; n++) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      assertThat(Crc64.update(0, b, 0, n)).isEqualTo(bitwise(b));
    }
  }

  private static long bitwise(byte[] b) {
    long crc = 0;
    for (byte x : b) {
      crc ^= x & 0xff;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x95ac9329ac4bc9b5L : crc >>> 1;
      }
    }
    return crc;
  }
}
