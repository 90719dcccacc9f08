package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import org.junit.jupiter.api.Test;

/** DEBUG DIGEST and DIGEST-VALUE of lists equal redis-server 7.0's. */
class ListDigestIT {

  @Test
  void lists_digestsEqualRedis() {
    try (RealRedis real = RealRedis.start("--enable-debug-command", "yes");
        RedisServer server = RedisServer.builder().port(0).start();
        RawRespClient ours = new RawRespClient(server.address().host(), server.address().port());
        RawRespClient theirs = new RawRespClient(real.host(), real.port())) {
      String[][] cmds = {
          {"RPUSH", "ints", "1", "-1", "0", "9223372036854775807", "-9223372036854775808", "12345678901234567890"},
          {"RPUSH", "strs", "a", "", "0123", "-0", "1.5", " 1", "x".repeat(300)},
          {"LPUSH", "mixed", "z", "7", "y"},
          {"RPUSH", "ttl", "a"},
          {"EXPIRE", "ttl", "1000"},
          {"SELECT", "3"},
          {"RPUSH", "other", "b", "a"},
          {"SELECT", "0"},
      };
      for (String[] c : cmds) {
        assertThat(ours.call(c)).as(String.join(" ", c)).isEqualTo(theirs.call(c));
      }
      for (String k : new String[] {"ints", "strs", "mixed", "ttl", "nokey"}) {
        assertThat(ours.call("DEBUG", "DIGEST-VALUE", k)).as(k).isEqualTo(theirs.call("DEBUG", "DIGEST-VALUE", k));
      }
      assertThat(ours.call("DEBUG", "DIGEST")).isEqualTo(theirs.call("DEBUG", "DIGEST"));
      String big = "e".repeat(100);
      for (int i = 0; i < 1000; i++) {
        String[] c = {i % 3 == 0 ? "LPUSH" : "RPUSH", "big", big + i, Integer.toString(i)};
        ours.call(c);
        theirs.call(c);
      }
      assertThat(ours.call("DEBUG", "DIGEST-VALUE", "big")).isEqualTo(theirs.call("DEBUG", "DIGEST-VALUE", "big"));
      assertThat(ours.call("DEBUG", "DIGEST")).isEqualTo(theirs.call("DEBUG", "DIGEST"));
    }
  }
}
