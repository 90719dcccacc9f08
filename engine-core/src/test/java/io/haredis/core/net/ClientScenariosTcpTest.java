package io.haredis.core.net;

import static org.assertj.core.api.Assertions.fail;

import io.haredis.api.RedisServer;
import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Transport;
import io.haredis.core.node.NodeLoop;
import io.haredis.core.node.ServerNode;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/** {@link ClientScenarios} over real TCP on loopback. */
class ClientScenariosTcpTest extends ClientScenarios {

  private final NodeLoop clientLoop = new NodeLoop("test-client");
  private final TcpTransport transport = new TcpTransport();

  @Override
  ServerNode startServer() {
    return (ServerNode) RedisServer.builder().port(0).start();
  }

  @Override
  Transport clientTransport() {
    return transport;
  }

  @Override
  Scheduler clientLoop() {
    return clientLoop;
  }

  @Override
  void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 10 s");
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  @AfterEach
  void closeClientSide() {
    transport.close();
    clientLoop.close();
  }
}
