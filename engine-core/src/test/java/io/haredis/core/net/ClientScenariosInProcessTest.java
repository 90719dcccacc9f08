package io.haredis.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Transport;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.SimulatedScheduler;
import io.haredis.testing.TransportClient;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@link ClientScenarios} on the in-process network under simulated time, plus the scenarios
 * only an in-process network can run: faults.
 */
class ClientScenariosInProcessTest extends ClientScenarios {

  private final SimulatedScheduler sim = new SimulatedScheduler(1_700_000_000_000L);
  private final InProcessNetwork network = new InProcessNetwork(42, sim);
  private final Address serverAddress = new Address("10.0.0.1", 6379);

  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path dir;

  @Override
  ServerNode startServer() {
    // a directory of its own: a dump.rdb in the working directory would be loaded at start
    return new ServerBuilder().bind(serverAddress.host()).port(serverAddress.port()).dir(dir)
        .transport(network.transport(serverAddress)).loop(sim).clock(sim).seed(7).start();
  }

  @Override
  Transport clientTransport() {
    return network.transport();
  }

  @Override
  Scheduler clientLoop() {
    return sim;
  }

  @Override
  void await(BooleanSupplier condition) {
    for (int i = 0; i < 1000; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      sim.advance(1);
    }
    fail("condition not met within 1000 simulated ms");
  }

  @Test
  void partition_repliesStop_healAllowsNewConnection() {
    TransportClient c = TransportClient.connect(clientTransport(), server.address(), sim);
    await(c::connected);
    c.send("SET", "k", "v");
    await(() -> c.replies().size() == 1);
    Address clientAddr = c.localAddress();
    network.partition(clientAddr, serverAddress);
    c.send("GET", "k");
    sim.advance(500);
    assertThat(c.replies()).hasSize(1); // the request was lost on the cut link

    network.heal();
    TransportClient again = TransportClient.connect(clientTransport(), server.address(), sim);
    await(again::connected);
    again.send("GET", "k");
    await(() -> again.replies().size() == 1);
    assertThat(again.replies()).containsExactly("v");
  }

  @Test
  void isolate_refusesNewConnections() {
    network.isolate(serverAddress);
    TransportClient c = TransportClient.connect(clientTransport(), server.address(), sim);
    await(() -> c.failure() != null);
    assertThat(c.connected()).isFalse();
  }

  @Test
  void delay_keepsOrderAndDeliversLate() {
    TransportClient c = TransportClient.connect(clientTransport(), server.address(), sim);
    await(c::connected);
    network.delay(serverAddress, c.localAddress(), Duration.ofMillis(200));
    c.send("PING");
    c.send("ECHO", "x");
    sim.advance(150);
    assertThat(c.replies()).isEmpty();
    sim.advance(100);
    assertThat(c.replies()).containsExactly("PONG", "x");
  }

  @Test
  void drop_allChunks_nothingArrives() {
    TransportClient c = TransportClient.connect(clientTransport(), server.address(), sim);
    await(c::connected);
    network.drop(c.localAddress(), serverAddress, 1.0);
    c.send("PING");
    sim.advance(100);
    assertThat(c.replies()).isEmpty();
  }
}
