package io.haredis.core.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

class ServerNodeSmokeTest {

  @Test
  void start_port0_servesInProcessAndTcpClients() {
    try (RedisServer server = RedisServer.builder().port(0).start()) {
      assertThat(server.address().port()).isPositive();
      assertThat(server.client().execute("SET", "k", "v")).isEqualTo("OK");
      assertThat(server.client().execute("GET", "k")).isEqualTo("v");
      assertThatThrownBy(() -> server.client().execute("NOPE", "a"))
          .isInstanceOf(RedisException.class)
          .hasMessage("ERR unknown command 'NOPE', with args beginning with: 'a' ");
      try (Jedis jedis = new Jedis(server.address().host(), server.address().port())) {
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(jedis.get("k")).isEqualTo("v");
        jedis.set("n", "12");
        assertThat(jedis.get("n")).isEqualTo("12");
      }
    }
  }
}
