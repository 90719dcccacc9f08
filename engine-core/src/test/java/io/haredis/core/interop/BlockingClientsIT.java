package io.haredis.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Blocking pops through real clients, woken by a push from another connection. */
class BlockingClientsIT {

  @Test
  void jedis_blpopWokenByAnotherConnection() throws Exception {
    try (RedisServer server = RedisServer.builder().port(0).start();
         Jedis blocker = new Jedis(server.address().host(), server.address().port(), 20_000);
         Jedis pusher = new Jedis(server.address().host(), server.address().port())) {
      CompletableFuture<List<String>> popped = CompletableFuture.supplyAsync(() -> blocker.blpop(10, "queue", "other"));
      awaitBlocked(pusher);
      assertThat(pusher.rpush("other", "job-1")).isEqualTo(1);
      assertThat(popped.get(10, TimeUnit.SECONDS)).containsExactly("other", "job-1");
      assertThat(pusher.exists("other")).isFalse();
    }
  }

  @Test
  void lettuce_bzpopminAndBlmoveWokenByAnotherConnection() throws Exception {
    try (RedisServer server = RedisServer.builder().port(0).start()) {
      RedisClient client = RedisClient.create(RedisURI.builder().withHost(server.address().host())
          .withPort(server.address().port()).withTimeout(Duration.ofSeconds(20)).build());
      try (StatefulRedisConnection<String, String> blocker = client.connect();
           StatefulRedisConnection<String, String> pusher = client.connect()) {
        var zpop = blocker.async().bzpopmin(10, "z");
        awaitBlocked(pusher);
        pusher.sync().zadd("z", 2.5, "m");
        KeyValue<String, io.lettuce.core.ScoredValue<String>> kv = zpop.get(10, TimeUnit.SECONDS);
        assertThat(kv.getKey()).isEqualTo("z");
        assertThat(kv.getValue().getValue()).isEqualTo("m");
        assertThat(kv.getValue().getScore()).isEqualTo(2.5);

        var moved = blocker.async().blmove("src", "dst", io.lettuce.core.LMoveArgs.Builder.leftRight(), 10);
        awaitBlocked(pusher);
        pusher.sync().lpush("src", "x");
        assertThat(moved.get(10, TimeUnit.SECONDS)).isEqualTo("x");
        assertThat(pusher.sync().lrange("dst", 0, -1)).containsExactly("x");
      } finally {
        client.shutdown();
      }
    }
  }

  private static void awaitBlocked(Jedis j) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!j.info("clients").contains("blocked_clients:1")) {
      assertThat(System.nanoTime()).as("a client blocks").isLessThan(deadline);
      Thread.sleep(10);
    }
  }

  private static void awaitBlocked(StatefulRedisConnection<String, String> c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!c.sync().info("clients").contains("blocked_clients:1")) {
      assertThat(System.nanoTime()).as("a client blocks").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
