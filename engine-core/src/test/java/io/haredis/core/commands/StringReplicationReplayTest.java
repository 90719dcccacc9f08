package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.Numbers;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Replays a node's replication log into a fresh node and checks both hold the same strings
 * with the same expiry times: the propagated forms must be deterministic and complete.
 */
class StringReplicationReplayTest {

  private static final int KEYS = 12;

  @Test
  void backlogReplay_randomWorkload_sameDataset() {
    StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
    try (CommandHarness master = StringTestSupport.harness(clock);
        CommandHarness copy = StringTestSupport.harness(clock)) {
      // The cron's active expiry runs on the node's own thread and could log a DEL after the
      // last read below; this test follows lazy expiry at a shared manual clock instead.
      master.node().call(() -> {
        master.node().keyspace().activeExpireEnabled(false);
        return null;
      });
      copy.node().call(() -> {
        copy.node().keyspace().activeExpireEnabled(false);
        return null;
      });
      Random r = new Random(20240607);
      // The copy follows the log as a replica would, at the same clock, so lazy expiry on
      // either side happens at the same moments; the whole log is also checked at the end.
      long applied = 0;
      int replayed = 0;
      for (int i = 0; i < 3000; i++) {
        master.run(randomCommand(r));
        long from = applied;
        byte[] fresh = master.node().call(() -> master.node().replicationLog().masterOffset() == from
            ? new byte[0] : master.node().replicationLog().backlog().readFrom(from + 1));
        applied += fresh.length;
        for (List<byte[]> cmd : StringTestSupport.parse(fresh)) {
          apply(copy, cmd);
          replayed++;
        }
        if (r.nextInt(5) == 0) {
          clock.millis.addAndGet(r.nextInt(1500));
        }
      }
      long start = master.node().call(() -> master.node().replicationLog().backlog().firstByteOffset());
      assertThat(start).as("backlog must still hold the whole stream").isEqualTo(1);
      assertThat(StringTestSupport.commandsSince(master.node(), 0)).hasSize(replayed);
      assertThat(replayed).isGreaterThan(1000);
      for (int k = 0; k < KEYS; k++) {
        String key = "k" + k;
        assertThat(copy.run("GET", key)).as(key).isEqualTo(master.run("GET", key));
        assertThat(expireAt(copy.node(), key)).as(key + " expiry").isEqualTo(expireAt(master.node(), key));
      }
    }
  }

  /** Runs one logged command; applies the generic key commands this branch lacks directly. */
  private static void apply(CommandHarness node, List<byte[]> cmd) {
    String name = new String(cmd.get(0), StandardCharsets.US_ASCII).toUpperCase();
    ServerNode n = node.node();
    switch (name) {
      case "SELECT" -> assertThat(new String(cmd.get(1), StandardCharsets.US_ASCII)).isEqualTo("0");
      case "MULTI", "EXEC" -> { }
      case "DEL" -> n.call(() -> n.keyspace().db(0).delete(cmd.get(1)));
      case "PEXPIREAT" -> n.call(() -> {
        Database db = n.keyspace().db(0);
        Entry e = db.lookup(cmd.get(1));
        assertThat(e).isNotNull();
        byte[] t = cmd.get(2);
        db.setExpire(e, Numbers.parseLong(t, 0, t.length, -1));
        return null;
      });
      case "PERSIST" -> n.call(() -> {
        Database db = n.keyspace().db(0);
        Entry e = db.lookup(cmd.get(1));
        assertThat(e).isNotNull();
        return db.removeExpire(e);
      });
      default -> {
        String reply = node.run(cmd.toArray());
        assertThat(reply).as(name).doesNotStartWith("-");
      }
    }
  }

  private static long expireAt(ServerNode n, String key) {
    return n.call(() -> {
      Entry e = n.keyspace().db(0).lookup(key.getBytes(StandardCharsets.US_ASCII));
      return e == null ? -2L : e.expireAt();
    });
  }

  private static Object[] randomCommand(Random r) {
    String k = "k" + r.nextInt(KEYS);
    String k2 = "k" + r.nextInt(KEYS);
    String v = r.nextBoolean() ? Integer.toString(r.nextInt(1000)) : "v" + r.nextInt(100);
    long abs = StringTestSupport.NOW + r.nextInt(400_000) - 10_000;
    List<Object> c = new ArrayList<>();
    switch (r.nextInt(22)) {
      case 0 -> add(c, "SET", k, v);
      case 1 -> add(c, "SET", k, v, "EX", Integer.toString(1 + r.nextInt(5)));
      case 2 -> add(c, "SET", k, v, "PX", Integer.toString(1 + r.nextInt(5000)), r.nextBoolean() ? "NX" : "XX");
      case 3 -> add(c, "SET", k, v, "PXAT", Long.toString(abs), "GET");
      case 4 -> add(c, "SET", k, v, "KEEPTTL", "GET");
      case 5 -> add(c, "SET", k, v, "EXAT", Long.toString(abs / 1000));
      case 6 -> add(c, "SETNX", k, v);
      case 7 -> add(c, "SETEX", k, Integer.toString(1 + r.nextInt(5)), v);
      case 8 -> add(c, "PSETEX", k, Integer.toString(1 + r.nextInt(5000)), v);
      case 9 -> add(c, "GETSET", k, v);
      case 10 -> add(c, "GETDEL", k);
      case 11 -> add(c, "GETEX", k, "EX", Integer.toString(1 + r.nextInt(5)));
      case 12 -> add(c, "GETEX", k, "PXAT", Long.toString(abs));
      case 13 -> add(c, "GETEX", k, "PERSIST");
      case 14 -> add(c, "INCR", k);
      case 15 -> add(c, "DECRBY", k, Integer.toString(r.nextInt(100)));
      case 16 -> add(c, "INCRBYFLOAT", k, (r.nextInt(2000) - 1000) / 7.0 + "");
      case 17 -> add(c, "APPEND", k, v);
      case 18 -> add(c, "SETRANGE", k, Integer.toString(r.nextInt(8)), v);
      case 19 -> add(c, "MSET", k, v, k2, v + "x");
      case 20 -> add(c, "MSETNX", k, v, k2, v);
      default -> add(c, "GET", k);
    }
    return c.toArray();
  }

  private static void add(List<Object> c, Object... words) {
    c.addAll(List.of(words));
  }
}
