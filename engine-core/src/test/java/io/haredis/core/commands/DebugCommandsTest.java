package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.keyspace.Database;
import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DebugCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void digest_emptyDataset_isFortyZeros() {
    assertThat(h.run("DEBUG", "DIGEST")).isEqualTo("+" + "0".repeat(40) + "\r\n");
  }

  @Test
  void digest_knownData_matchesRedis() {
    // Values taken from redis-server 7.0 after the same two SETs.
    h.run("SET", "a", "1");
    h.run("SET", "b", "hello");
    assertThat(h.run("DEBUG", "DIGEST")).isEqualTo("+2539797405e828ad7a3aa48c536b3eaf2803a421\r\n");
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "a", "b", "c")).isEqualTo(
        "*3\r\n+b4fc66738120fba0b5aa500ab5c2bf89cea1c5da\r\n+36b23a1456b2dce2c3ed252c456761301dba8060\r\n+"
            + "0".repeat(40) + "\r\n");
  }

  @Test
  void digest_ttlPresence_changesDigestButNotItsValue() {
    h.run("SET", "k", "v");
    String without = h.run("DEBUG", "DIGEST");
    setExpire(0, "k", h.node().clockMillis() + 100_000);
    String with1 = h.run("DEBUG", "DIGEST");
    setExpire(0, "k", h.node().clockMillis() + 200_000);
    assertThat(with1).isNotEqualTo(without);
    assertThat(h.run("DEBUG", "DIGEST")).isEqualTo(with1);
  }

  @Test
  void digest_sameDataOtherDb_differs() {
    h.run("SET", "k", "v");
    String db0 = h.run("DEBUG", "DIGEST");
    h.run("DEBUG", "DIGEST-VALUE", "k");
    h.node().call(() -> {
      Database d0 = h.node().keyspace().db(0);
      d0.delete("k".getBytes());
      h.node().keyspace().db(3).set("k".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), false);
      return null;
    });
    assertThat(h.run("DEBUG", "DIGEST")).isNotEqualTo(db0);
  }

  @Test
  void digestValue_noKeys_emptyArray() {
    assertThat(h.run("DEBUG", "DIGEST-VALUE")).isEqualTo("*0\r\n");
  }

  @Test
  void debug_unknownSubcommand_redisError() {
    assertThat(h.run("DEBUG", "foo")).isEqualTo(
        "-ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.\r\n");
    assertThat(h.run("DEBUG", "digest", "x")).isEqualTo(
        "-ERR unknown subcommand or wrong number of arguments for 'digest'. Try DEBUG HELP.\r\n");
    assertThat(h.run("DEBUG")).isEqualTo("-ERR wrong number of arguments for 'debug' command\r\n");
  }

  @Test
  void object_embstrString_redisLineFormat() {
    h.run("SET", "b", "hello");
    assertThat(h.run("DEBUG", "OBJECT", "b")).matches(
        "\\+Value at:0x[0-9a-f]+ refcount:1 encoding:embstr serializedlength:6 lru:\\d+ lru_seconds_idle:0\r\n");
    h.run("SET", "a", "1");
    assertThat(h.run("DEBUG", "OBJECT", "a")).contains("refcount:2147483647 encoding:int serializedlength:2 ");
    assertThat(h.run("DEBUG", "OBJECT", "nokey")).isEqualTo("-ERR no such key\r\n");
  }

  @Test
  void setActiveExpire_zeroThenOne_togglesKeyspaceFlag() {
    assertThat(h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
    assertThat(h.node().call(() -> h.node().keyspace().activeExpireEnabled())).isFalse();
    assertThat(h.run("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("+OK\r\n");
    assertThat(h.node().call(() -> h.node().keyspace().activeExpireEnabled())).isTrue();
  }

  @Test
  void setActiveExpire_off_cronLeavesExpiredKeys() {
    h.run("SET", "k", "v");
    assertThat(h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
    setExpire(0, "k", h.node().clockMillis() - 1000);
    long loops = h.node().call(() -> h.node().cronLoops());
    awaitTrue(() -> h.node().call(() -> h.node().cronLoops()) >= loops + 3);
    assertThat(h.node().call(() -> h.node().keyspace().db(0).size())).isEqualTo(1);
    assertThat(h.run("DEBUG", "SET-ACTIVE-EXPIRE", "1")).isEqualTo("+OK\r\n");
    awaitTrue(() -> h.node().call(() -> h.node().keyspace().db(0).size()) == 0);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
    }
  }

  @Test
  void sleep_fraction_repliesOk() {
    assertThat(h.run("DEBUG", "SLEEP", "0.01")).isEqualTo("+OK\r\n");
    assertThat(h.run("DEBUG", "SLEEP", "abc")).isEqualTo("+OK\r\n");
    assertThat(h.run("DEBUG", "SLEEP", "0")).isEqualTo("+OK\r\n");
  }

  @Test
  void help_listsSubcommandsAndHelp() {
    String r = h.run("DEBUG", "HELP");
    assertThat(r).startsWith("*17\r\n+DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n");
    assertThat(r).contains("+DIGEST-VALUE <key> [<key> ...]\r\n").endsWith("+HELP\r\n+    Prints this help.\r\n");
  }

  @Test
  void strtodAndAtoi_cSemantics() {
    assertThat(DebugCommands.strtod("0.5s")).isEqualTo(0.5);
    assertThat(DebugCommands.strtod("x")).isEqualTo(0.0);
    assertThat(DebugCommands.atoi("12abc")).isEqualTo(12);
    assertThat(DebugCommands.atoi("abc")).isZero();
  }

  private void setExpire(int db, String key, long at) {
    h.node().call(() -> {
      Database d = h.node().keyspace().db(db);
      d.setExpire(d.lookup(key.getBytes()), at);
      return null;
    });
  }
}
