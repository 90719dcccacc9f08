package io.haredis.core.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.transport.Address;
import io.haredis.core.net.InProcessNetwork;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.SimulatedScheduler;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Lazy and active expiry under simulated time: deterministic, and no test sleeps. */
class ExpirySimulatedTest {

  private final SimulatedScheduler sim = new SimulatedScheduler(1_700_000_000_000L);
  private final InProcessNetwork network = new InProcessNetwork(1, sim);
  private final ServerNode node = new ServerBuilder().bind("10.0.0.9").port(6379)
      .transport(network.transport(new Address("10.0.0.9", 6379))).loop(sim).clock(sim).seed(11).start();

  @AfterEach
  void close() {
    node.close();
  }

  private void setWithTtl(String key, long ttlMillis) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    Database db = node.db(0);
    node.keyspace().refreshNow();
    Dict.Entry e = db.set(k, io.haredis.core.type.StringValue.of("v".getBytes(StandardCharsets.UTF_8)), false);
    db.setExpire(e, sim.currentTimeMillis() + ttlMillis);
  }

  @Test
  void activeCycle_removesExpiredKeys_andLogsDel() {
    for (int i = 0; i < 1000; i++) {
      setWithTtl("k" + i, 1000);
    }
    setWithTtl("long", 60_000);
    long offsetBefore = node.replicationLog().masterOffset();
    sim.advance(900);
    assertThat(node.db(0).size()).isEqualTo(1001);
    sim.advance(5_000); // serverCron runs at hz=10; 50 cycles sample plenty
    assertThat(node.db(0).size()).isEqualTo(1);
    assertThat(node.db(0).expiresCount()).isEqualTo(1);
    assertThat(node.keyspace().stats().expiredKeys).isEqualTo(1000);
    String log = new String(node.replicationLog().backlog().readFrom(offsetBefore + 1), StandardCharsets.US_ASCII);
    assertThat(log).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*2\r\n$3\r\nDEL\r\n");
    assertThat(log.split("\\$3\r\nDEL\r\n", -1)).hasSize(1001);
    assertThat(node.db(0).checkInvariants()).isTrue();
  }

  @Test
  void get_atAndAfterTtl_aliveAtExpiryMillisThenNil() {
    setWithTtl("k", 100);
    sim.advance(100); // exactly the expiry time: Redis's keyIsExpired keeps the key alive
    assertThat(new String(node.executeRaw("GET", "k"), StandardCharsets.US_ASCII)).isEqualTo("$1\r\nv\r\n");
    sim.advance(1);
    assertThat(new String(node.executeRaw("GET", "k"), StandardCharsets.US_ASCII)).isEqualTo("$-1\r\n");
    assertThat(node.db(0).size()).isZero();
    assertThat(node.keyspace().stats().expiredKeys).isEqualTo(1);
  }
}
