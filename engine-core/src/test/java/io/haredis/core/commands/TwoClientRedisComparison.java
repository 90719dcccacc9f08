package io.haredis.core.commands;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import io.haredis.testing.TwoClientScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the ITs that run two-connection scripts (see {@link TwoClientScript}) against our
 * node and a real redis-server 7.0: one pair of servers per class, both flushed before each
 * script.
 */
abstract class TwoClientRedisComparison {

  protected static RealRedis redis;
  protected static RedisServer ours;

  @BeforeAll
  static void startServers() {
    redis = RealRedis.start();
    ours = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stopServers() {
    ours.close();
    redis.close();
  }

  /** Flushes both servers, then runs the script; see {@link TwoClientScript#run}. */
  protected static void script(String... steps) {
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      a.call("FLUSHALL");
      b.call("FLUSHALL");
    }
    TwoClientScript.run(ours, redis, steps);
  }
}
