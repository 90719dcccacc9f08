package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the bitmap family against a real redis-server 7.0: random sequences of
 * bitmap commands mixed with SET/APPEND/SETRANGE/GETRANGE/INCRBY over a tiny key space (a list
 * key gives WRONGTYPE), offsets from tiny to past the 1 MB proto-max-bulk-len both servers are
 * set to, malformed arguments included. Every reply is compared byte for byte, DEBUG DIGEST
 * along the way. Rerun with {@code -Dseed=N}.
 */
class BitmapRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("bitmap.sequences", 8);
  private static final int COMMANDS = Integer.getInteger("bitmap.commands", 1500);

  private static RealRedis redis;
  private static RedisServer ours;

  @BeforeAll
  static void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
    ours = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    if (ours != null) {
      ours.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void randomSequences_repliesIdenticalToRedis() {
    System.out.println("BitmapRedisIT seed=" + SEED);
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      runSequence(seeds.nextLong());
    }
  }

  private void runSequence(long seed) {
    Random r = new Random(seed);
    BitmapRandomCommands gen = new BitmapRandomCommands(r, true);
    List<String> history = new ArrayList<>();
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      boolean resp3 = r.nextBoolean();
      for (RawRespClient cl : new RawRespClient[] {a, b}) {
        cl.call("FLUSHALL");
        cl.call("CONFIG", "SET", "proto-max-bulk-len", BitmapRandomCommands.MAX_BULK);
        cl.call("RPUSH", "l", "a", "b");
        if (resp3) {
          cl.call("HELLO", "3");
        }
      }
      history.add("resp3=" + resp3);
      for (int i = 0; i < COMMANDS; i++) {
        if (i % 100 == 99) {
          // Keep a list around so WRONGTYPE stays covered after bitmap writes replace it.
          for (RawRespClient cl : new RawRespClient[] {a, b}) {
            cl.call("DEL", "l");
            cl.call("RPUSH", "l", "a", "b");
          }
        }
        String[] cmd = gen.next();
        String desc = RandomCommands.printable(String.join(" ", cmd));
        if (desc.length() > 300) {
          desc = desc.substring(0, 300) + "...";
        }
        String ctx = "seed=" + SEED + " sequence seed=" + seed + " command #" + i + ": " + desc
            + "\nlast commands:\n  " + String.join("\n  ",
                history.subList(Math.max(0, history.size() - 25), history.size()));
        String x = a.call(BitmapRandomCommands.bytes(cmd));
        String y = b.call(BitmapRandomCommands.bytes(cmd));
        String shown = RandomCommands.printable(y);
        history.add(desc + " -> " + (shown.length() > 200 ? shown.substring(0, 200) + "..." : shown));
        if (!x.equals(y)) {
          assertThat(RandomCommands.printable(x)).as(ctx).isEqualTo(RandomCommands.printable(y));
        }
        if (i % 50 == 49) {
          assertThat(a.call("DEBUG", "DIGEST")).as("digest " + ctx).isEqualTo(b.call("DEBUG", "DIGEST"));
        }
      }
      assertThat(a.call("DEBUG", "DIGEST")).as("final digest, sequence seed " + seed)
          .isEqualTo(b.call("DEBUG", "DIGEST"));
    }
  }
}
