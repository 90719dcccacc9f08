package io.haredis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE of sorted sets equal redis-server 7.0's, for the compact
 * (listpack) and the skip-list forms, with awkward scores (-0, inf, fractions, big integers),
 * binary and integer-looking members, and a TTL.
 */
class SortedSetDigestIT {

  private RealRedis redis;
  private RedisServer ours;
  private RawRespClient a;
  private RawRespClient b;

  @BeforeEach
  void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
    ours = RedisServer.builder().port(0).start();
    a = new RawRespClient(ours.address().host(), ours.address().port());
    b = new RawRespClient(redis.host(), redis.port());
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    ours.close();
    redis.close();
  }

  private void both(String... cmd) {
    assertThat(a.call(cmd)).as(String.join(" ", cmd)).isEqualTo(b.call(cmd));
  }

  @Test
  void digest_listpackAndSkiplistSortedSets_matchRedis() {
    both("ZADD", "small", "1", "a", "-0", "zero", "2.5", "b", "inf", "top", "-inf", "bottom", "0.1", "tenth",
        "123456789012345678", "big", "1e-7", "tiny", "3", "42", "4", "");
    both("ZADD", "other", "1", "x");
    both("PEXPIRE", "other", "100000");
    both("CONFIG", "SET", "zset-max-listpack-entries", "2");
    both("ZADD", "large", "1", "a", "-0", "zero", "2.5", "b", "inf", "top", "1e300", "huge", "0.3", "c");
    both("OBJECT", "ENCODING", "large");
    both("OBJECT", "ENCODING", "small");
    both("DEBUG", "DIGEST-VALUE", "small", "large", "other", "missing");
    both("DEBUG", "DIGEST");
    both("ZUNIONSTORE", "u", "2", "small", "large", "WEIGHTS", "0.5", "3");
    both("DEBUG", "DIGEST-VALUE", "u");
    both("DEBUG", "DIGEST");
  }
}
