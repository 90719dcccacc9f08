package io.haredis.core.node;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.io.IOException;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed requests over TCP: each case goes to a node and to a real redis-server 7.0, and
 * both must answer with the same bytes and the same open/closed connection. After every case
 * the node still serves a fresh client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedRequestIT {

  private ServerNode node;
  private RealRedis redis;

  @BeforeAll
  void start() {
    node = (ServerNode) RedisServer.builder().port(0).start();
    redis = RealRedis.start();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private RawConnection.Response exchange(int port, String input) throws IOException {
    try (RawConnection c = new RawConnection(port)) {
      try {
        c.send(input);
      } catch (SocketException e) {
        // the server may close while a long input is still being written
      }
      return c.readUntilQuietOrClosed(300);
    }
  }

  private void assertNodeServes() throws IOException {
    try (RawConnection c = new RawConnection(node.address().port())) {
      c.send("*1\r\n$4\r\nPING\r\n");
      assertThat(c.readExactly(7, 5000)).isEqualTo("+PONG\r\n");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "*abc\r\n", "*3000000000\r\n", "*-1\r\n*1\r\n$4\r\nPING\r\n", "*+1\r\n$4\r\nPING\r\n", "*01\r\n",
      "*1\r\n$-1\r\n", "*1\r\n$-0\r\n", "*1\r\n$abc\r\n", "*1\r\n$ 4\r\nPING\r\n", "*1\r\n$600000000\r\n",
      "*1\r\n$99999999999999999999\r\n", "*1\r\nx3\r\nfoo\r\n", "*1\r\n:3\r\n", "*1\r\n\r\n",
      "*2\r\n$4\r\nECHO\r\n*1\r\n", "SET \"abc\r\n", "SET \"a\"b\r\n", "SET 'a'b\r\n",
      "*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n", "ECHO \"a\\x41\\n\" 'b'\r\nECHO ''\r\n",
      "*1\r\n$4\r\nPI", "PING", "*2\r\n$4\r\nECHO\r\n$10\r\nabc", "\r\n\r\n\n*0\r\nPING\r\n",
      "*1\r\n$4\r\nPING\r\nGET k\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"})
  void malformed_sameReplyAndCloseAsRedis(String input) throws IOException {
    RawConnection.Response ours = exchange(node.address().port(), input);
    RawConnection.Response theirs = exchange(redis.port(), input);
    assertThat(ours).as("input %s", input).isEqualTo(theirs);
    assertNodeServes();
  }

  @Test
  void tooLongLines_sameErrorsAsRedis() throws IOException {
    for (String input : List.of("*" + "1".repeat(70_000), "*1\r\n$" + "1".repeat(70_000), "x".repeat(70_000))) {
      RawConnection.Response ours = exchange(node.address().port(), input);
      RawConnection.Response theirs = exchange(redis.port(), input);
      assertThat(ours.closed()).isTrue();
      assertThat(ours).isEqualTo(theirs);
    }
    assertNodeServes();
  }

  @Test
  void randomBytes_nodeSurvivesAndServesOthers() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    byte[] alphabet = "*$\r\n0123456789-+ \"'\\xPING".getBytes(ISO_8859_1);
    for (int round = 0; round < 200; round++) {
      byte[] b = new byte[1 + rnd.nextInt(8192)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextBoolean() ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
      }
      try (RawConnection c = new RawConnection(node.address().port())) {
        try {
          c.send(b);
        } catch (SocketException e) {
          // closed by the node after a protocol error: fine
        }
      }
    }
    assertNodeServes();
    assertThat(node.isClosed()).as("seed %d", seed).isFalse();
  }

  @Test
  void manyClientsDisconnectingMidRequest_registryDrains() throws Exception {
    List<RawConnection> conns = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      RawConnection c = new RawConnection(node.address().port());
      c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\npartial");
      conns.add(c);
    }
    for (RawConnection c : conns) {
      c.close();
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    int tcpClients;
    do {
      tcpClients = node.call(() -> (int) node.clients().all().stream().filter(c -> c.connection() != null).count());
    } while (tcpClients > 0 && System.nanoTime() < deadline);
    assertThat(tcpClients).isZero();
    assertNodeServes();
  }

  @Test
  void unauthenticatedLimits_sameErrorsAsRedis() throws IOException {
    try (ServerNode locked = (ServerNode) RedisServer.builder().port(0).requirePass("pw").start();
        RealRedis lockedRedis = RealRedis.start("--requirepass", "pw")) {
      for (String input : List.of("*11\r\n", "*10\r\n", "*1\r\n$16385\r\n", "*1\r\n$16384\r\n",
          "*1\r\n$4\r\nPING\r\n")) {
        RawConnection.Response ours = exchange(locked.address().port(), input);
        RawConnection.Response theirs = exchange(lockedRedis.port(), input);
        assertThat(ours).as("input %s", input).isEqualTo(theirs);
      }
    }
  }
}
