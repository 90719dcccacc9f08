package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What keys' access fields hold by {@code maxmemory-policy} (Redis's robj.lru): LFU counters that
 * grow with accesses and decay with time (OBJECT FREQ), idle times otherwise (OBJECT IDLETIME,
 * DEBUG OBJECT), set by RESTORE's FREQ/IDLETIME, and kept through an RDB written and loaded.
 */
class AccessTrackingTest {

  private static final String OK = "+OK\r\n";
  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = new CommandHarness((io.haredis.core.node.ServerNode)
      ((io.haredis.core.node.ServerBuilder) io.haredis.api.RedisServer.builder().port(0).dir(tempDir())).clock(clock).start());

  private static java.nio.file.Path tempDir() {
    try {
      return java.nio.file.Files.createTempDirectory("access");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void close() {
    h.close();
  }

  private void advanceSeconds(long s) {
    clock.millis.addAndGet(s * 1000);
  }

  @Test
  void lfuCounterStartsAtFiveGrowsWithAccessesAndDecaysPerMinute() {
    assertThat(h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu")).isEqualTo(OK);
    assertThat(h.run("CONFIG", "SET", "lfu-log-factor", "0")).isEqualTo(OK); // every access counts
    h.run("SET", "k", "v");
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":5\r\n");
    for (int i = 0; i < 3; i++) {
      h.run("GET", "k");
    }
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":8\r\n"); // OBJECT itself does not touch
    advanceSeconds(3 * 60);
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":5\r\n"); // one per lfu-decay-time minute
    assertThat(h.run("CONFIG", "SET", "lfu-decay-time", "0")).isEqualTo(OK);
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":8\r\n"); // no decay at all
    assertThat(h.run("CONFIG", "SET", "lfu-decay-time", "1")).isEqualTo(OK);
    advanceSeconds(60L * 60);
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":0\r\n");
  }

  @Test
  void accessesDuringABackgroundSaveLeaveTheFieldsAlone() {
    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    h.run("CONFIG", "SET", "lfu-log-factor", "0");
    h.run("SET", "k", "v");
    var ks = h.node().keyspace();
    h.node().call(() -> {
      ks.backgroundJob(() -> true); // as while a BGSAVE or an AOF rewrite runs
      return null;
    });
    h.run("GET", "k");
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":5\r\n");
    h.node().call(() -> {
      ks.backgroundJob(() -> false);
      return null;
    });
    h.run("GET", "k");
    assertThat(h.run("OBJECT", "FREQ", "k")).isEqualTo(":6\r\n");
  }

  @Test
  void lfuCounterGrowsLogarithmicallyWithTheDefaultFactor() {
    h.run("CONFIG", "SET", "maxmemory-policy", "volatile-lfu");
    h.run("SET", "k", "v");
    for (int i = 0; i < 1000; i++) {
      h.run("GET", "k");
    }
    long freq = Long.parseLong(h.run("OBJECT", "FREQ", "k").substring(1).trim());
    // p = 1 / ((counter - 5) * 10 + 1): a thousand hits take the counter only into the teens
    assertThat(freq).isBetween(10L, 30L);
  }

  @Test
  void restoreFreqSetsTheCounterUnderLfuAndIdletimeUnderOtherPolicies() {
    h.run("SET", "src", "v");
    String payload = h.run("DUMP", "src");
    byte[] p = bulk(payload);
    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    assertThat(h.run("RESTORE", "a", "0", p, "FREQ", "100")).isEqualTo(OK);
    assertThat(h.run("OBJECT", "FREQ", "a")).isEqualTo(":100\r\n");
    assertThat(h.run("RESTORE", "b", "0", p, "IDLETIME", "500")).isEqualTo(OK); // ignored under LFU
    assertThat(h.run("OBJECT", "FREQ", "b")).isEqualTo(":5\r\n");

    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
    assertThat(h.run("RESTORE", "c", "0", p, "FREQ", "100")).isEqualTo(OK); // ignored under LRU
    assertThat(h.run("OBJECT", "IDLETIME", "c")).isEqualTo(":0\r\n");
    assertThat(h.run("RESTORE", "d", "0", p, "IDLETIME", "500")).isEqualTo(OK);
    assertThat(h.run("OBJECT", "IDLETIME", "d")).isEqualTo(":500\r\n");
  }

  @Test
  void debugObjectShowsTheAccessClockAndIdleSeconds() {
    h.run("SET", "k", "v");
    advanceSeconds(100);
    String dbg = h.run("DEBUG", "OBJECT", "k");
    assertThat(dbg).contains(" lru_seconds_idle:100\r\n");
    Matcher m = Pattern.compile(" lru:(\\d+) ").matcher(dbg);
    assertThat(m.find()).isTrue();
    assertThat(Long.parseLong(m.group(1))).isEqualTo(((clock.millis.get() / 1000) - 100) & ((1 << 24) - 1));
    h.run("GET", "k");
    assertThat(h.run("DEBUG", "OBJECT", "k")).contains(" lru_seconds_idle:0\r\n");
  }

  @Test
  void anRdbKeepsIdleTimesUnderLruAndCountersUnderLfu() {
    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
    h.run("SET", "old", "v");
    advanceSeconds(1000);
    h.run("SET", "new", "v");
    assertThat(h.run("DEBUG", "RELOAD")).isEqualTo(OK);
    assertThat(h.run("OBJECT", "IDLETIME", "old")).isEqualTo(":1000\r\n");
    assertThat(h.run("OBJECT", "IDLETIME", "new")).isEqualTo(":0\r\n");

    h.run("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    h.run("CONFIG", "SET", "lfu-log-factor", "0");
    h.run("SET", "hot", "v");
    for (int i = 0; i < 20; i++) {
      h.run("GET", "hot");
    }
    assertThat(h.run("OBJECT", "FREQ", "hot")).isEqualTo(":25\r\n");
    assertThat(h.run("BGSAVE")).startsWith("+Background saving started");
    waitForBgsave();
    assertThat(h.run("DEBUG", "RELOAD", "NOSAVE")).isEqualTo(OK);
    assertThat(h.run("OBJECT", "FREQ", "hot")).isEqualTo(":25\r\n");
  }

  private void waitForBgsave() {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (h.run("INFO", "persistence").contains("rdb_bgsave_in_progress:1")) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  /** The payload of a RESP bulk string reply, as bytes. */
  private static byte[] bulk(String reply) {
    int start = reply.indexOf("\r\n") + 2;
    int len = Integer.parseInt(reply.substring(1, reply.indexOf("\r\n")));
    return reply.substring(start, start + len).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
