package io.haredis.core.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.transport.Address;
import io.haredis.core.net.InProcessNetwork;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import io.haredis.testing.KeyspaceEventsHarness;
import io.haredis.testing.SimulatedScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code expired} event under simulated time: fired by lazy expiry (before the command's own
 * events, as Redis's lookup deletes the key first) and by the active expiry cycle, and only for
 * keys that really expired.
 */
class ExpiredEventsSimulatedTest {

  private final SimulatedScheduler sim = new SimulatedScheduler(1_700_000_000_000L);
  private final InProcessNetwork network = new InProcessNetwork(1, sim);
  private final ServerNode node = new ServerBuilder().bind("10.0.0.9").port(6379)
      .transport(network.transport(new Address("10.0.0.9", 6379))).loop(sim).clock(sim).seed(11).start();
  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness(new CommandHarness(node), "KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void lazyExpiry_readFiresExpiredThenKeymiss() {
    h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0");
    h.run("SET", "k", "v", "PX", "100");
    sim.advance(100);
    assertThat(h.events("GET", "k")).isEmpty(); // alive at exactly its expiry time
    sim.advance(1);
    assertThat(h.events("GET", "k")).containsExactly("0:k expired", "0:k keymiss");
    assertThat(h.events("GET", "k")).containsExactly("0:k keymiss");
  }

  @Test
  void lazyExpiry_writeFiresExpiredThenItsOwnEvents() {
    h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0");
    h.run("MSET", "a", "1", "b", "2", "c", "3", "d", "4");
    for (String k : new String[] {"a", "b", "c", "d"}) {
      h.run("PEXPIRE", k, "10");
    }
    sim.advance(20);
    assertThat(h.events("SET", "a", "v")).containsExactly("0:a expired", "0:a new", "0:a set");
    assertThat(h.events("DEL", "b")).containsExactly("0:b expired");
    assertThat(h.events("RPUSH", "c", "x")).containsExactly("0:c expired", "0:c new", "0:c rpush");
    assertThat(h.events("EXISTS", "d")).containsExactly("0:d expired", "0:d keymiss");
  }

  @Test
  void activeExpiry_cronFiresExpiredForEachKey() {
    h.run("SELECT", "3");
    h.run("SET", "a", "1", "PX", "500");
    h.run("SET", "b", "1", "PX", "500");
    h.run("SET", "keep", "1", "PX", "60000");
    sim.advance(5_000);
    // the events were pushed by the cron, between commands: they arrive with the next reply
    assertThat(h.events("PING")).containsExactlyInAnyOrder("3:a expired", "3:b expired");
    assertThat(h.run("DBSIZE")).isEqualTo(":1\r\n");
  }

  @Test
  void expiredClassAlone_publishesOnlyExpirations() {
    h.run("CONFIG", "SET", "notify-keyspace-events", "Ex");
    h.run("SET", "k", "v", "PX", "10");
    sim.advance(5_000);
    assertThat(h.timeline("PING")).containsExactly("__keyevent@0__:expired k", "<reply>");
  }
}
