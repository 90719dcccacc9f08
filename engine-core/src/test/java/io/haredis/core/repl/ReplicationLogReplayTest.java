package io.haredis.core.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import io.haredis.testing.RandomCommands;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The replication log is the truth replicas and the AOF replay: random command sequences run on
 * one node, its log is replayed into a fresh node, and both must hold the same data (same
 * {@code DEBUG DIGEST}). Catches any write that forgets to propagate, or propagates something
 * non-deterministic. MULTI/EXEC wrappers are applied as the plain sequence they wrap.
 */
class ReplicationLogReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  @Test
  void randomSequences_replayedLog_sameDigest() {
    Random seeds = new Random(SEED);
    for (int run = 0; run < 5; run++) {
      long seed = seeds.nextLong();
      try (CommandHarness master = frozenNode(); CommandHarness replay = frozenNode()) {
        RandomCommands gen = new RandomCommands(new Random(seed));
        for (int i = 0; i < 2000; i++) {
          master.run((Object[]) gen.next().args());
        }
        master.run("DISCARD"); // the sequence may have left a transaction open
        ReplicationLog log = master.node().replicationLog();
        byte[] stream = log.backlog().readFrom(1);
        assertThat(stream.length).as("log fits in the backlog for this test").isEqualTo(log.masterOffset());
        for (byte[][] cmd : parseCommands(stream)) {
          String name = new String(cmd[0], StandardCharsets.US_ASCII);
          if (name.equalsIgnoreCase("MULTI") || name.equalsIgnoreCase("EXEC")) {
            continue;
          }
          String reply = replay.run((Object[]) cmd);
          assertThat(reply).as("replaying %s (seed=%d, run seed=%d)", name, SEED, seed).doesNotStartWith("-");
        }
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed).isEqualTo(master.run("DEBUG", "DIGEST"));
      }
    }
  }

  /**
   * A node whose clock stands still and whose cron does not expire keys: every deletion then
   * comes from a command, and so is in the log. (On the real clock a key with a short TTL could
   * expire in one node and not the other between a command and its replay.)
   */
  private static CommandHarness frozenNode() {
    io.haredis.api.time.Clock frozen = new io.haredis.api.time.Clock() {
      @Override
      public long currentTimeMillis() {
        return 1_800_000_000_000L;
      }

      @Override
      public long nanoTime() {
        return System.nanoTime(); // durations (command timing) may still advance
      }
    };
    io.haredis.core.node.ServerNode node = new io.haredis.core.node.ServerBuilder().port(0).clock(frozen).start();
    node.call(() -> {
      node.keyspace().activeExpireEnabled(false);
      return null;
    });
    return new CommandHarness(node);
  }

  /** Splits a stream of multibulk commands. */
  static List<byte[][]> parseCommands(byte[] s) {
    List<byte[][]> out = new ArrayList<>();
    int p = 0;
    while (p < s.length) {
      assertThat(s[p]).isEqualTo((byte) '*');
      int lf = indexOf(s, p, (byte) '\n');
      int argc = Integer.parseInt(new String(s, p + 1, lf - p - 2, StandardCharsets.US_ASCII));
      p = lf + 1;
      byte[][] args = new byte[argc][];
      for (int i = 0; i < argc; i++) {
        lf = indexOf(s, p, (byte) '\n');
        int len = Integer.parseInt(new String(s, p + 1, lf - p - 2, StandardCharsets.US_ASCII));
        p = lf + 1;
        args[i] = Arrays.copyOfRange(s, p, p + len);
        p += len + 2;
      }
      out.add(args);
    }
    return out;
  }

  private static int indexOf(byte[] s, int from, byte b) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == b) {
        return i;
      }
    }
    throw new IllegalArgumentException("truncated stream");
  }
}
