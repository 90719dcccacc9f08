package io.haredis.core.repl;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import io.haredis.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 3's replay check with blocking commands: several TCP clients block (BLPOP, BRPOP, BLMOVE,
 * BRPOPLPUSH, BLMPOP, BZPOPMIN, BZPOPMAX, BZMPOP) while others push, pop and run MULTI/EXEC
 * batches; whether a blocked client is served or times out, what it did reaches the log as the
 * plain command it became, so the log replayed into a fresh node gives the same DEBUG DIGEST.
 */
class BlockingReplayTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final String[] LISTS = {"l1", "l2", "l3"};
  private static final String[] ZSETS = {"z1", "z2"};

  @Test
  void blockedAndServedPops_replayedLog_sameDigest() {
    Random seeds = new Random(SEED);
    for (int run = 0; run < 3; run++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      try (ServerNode master = (ServerNode) RedisServer.builder().port(0).start();
           CommandHarness replay = new CommandHarness()) {
        List<RawRespClient> clients = new ArrayList<>();
        boolean[] pending = new boolean[4];
        for (int i = 0; i < pending.length; i++) {
          clients.add(new RawRespClient(master.address().host(), master.address().port()));
        }
        int served = 0;
        for (int step = 0; step < 600; step++) {
          int ci = r.nextInt(clients.size());
          RawRespClient c = clients.get(ci);
          if (pending[ci]) {
            String reply = c.readReply();
            if (!reply.equals("*-1\r\n") && !reply.equals("$-1\r\n")) {
              served++; // a timed-out pop replies with a null
            }
            pending[ci] = false;
            continue;
          }
          int pick = r.nextInt(10);
          if (pick < 3) {
            c.send(bytes(blocking(r)));
            pending[ci] = true;
          } else if (pick < 4) {
            c.call("MULTI");
            int n = 1 + r.nextInt(3);
            for (int i = 0; i < n; i++) {
              c.call(push(r));
            }
            c.call("EXEC");
          } else {
            c.call(r.nextInt(4) == 0 ? pop(r) : push(r));
          }
        }
        for (int i = 0; i < clients.size(); i++) {
          if (pending[i]) {
            clients.get(i).readReply();
          }
          clients.get(i).close();
        }
        assertThat(served).as("some blocked clients were served (seed=%d)", seed).isPositive();
        ReplicationLog log = master.call(master::replicationLog);
        byte[] stream = master.call(() -> log.backlog().readFrom(1));
        for (byte[][] cmd : ReplicationLogReplayTest.parseCommands(stream)) {
          String name = new String(cmd[0], StandardCharsets.US_ASCII);
          if (name.equalsIgnoreCase("MULTI") || name.equalsIgnoreCase("EXEC")) {
            continue;
          }
          assertThat(replay.run((Object[]) cmd)).as("replaying %s (seed=%d)", name, seed).doesNotStartWith("-");
        }
        String want = new String(master.executeRaw("DEBUG", "DIGEST"), StandardCharsets.ISO_8859_1);
        assertThat(replay.run("DEBUG", "DIGEST")).as("seed=%d run seed=%d", SEED, seed).isEqualTo(want);
      }
    }
  }

  private static byte[][] bytes(String[] args) {
    byte[][] b = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      b[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }

  private static String list(Random r) {
    return LISTS[r.nextInt(LISTS.length)];
  }

  private static String zset(Random r) {
    return ZSETS[r.nextInt(ZSETS.length)];
  }

  private static String[] blocking(Random r) {
    String t = "0.0" + (1 + r.nextInt(5)); // 10..50 ms: some time out, some are served
    return switch (r.nextInt(8)) {
      case 0 -> new String[] {"BLPOP", list(r), list(r), t};
      case 1 -> new String[] {"BRPOP", list(r), t};
      case 2 -> new String[] {"BLMOVE", list(r), list(r), r.nextBoolean() ? "LEFT" : "RIGHT", r.nextBoolean() ? "LEFT" : "RIGHT", t};
      case 3 -> new String[] {"BRPOPLPUSH", list(r), list(r), t};
      case 4 -> new String[] {"BLMPOP", t, "2", list(r), list(r), r.nextBoolean() ? "LEFT" : "RIGHT", "COUNT", "2"};
      case 5 -> new String[] {"BZPOPMIN", zset(r), zset(r), t};
      case 6 -> new String[] {"BZPOPMAX", zset(r), t};
      default -> new String[] {"BZMPOP", t, "2", zset(r), zset(r), r.nextBoolean() ? "MIN" : "MAX", "COUNT", "2"};
    };
  }

  private static String[] push(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> new String[] {"LPUSH", list(r), "a" + r.nextInt(50), "b" + r.nextInt(50)};
      case 1 -> new String[] {"RPUSH", list(r), "c" + r.nextInt(50)};
      case 2 -> new String[] {"ZADD", zset(r), Integer.toString(r.nextInt(20)), "m" + r.nextInt(30)};
      default -> new String[] {"LMOVE", list(r), list(r), "LEFT", "RIGHT"};
    };
  }

  private static String[] pop(Random r) {
    return switch (r.nextInt(3)) {
      case 0 -> new String[] {"LPOP", list(r)};
      case 1 -> new String[] {"ZPOPMIN", zset(r)};
      default -> new String[] {"RPOP", list(r), "2"};
    };
  }
}
