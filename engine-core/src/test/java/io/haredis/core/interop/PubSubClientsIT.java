package io.haredis.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** Pub/sub through real clients: Jedis in RESP2, Lettuce in RESP3 and RESP2, with patterns. */
class PubSubClientsIT {

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void jedis_patternAndChannelMessages() throws Exception {
    BlockingQueue<String> got = new LinkedBlockingQueue<>();
    CountDownLatch subscribed = new CountDownLatch(2);
    JedisPubSub listener = new JedisPubSub() {
      @Override
      public void onMessage(String channel, String message) {
        got.add("message " + channel + " " + message);
      }

      @Override
      public void onPMessage(String pattern, String channel, String message) {
        got.add("pmessage " + pattern + " " + channel + " " + message);
      }

      @Override
      public void onSubscribe(String channel, int count) {
        subscribed.countDown();
      }

      @Override
      public void onPSubscribe(String pattern, int count) {
        subscribed.countDown();
      }
    };
    Thread t = new Thread(() -> {
      try (Jedis sub = new Jedis(server.address().host(), server.address().port())) {
        sub.subscribe(listener, "orders");
      }
    });
    t.start();
    try (Jedis pub = new Jedis(server.address().host(), server.address().port())) {
      assertThat(waitSubscribed(pub, "orders")).isTrue();
      listener.psubscribe("ord*");
      assertThat(subscribed.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(pub.publish("orders", "o1")).isEqualTo(2);
      assertThat(pub.publish("ordinary", "o2")).isEqualTo(1);
      assertThat(List.of(poll(got), poll(got), poll(got))).containsExactlyInAnyOrder(
          "message orders o1", "pmessage ord* orders o1", "pmessage ord* ordinary o2");
      listener.unsubscribe();
      listener.punsubscribe();
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
      assertThat(pub.publish("orders", "late")).isZero();
    }
  }

  private static boolean waitSubscribed(Jedis j, String channel) throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      if (j.pubsubNumSub(channel).get(channel) > 0) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  private static String poll(BlockingQueue<String> q) throws InterruptedException {
    String s = q.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a message within 10 s").isNotNull();
    return s;
  }

  @Test
  void lettuce_resp3AndResp2_patterns() throws Exception {
    for (ProtocolVersion v : new ProtocolVersion[] {ProtocolVersion.RESP3, ProtocolVersion.RESP2}) {
      RedisClient client = RedisClient.create(RedisURI.create(server.address().host(), server.address().port()));
      client.setOptions(ClientOptions.builder().protocolVersion(v).build());
      try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
           var pub = client.connect()) {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        sub.addListener(new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            got.add(channel + "=" + message);
          }

          @Override
          public void message(String pattern, String channel, String message) {
            got.add(pattern + ":" + channel + "=" + message);
          }
        });
        sub.sync().psubscribe("ev.*");
        sub.sync().subscribe("ev.one");
        // RESP3 lets the subscribed connection run ordinary commands too
        if (v == ProtocolVersion.RESP3) {
          assertThat(sub.sync().ping()).isEqualTo("PONG");
        }
        assertThat(pub.sync().publish("ev.one", "1")).isEqualTo(2L);
        assertThat(List.of(poll(got), poll(got))).containsExactlyInAnyOrder("ev.one=1", "ev.*:ev.one=1");
        assertThat(pub.sync().pubsubNumpat()).isEqualTo(1L);
      } finally {
        client.shutdown();
      }
    }
  }
}
