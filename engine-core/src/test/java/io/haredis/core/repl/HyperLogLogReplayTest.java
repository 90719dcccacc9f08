package io.haredis.core.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * HyperLogLog writes replay to the same data: random PFADD/PFCOUNT/PFMERGE/PFDEBUG sequences
 * (including corrupted values and sparse-to-dense promotions) run on one node, the replication
 * log is replayed into a fresh node, and DEBUG DIGEST must match. Also pins down what 7.0
 * propagates: PFCOUNT only when it refreshed the cached cardinality, PFADD only on change.
 */
class HyperLogLogReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  private static final String[] KEYS = {"h0", "h1", "h2", "s", "c"};

  @Test
  void randomSequences_replayedLog_sameDigest() {
    System.out.println("HyperLogLogReplayTest seed=" + SEED);
    Random seeds = new Random(SEED);
    for (int run = 0; run < 4; run++) {
      long seed = seeds.nextLong();
      try (CommandHarness master = CommandHarness.with("repl-backlog-size", "64mb"); CommandHarness replay = new CommandHarness()) {
        Random r = new Random(seed);
        for (int i = 0; i < 1500; i++) {
          master.run(next(r, master));
        }
        ReplicationLog log = master.node().replicationLog();
        byte[] stream = log.backlog().readFrom(1);
        assertThat(stream.length).as("log fits in the backlog for this test").isEqualTo(log.masterOffset());
        for (byte[][] cmd : ReplicationLogReplayTest.parseCommands(stream)) {
          replay.run((Object[]) cmd);
        }
        for (String k : KEYS) {
          assertThat(replay.run("GET", k)).as("seed=%d run seed=%d key %s", SEED, seed, k).isEqualTo(master.run("GET", k));
        }
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed).isEqualTo(master.run("DEBUG", "DIGEST"));
      }
    }
  }

  private static Object[] next(Random r, CommandHarness h) {
    List<Object> a = new ArrayList<>();
    String key = KEYS[r.nextInt(KEYS.length)];
    int pick = r.nextInt(100);
    if (pick < 45) {
      // Not on the corrupted key "c": like Redis, a PFADD that hits the corruption after some
      // in-place register updates replies an error and propagates nothing, so a replica would
      // not see those updates.
      a.add("PFADD");
      a.add(key.equals("c") ? "h0" : key);
      int n = r.nextInt(8) == 0 ? 200 + r.nextInt(600) : r.nextInt(5);
      for (int i = 0; i < n; i++) {
        a.add("e" + r.nextInt(20000));
      }
    } else if (pick < 65) {
      a.add("PFCOUNT");
      a.add(key);
      if (r.nextBoolean()) { // several keys: a union, nothing written
        a.add(KEYS[r.nextInt(KEYS.length)]);
      }
    } else if (pick < 75) {
      a.add("PFMERGE");
      a.add(key);
      for (int i = r.nextInt(3); i >= 0; i--) {
        a.add(KEYS[r.nextInt(KEYS.length)]);
      }
    } else if (pick < 80) {
      a.add("PFDEBUG");
      a.add(r.nextBoolean() ? "TODENSE" : "ENCODING");
      a.add(key);
    } else if (pick < 88) {
      // a corrupted copy of another value, stored under "c"
      String raw = h.run("GET", KEYS[r.nextInt(3)]);
      if (!raw.startsWith("$") || raw.startsWith("$-1")) {
        return new Object[] {"DEL", key};
      }
      int crlf = raw.indexOf("\r\n");
      byte[] v = raw.substring(crlf + 2, raw.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
      if (v.length > 17) {
        if (r.nextBoolean()) {
          v = Arrays.copyOf(v, v.length - 1);
        } else {
          v[16 + r.nextInt(v.length - 16)] = (byte) r.nextInt(256);
        }
      }
      return new Object[] {"SET", "c", v};
    } else if (pick < 93) {
      return new Object[] {"SET", "s", "plain"};
    } else {
      return new Object[] {"DEL", key};
    }
    return a.toArray();
  }

  @Test
  void pfcount_propagatesOnlyWhenCacheRefreshed() {
    try (CommandHarness h = new CommandHarness()) {
      ReplicationLog log = h.node().replicationLog();
      h.run("PFADD", "h", "a", "b", "c");
      long afterAdd = log.masterOffset();
      assertThat(afterAdd).isPositive();
      h.run("PFADD", "h", "a");
      assertThat(log.masterOffset()).as("PFADD that changes nothing").isEqualTo(afterAdd);
      h.run("PFCOUNT", "h");
      long afterCount = log.masterOffset();
      assertThat(afterCount).as("PFCOUNT refreshing the cache").isGreaterThan(afterAdd);
      h.run("PFCOUNT", "h");
      h.run("PFCOUNT", "h", "other");
      h.run("PFCOUNT", "missing");
      assertThat(log.masterOffset()).as("PFCOUNT with a valid cache, of several keys, of a missing key").isEqualTo(afterCount);
      h.run("PFMERGE", "h");
      assertThat(log.masterOffset()).as("PFMERGE always").isGreaterThan(afterCount);
      String tail = new String(log.backlog().readFrom(afterAdd + 1), StandardCharsets.ISO_8859_1);
      assertThat(tail).startsWith("*2\r\n$7\r\nPFCOUNT\r\n$1\r\nh\r\n");
    }
  }
}
