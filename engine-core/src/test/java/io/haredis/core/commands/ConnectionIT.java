package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.protocol.ProtocolVersion;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisDataException;

/** Connection commands over TCP with real clients, and byte-for-byte against a real redis-server. */
class ConnectionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static io.lettuce.core.RedisClient lettuce(RedisServer server, ProtocolVersion version, String password) {
    RedisURI.Builder uri = RedisURI.builder().withHost(server.address().host()).withPort(server.address().port())
        .withTimeout(TIMEOUT);
    if (password != null) {
      uri.withPassword(password.toCharArray());
    }
    io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(uri.build());
    client.setOptions(ClientOptions.builder().protocolVersion(version).build());
    return client;
  }

  @Test
  void lettuce_resp3Default_setGetAndHelloProto3() {
    try (RedisServer server = RedisServer.builder().port(0).start()) {
      io.lettuce.core.RedisClient client = lettuce(server, ProtocolVersion.RESP3, null);
      try (StatefulRedisConnection<String, String> conn = client.connect()) {
        RedisCommands<String, String> cmd = conn.sync();
        assertThat(cmd.set("k", "v")).isEqualTo("OK");
        assertThat(cmd.get("k")).isEqualTo("v");
        assertThat(cmd.get("missing")).isNull();
        assertThat(cmd.clientInfo()).contains(" resp=3");
        assertThat(cmd.ping()).isEqualTo("PONG");
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void lettuce_resp2_setGet() {
    try (RedisServer server = RedisServer.builder().port(0).start()) {
      io.lettuce.core.RedisClient client = lettuce(server, ProtocolVersion.RESP2, null);
      try (StatefulRedisConnection<String, String> conn = client.connect()) {
        RedisCommands<String, String> cmd = conn.sync();
        assertThat(cmd.set("k", "v")).isEqualTo("OK");
        assertThat(cmd.get("k")).isEqualTo("v");
        assertThat(cmd.clientInfo()).contains(" resp=2");
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void lettuce_requirepass_authenticatesInBothProtocols() {
    try (RedisServer server = RedisServer.builder().port(0).requirePass("s3cret").start()) {
      for (ProtocolVersion v : new ProtocolVersion[] {ProtocolVersion.RESP3, ProtocolVersion.RESP2}) {
        io.lettuce.core.RedisClient client = lettuce(server, v, "s3cret");
        try (StatefulRedisConnection<String, String> conn = client.connect()) {
          assertThat(conn.sync().set("k", v.name())).isEqualTo("OK");
          assertThat(conn.sync().get("k")).isEqualTo(v.name());
        } finally {
          client.shutdown();
        }
      }
      // A failed handshake races with Lettuce tearing down its own pipeline, so the cause it
      // reports varies ("RedisHandshakeHandler not registered"); the refusal itself must not.
      io.lettuce.core.RedisClient wrong = lettuce(server, ProtocolVersion.RESP3, "wrong");
      try {
        assertThatThrownBy(wrong::connect).isInstanceOf(io.lettuce.core.RedisConnectionException.class);
      } finally {
        wrong.shutdown();
      }
      io.lettuce.core.RedisClient again = lettuce(server, ProtocolVersion.RESP2, "s3cret");
      try (StatefulRedisConnection<String, String> conn = again.connect()) {
        assertThatThrownBy(() -> conn.sync().auth("wrong"))
            .isInstanceOf(io.lettuce.core.RedisCommandExecutionException.class)
            .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
        assertThat(conn.sync().auth("s3cret")).isEqualTo("OK");
      } finally {
        again.shutdown();
      }
    }
  }

  @Test
  void jedis_requirepass_noauthUntilAuth() {
    try (RedisServer server = RedisServer.builder().port(0).requirePass("pw").start()) {
      String host = server.address().host();
      int port = server.address().port();
      try (Jedis jedis = new Jedis(host, port)) {
        assertThatThrownBy(() -> jedis.set("k", "v")).isInstanceOf(JedisDataException.class)
            .hasMessage("NOAUTH Authentication required.");
        assertThatThrownBy(() -> jedis.auth("bad")).isInstanceOf(JedisDataException.class)
            .hasMessage("WRONGPASS invalid username-password pair or user is disabled.");
        assertThat(jedis.auth("pw")).isEqualTo("OK");
        assertThat(jedis.set("k", "v")).isEqualTo("OK");
        assertThat(jedis.auth("default", "pw")).isEqualTo("OK");
      }
      for (RedisProtocol protocol : RedisProtocol.values()) {
        try (Jedis jedis = new Jedis(new HostAndPort(host, port),
            DefaultJedisClientConfig.builder().password("pw").protocol(protocol).build())) {
          assertThat(jedis.get("k")).isEqualTo("v");
        }
      }
    }
  }

  @Test
  void quit_overTcp_okThenClosed() throws IOException {
    try (RedisServer server = RedisServer.builder().port(0).start();
        ConnectionRawSocket s = new ConnectionRawSocket(server.address().host(), server.address().port())) {
      assertThat(s.call("QUIT")).isEqualTo("+OK\r\n");
      assertThat(s.closedByPeer()).isTrue();
    }
  }

  /** Replies with the connection id blanked, so two servers' replies compare. */
  private static List<String> replies(String host, int port, String[][] script) throws IOException {
    List<String> out = new ArrayList<>();
    try (ConnectionRawSocket s = new ConnectionRawSocket(host, port)) {
      for (String[] cmd : script) {
        String r = s.call(cmd).replaceAll("\\$2\r\nid\r\n:\\d+\r\n", "\\$2\r\nid\r\n:ID\r\n");
        out.add(String.join(" ", cmd) + " -> " + r);
      }
    }
    return out;
  }

  private static final String[][] SCRIPT = {
    {"HELLO"}, {"HELLO", "3"}, {"CLIENT", "GETNAME"}, {"HELLO", "4"}, {"HELLO", "x"}, {"HELLO", "2", "SETNAME", "a", "b"},
    {"CLIENT", "GETNAME"}, {"HELLO", "2", "AUTH", "default"}, {"HELLO", "2", "AUTH", "nobody", "x"},
    {"HELLO", "2", "AUTH", "default", "any"}, {"AUTH", "x"}, {"AUTH", "default", "x"}, {"AUTH", "foo", "x"},
    {"AUTH", "a", "b", "c"}, {"CLIENT", "SETNAME", "a b"}, {"CLIENT", "SETNAME", "name"}, {"CLIENT", "GETNAME"},
    {"CLIENT", "LIST", "TYPE", "foo"}, {"CLIENT", "LIST", "ID", "x"}, {"CLIENT", "LIST", "foo"},
    {"CLIENT", "KILL", "1.2.3.4:5"}, {"CLIENT", "KILL", "ID", "0"}, {"CLIENT", "KILL", "ID", "999999"},
    {"CLIENT", "KILL", "USER", "nope"}, {"CLIENT", "KILL", "SKIPME", "x"}, {"CLIENT", "KILL", "ID", "1", "TYPE"},
    {"CLIENT", "PAUSE", "-1"}, {"CLIENT", "PAUSE", "x"}, {"CLIENT", "PAUSE", "10", "foo"},
    {"CLIENT", "PAUSE", "0", "write", "x"}, {"CLIENT", "REPLY", "foo"}, {"CLIENT", "NO-EVICT", "x"},
    {"CLIENT", "HELP"}, {"CLIENT", "TRACKINGINFO"}, {"CLIENT", "GETREDIR"}, {"CLIENT", "UNBLOCK", "1", "x"},
    {"CLIENT", "UNBLOCK", "999999"}, {"CLIENT", "nope"}, {"CLIENT", "ID", "x"}, {"RESET"}, {"CLIENT", "GETNAME"},
    {"HELLO", "3"}, {"CLIENT", "GETREDIR"}, {"CLIENT", "TRACKINGINFO"}, {"PING"}, {"PING", "x"}, {"PING", "x", "y"},
    {"ECHO", "e"}, {"MONITOR"}, {"RESET"}, {"QUIT"},
  };

  private static final String[][] AUTH_SCRIPT = {
    {"PING"}, {"HELLO"}, {"HELLO", "3"}, {"CLIENT", "ID"}, {"AUTH", "bad"}, {"HELLO", "3", "AUTH", "default", "bad"},
    {"HELLO", "3", "AUTH", "x", "pw"}, {"HELLO", "3", "SETNAME", "early"}, {"AUTH", "pw"}, {"CLIENT", "GETNAME"},
    {"AUTH", "bad"}, {"PING"}, {"RESET"}, {"PING"}, {"HELLO", "3", "AUTH", "default", "pw", "SETNAME", "x"},
    {"CLIENT", "GETNAME"}, {"QUIT"},
  };

  @Test
  void differential_connectionAndClientErrors_sameBytesAsRedis() throws IOException {
    try (RealRedis real = RealRedis.start(); RedisServer ours = RedisServer.builder().port(0).start()) {
      List<String> expected = replies(real.host(), real.port(), SCRIPT);
      List<String> actual = replies(ours.address().host(), ours.address().port(), SCRIPT);
      assertThat(actual).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void differential_requirepass_sameBytesAsRedis() throws IOException {
    try (RealRedis real = RealRedis.start("--requirepass", "pw");
        RedisServer ours = RedisServer.builder().port(0).requirePass("pw").start()) {
      List<String> expected = replies(real.host(), real.port(), AUTH_SCRIPT);
      List<String> actual = replies(ours.address().host(), ours.address().port(), AUTH_SCRIPT);
      assertThat(actual).containsExactlyElementsOf(expected);
    }
  }
}
