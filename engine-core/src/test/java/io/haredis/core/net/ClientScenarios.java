package io.haredis.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Transport;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.TransportClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Client scenarios written once and run over every transport (the Ratis pattern): subclasses
 * say how to start a node, how a client reaches it and how to wait.
 */
abstract class ClientScenarios {

  protected ServerNode server;

  abstract ServerNode startServer();

  abstract Transport clientTransport();

  abstract Scheduler clientLoop();

  /** Waits until {@code condition} holds, within a bounded budget; fails otherwise. */
  abstract void await(BooleanSupplier condition);

  @BeforeEach
  void start() {
    server = startServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pipeline_100Commands_repliesInOrder() {
    TransportClient c = TransportClient.connect(clientTransport(), server.address(), clientLoop());
    await(c::connected);
    List<Object> expected = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      c.send("SET", "k" + i, "v" + i);
      c.send("GET", "k" + i);
      expected.add("OK");
      expected.add("v" + i);
    }
    await(() -> c.replies().size() == 100);
    assertThat(c.replies()).isEqualTo(expected);
    c.close();
    await(c::closed);
  }

  @Test
  void protocolError_closesOnlyThatConnection() {
    TransportClient bad = TransportClient.connect(clientTransport(), server.address(), clientLoop());
    TransportClient good = TransportClient.connect(clientTransport(), server.address(), clientLoop());
    await(() -> bad.connected() && good.connected());
    bad.send("*x"); // not a multibulk count: the line is not complete yet, so send the rest
    bad.sendRaw("\r\n");
    await(bad::closed);
    assertThat(bad.replies()).hasSize(1);
    assertThat(bad.replies().get(0).toString()).contains("Protocol error: invalid multibulk length");
    good.send("PING");
    await(() -> good.replies().size() == 1);
    assertThat(good.replies()).containsExactly("PONG");
    good.close();
  }
}
