package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random data and SORT ... STORE commands run on one node; its replication log replayed into a
 * fresh node must give the same DEBUG DIGEST. SORT ... STORE propagates verbatim, so the replica
 * recomputes the sort; sets are kept small-integer (intsets iterate in a fixed order) so every
 * stored order is determined by the data.
 */
class SortReplicationReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final String[] ELEMENTS = {"1", "2", "3", "-4", "10", "25", "7", "0", "a", "b", "ab", "1.5"};
  private static final String[] INTS = {"1", "2", "3", "-4", "10", "25", "7", "0"};
  private static final String[] SOURCES = {"l", "s", "z", "missing"};
  private static final String[] BY = {"w_*", "h_*->f", "nosort", "w_*->f"};
  private static final String[] GET = {"#", "w_*", "h_*->f"};

  @Test
  void randomSortStore_replayedLog_sameDigest() {
    Random seeds = new Random(SEED);
    for (int run = 0; run < 4; run++) {
      long seed = seeds.nextLong();
      Random rnd = new Random(seed);
      try (CommandHarness master = new CommandHarness(); CommandHarness replay = new CommandHarness()) {
        int stores = 0;
        for (int i = 0; i < 2000; i++) {
          String[] cmd = next(rnd);
          String reply = master.run((Object[]) cmd);
          if (cmd[0].equals("SORT") && reply.startsWith(":")) {
            stores++;
          }
        }
        assertThat(stores).isGreaterThan(50);
        byte[] stream = master.node().call(() -> master.node().replicationLog().backlog().readFrom(1));
        for (List<byte[]> cmd : StringTestSupport.parse(stream)) {
          String name = new String(cmd.get(0), StandardCharsets.US_ASCII);
          if (name.equalsIgnoreCase("MULTI") || name.equalsIgnoreCase("EXEC")) {
            continue;
          }
          assertThat(replay.run(cmd.toArray())).as("replaying %s (seed=%d, run seed=%d)", name, SEED, seed)
              .doesNotStartWith("-");
        }
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed)
            .isEqualTo(master.run("DEBUG", "DIGEST"));
      }
    }
  }

  private static String pick(Random rnd, String[] xs) {
    return xs[rnd.nextInt(xs.length)];
  }

  private static String[] next(Random rnd) {
    int r = rnd.nextInt(100);
    if (r < 12) {
      return new String[] {"RPUSH", "l", pick(rnd, ELEMENTS), pick(rnd, ELEMENTS)};
    }
    if (r < 20) {
      return new String[] {"SADD", "s", pick(rnd, INTS), pick(rnd, INTS)};
    }
    if (r < 28) {
      return new String[] {"ZADD", "z", Integer.toString(rnd.nextInt(3)), pick(rnd, ELEMENTS)};
    }
    if (r < 38) {
      return new String[] {"SET", "w_" + pick(rnd, ELEMENTS), pick(rnd, ELEMENTS)};
    }
    if (r < 45) {
      return new String[] {"HSET", "h_" + pick(rnd, ELEMENTS), "f", pick(rnd, ELEMENTS)};
    }
    if (r < 48) {
      return new String[] {"DEL", pick(rnd, SOURCES)};
    }
    List<String> cmd = new ArrayList<>(List.of(rnd.nextInt(8) == 0 ? "SORT_RO" : "SORT", pick(rnd, SOURCES)));
    if (rnd.nextBoolean()) {
      cmd.addAll(List.of("BY", pick(rnd, BY)));
    }
    if (rnd.nextInt(3) == 0) {
      cmd.addAll(List.of("LIMIT", Integer.toString(rnd.nextInt(6) - 1), Integer.toString(rnd.nextInt(6) - 1)));
    }
    if (rnd.nextInt(3) == 0) {
      cmd.add("DESC");
    }
    if (rnd.nextInt(10) < 6) {
      cmd.add("ALPHA");
    }
    if (rnd.nextInt(3) == 0) {
      cmd.addAll(List.of("GET", pick(rnd, GET)));
    }
    if (cmd.get(0).equals("SORT") && rnd.nextInt(10) < 8) {
      cmd.addAll(List.of("STORE", rnd.nextBoolean() ? "dst" : "l"));
    }
    return cmd.toArray(new String[0]);
  }
}
