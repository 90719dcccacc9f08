package io.haredis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DEBUG DIGEST and DIGEST-VALUE of sets (intset and hashtable encodings) equal redis-server's. */
class SetDigestIT {

  private RealRedis redis;
  private RedisServer ours;
  private RawRespClient theirs;
  private RawRespClient mine;

  @BeforeEach
  void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
    ours = RedisServer.builder().port(0).start();
    theirs = new RawRespClient(redis.host(), redis.port());
    mine = new RawRespClient(ours.address().host(), ours.address().port());
  }

  @AfterEach
  void stop() {
    mine.close();
    theirs.close();
    ours.close();
    redis.close();
  }

  private void both(String... args) {
    assertThat(mine.call(args)).isEqualTo(theirs.call(args));
  }

  @Test
  void digest_intsetAndHashtableSets_matchRedis() {
    both("SADD", "ints", "3", "-1", "100000", "9223372036854775807", "-9223372036854775808");
    both("SADD", "mixed", "1", "a", "", "007", "x y", "\u00e9");
    both("SADD", "single", "0");
    both("SELECT", "2");
    both("SADD", "other", "z", "5");
    both("PEXPIRE", "other", "100000");
    both("SELECT", "0");
    Random r = new Random(42);
    List<String> args = new ArrayList<>(List.of("SADD", "big"));
    for (int i = 0; i < 700; i++) {
      args.add(Integer.toString(r.nextInt(5000)));
    }
    both(args.toArray(String[]::new));
    both("SREM", "big", "1", "2", "3");
    both("SADD", "big", "x");
    assertThat(mine.call("DEBUG", "DIGEST")).isEqualTo(theirs.call("DEBUG", "DIGEST"));
    for (String k : new String[] {"ints", "mixed", "single", "big", "nokey"}) {
      assertThat(mine.call("DEBUG", "DIGEST-VALUE", k)).as(k).isEqualTo(theirs.call("DEBUG", "DIGEST-VALUE", k));
    }
  }
}
