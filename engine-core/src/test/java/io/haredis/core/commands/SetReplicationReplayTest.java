package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.repl.ReplicationLog;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random set-command sequences (SPOP's random choices included) on one node; its replication log
 * replayed into a fresh node must give the same DEBUG DIGEST. The seed is in the message.
 */
class SetReplicationReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  @Test
  void randomSequences_replayedLog_sameDigest() {
    Random seeds = new Random(SEED);
    for (int run = 0; run < 5; run++) {
      long seed = seeds.nextLong();
      try (CommandHarness master = new CommandHarness(); CommandHarness replay = new CommandHarness()) {
        SetCommandGen gen = new SetCommandGen(new Random(seed));
        for (int i = 0; i < 2000; i++) {
          String[] cmd = gen.next();
          if (cmd[0].equals("CONFIG")) {
            replay.run((Object[]) cmd); // configuration is not replicated: apply it on both sides
          }
          master.run((Object[]) cmd);
        }
        ReplicationLog log = master.node().replicationLog();
        byte[] stream = log.backlog().readFrom(1);
        assertThat(stream.length).as("log fits in the backlog for this test").isEqualTo(log.masterOffset());
        for (byte[][] c : parseCommands(stream)) {
          String name = new String(c[0], StandardCharsets.US_ASCII);
          if (name.equalsIgnoreCase("MULTI") || name.equalsIgnoreCase("EXEC")) {
            continue;
          }
          String reply = replay.run((Object[]) c);
          assertThat(reply).as("replaying %s (seed=%d, run seed=%d)", name, SEED, seed).doesNotStartWith("-");
        }
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed).isEqualTo(master.run("DEBUG", "DIGEST"));
        for (String k : SetCommandGen.KEYS) {
          assertThat(replay.run("SCARD", k)).as("SCARD %s seed=%d run seed=%d", k, SEED, seed).isEqualTo(master.run("SCARD", k));
        }
      }
    }
  }

  private static List<byte[][]> parseCommands(byte[] s) {
    List<byte[][]> out = new ArrayList<>();
    int p = 0;
    while (p < s.length) {
      int lf = indexOf(s, p);
      int argc = Integer.parseInt(new String(s, p + 1, lf - p - 2, StandardCharsets.US_ASCII));
      p = lf + 1;
      byte[][] args = new byte[argc][];
      for (int i = 0; i < argc; i++) {
        lf = indexOf(s, p);
        int len = Integer.parseInt(new String(s, p + 1, lf - p - 2, StandardCharsets.US_ASCII));
        p = lf + 1;
        args[i] = Arrays.copyOfRange(s, p, p + len);
        p += len + 2;
      }
      out.add(args);
    }
    return out;
  }

  private static int indexOf(byte[] s, int from) {
    for (int i = from; i < s.length; i++) {
      if (s[i] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("truncated stream");
  }
}
