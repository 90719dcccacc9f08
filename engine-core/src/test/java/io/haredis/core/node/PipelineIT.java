package io.haredis.core.node;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Deep pipelines over TCP, through Jedis and through a raw socket. */
class PipelineIT {

  private static final int N = 10_000;

  @Test
  void jedisPipeline_10kSetsThenGets_allRepliesInOrder() {
    try (RedisServer server = RedisServer.builder().port(0).start();
        Jedis jedis = new Jedis("127.0.0.1", server.address().port())) {
      Pipeline p = jedis.pipelined();
      for (int i = 0; i < N; i++) {
        p.set("key:" + i, "value:" + i);
      }
      @SuppressWarnings("unchecked")
      Response<String>[] gets = new Response[N];
      for (int i = 0; i < N; i++) {
        gets[i] = p.get("key:" + i);
      }
      List<Object> all = p.syncAndReturnAll();
      assertThat(all).hasSize(2 * N);
      assertThat(all.subList(0, N)).containsOnly("OK");
      for (int i = 0; i < N; i++) {
        assertThat(gets[i].get()).isEqualTo("value:" + i);
      }
      assertThat(jedis.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void rawSocket_10kCommandsInOneWrite_repliesInOrder() throws Exception {
    try (RedisServer server = RedisServer.builder().port(0).start();
        RawConnection c = new RawConnection(server.address().port())) {
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      StringBuilder expected = new StringBuilder();
      for (int i = 0; i < N; i++) {
        String k = "k" + i;
        String v = "v" + i;
        switch (i % 4) {
          case 0 -> {
            req.writeBytes(("*3\r\n$3\r\nSET\r\n$" + k.length() + "\r\n" + k + "\r\n$" + v.length() + "\r\n" + v + "\r\n").getBytes(ISO_8859_1));
            expected.append("+OK\r\n");
          }
          case 1 -> {
            req.writeBytes(("*2\r\n$3\r\nGET\r\n$" + ("k" + (i - 1)).length() + "\r\nk" + (i - 1) + "\r\n").getBytes(ISO_8859_1));
            String pv = "v" + (i - 1);
            expected.append('$').append(pv.length()).append("\r\n").append(pv).append("\r\n");
          }
          case 2 -> {
            req.writeBytes("PING\r\n".getBytes(ISO_8859_1));
            expected.append("+PONG\r\n");
          }
          default -> {
            req.writeBytes(("ECHO " + v + "\r\n").getBytes(ISO_8859_1));
            expected.append('$').append(v.length()).append("\r\n").append(v).append("\r\n");
          }
        }
      }
      // Write on another thread: the node may answer before the whole pipeline is sent.
      Thread writer = new Thread(() -> {
        try {
          c.send(req.toByteArray());
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      writer.start();
      String got = c.readExactly(expected.length(), 10_000);
      writer.join(10_000);
      assertThat(got).isEqualTo(expected.toString());
    }
  }

  /** The pipeline stops while the connection is not writable and picks up where it stopped. */
  @Test
  void rawSocket_pipelineOfBigRepliesReadSlowly_allRepliesArriveIntact() throws Exception {
    try (RedisServer server = RedisServer.builder().port(0).start();
        RawConnection c = new RawConnection(server.address().port())) {
      byte[] value = new byte[1024 * 1024];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) ('a' + i % 26);
      }
      c.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n").send(value).send("\r\n");
      assertThat(c.readExactly(5, 5000)).isEqualTo("+OK\r\n");
      int n = 100;
      StringBuilder req = new StringBuilder();
      for (int i = 0; i < n; i++) {
        req.append("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
      }
      req.append("PING\r\n");
      c.send(req.toString());
      String header = "$" + value.length + "\r\n";
      byte[] expectedBody = new byte[value.length + 2];
      System.arraycopy(value, 0, expectedBody, 0, value.length);
      expectedBody[value.length] = '\r';
      expectedBody[value.length + 1] = '\n';
      c.socket().setSoTimeout(10_000);
      for (int i = 0; i < n; i++) {
        assertThat(new String(c.in().readNBytes(header.length()), ISO_8859_1)).as("reply %d", i).isEqualTo(header);
        assertThat(c.in().readNBytes(expectedBody.length)).as("reply %d", i).isEqualTo(expectedBody);
      }
      assertThat(c.readExactly(7, 10_000)).isEqualTo("+PONG\r\n");
    }
  }
}
