package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bitmap and string commands run on one node; its replication log replayed into a fresh
 * node must give the same DEBUG DIGEST: every bitmap write that changes the dataset propagates.
 * Rerun with {@code -Dseed=N}.
 */
class BitmapReplicationReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  @Test
  void randomBitmapCommands_replayedLog_sameDigest() {
    System.out.println("BitmapReplicationReplayTest seed=" + SEED);
    Random seeds = new Random(SEED);
    for (int run = 0; run < 4; run++) {
      long seed = seeds.nextLong();
      try (CommandHarness master = new CommandHarness(); CommandHarness replay = new CommandHarness()) {
        for (CommandHarness h : new CommandHarness[] {master, replay}) {
          h.run("CONFIG", "SET", "proto-max-bulk-len", BitmapRandomCommands.MAX_BULK);
        }
        master.run("RPUSH", "l", "a", "b");
        BitmapRandomCommands gen = new BitmapRandomCommands(new Random(seed), false);
        for (int i = 0; i < 3000; i++) {
          master.run((Object[]) BitmapRandomCommands.bytes(gen.next()));
        }
        byte[] stream = master.node().call(() -> master.node().replicationLog().backlog().readFrom(1));
        List<List<byte[]>> cmds = StringTestSupport.parse(stream);
        assertThat(cmds.size()).isGreaterThan(500);
        for (List<byte[]> cmd : cmds) {
          String name = new String(cmd.get(0), StandardCharsets.US_ASCII);
          if (name.equalsIgnoreCase("MULTI") || name.equalsIgnoreCase("EXEC")) {
            continue;
          }
          String reply = replay.run(cmd.toArray());
          assertThat(reply).as("replaying %s (seed=%d, run seed=%d)", name, SEED, seed).doesNotStartWith("-");
        }
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed)
            .isEqualTo(master.run("DEBUG", "DIGEST"));
      }
    }
  }
}
