package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keys with a TTL disappear on their own, and their expiry reaches the replication stream. */
class KeyExpiryTest {

  private CommandHarness h;
  private ServerNode node;

  @BeforeEach
  void setUp() {
    h = new CommandHarness();
    node = h.node();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static void await(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private String backlogSince(long offset) {
    return new String(node.call(() -> node.replicationLog().backlog().readFrom(offset + 1)), StandardCharsets.ISO_8859_1);
  }

  private static String del(String key) {
    return "*2\r\n$3\r\nDEL\r\n$" + key.length() + "\r\n" + key + "\r\n";
  }

  @Test
  void activeExpiry_shortTtls_keysVanishAndDelsArePropagated() throws InterruptedException {
    h.run("SET", "keep", "1");
    for (int i = 0; i < 30; i++) {
      h.run("SET", "vol" + i, "x");
      h.run("PEXPIRE", "vol" + i, Integer.toString(20 + i));
    }
    long before = node.call(() -> node.replicationLog().masterOffset());
    // DBSIZE does not look keys up, so only the active expiry cycle can bring it down.
    await(() -> h.run("DBSIZE").equals(":1\r\n"), 10_000, "active expiry");
    String log = backlogSince(before);
    for (int i = 0; i < 30; i++) {
      assertThat(log).contains(del("vol" + i));
    }
    assertThat(log).doesNotContain("keep");
    assertThat(h.run("EXISTS", "keep")).isEqualTo(":1\r\n");
    assertThat(node.keyspace().stats().expiredKeys).isGreaterThanOrEqualTo(30);
  }

  @Test
  void lazyExpiry_readAfterTtl_deletesAndPropagatesDel() throws InterruptedException {
    h.run("SET", "a", "1");
    h.run("PEXPIRE", "a", "1");
    long before = node.call(() -> node.replicationLog().masterOffset());
    long setAt = System.currentTimeMillis();
    await(() -> System.currentTimeMillis() > setAt + 5, 1000, "the TTL to pass");
    assertThat(h.run("TTL", "a")).isEqualTo(":-2\r\n");
    // either the lookup or the active cycle deleted it; the DEL is in the stream either way
    await(() -> backlogSince(before).contains(del("a")), 5_000, "the DEL");
    assertThat(h.run("KEYS", "*")).isEqualTo("*0\r\n");
  }
}
