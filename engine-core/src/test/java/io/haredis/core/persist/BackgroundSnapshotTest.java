package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.time.Clock;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.node.ServerSettings;
import io.haredis.testing.CommandHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A background snapshot written a few buckets at a time, with random commands of every type
 * landing between the steps (on the node's loop, while the test thread is the writer), holds
 * exactly the dataset of its instant: the RDB it produces loads with the DEBUG DIGEST taken then.
 */
class BackgroundSnapshotTest {

  static final int KEYS = 400;

  @Test
  void writesTheFirstInstantWhileCommandsContinue() throws Exception {
    for (long seed = 1; seed <= 12; seed++) {
      runOnce(seed);
    }
  }

  private void runOnce(long seed) throws Exception {
    Random r = new Random(seed);
    // seeded node: the dictionaries' hash order, hence the walk, replays exactly
    try (CommandHarness h = new CommandHarness((ServerNode) io.haredis.api.RedisServer.builder().port(0).seed(seed).start())) {
      ServerNode node = h.node();
      for (int i = 0; i < 3000; i++) {
        h.run((Object[]) write(r, false));
      }
      h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0"); // keys expiring between the digest and the snapshot
      ServerSettings s = node.settings();
      RdbWriter writer = new RdbWriter(new RdbOutput(1 << 16), s.rdbCompression, s.listMaxListpackSize, s.listCompressDepth);
      String[] before = new String[1];
      BackgroundSnapshot snap = node.call(() -> {
        Keyspace ks = node.keyspace();
        before[0] = DatasetDigest.hex(DatasetDigest.dataset(ks));
        writer.header();
        return new BackgroundSnapshot(ks, s.rdbCompression, s.listMaxListpackSize, s.listCompressDepth);
      });
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      int rounds = 0;
      // this thread is the writer: the loop runs the commands between its steps
      while (!snap.writeSome(writer, 1 + r.nextInt(3))) {
        file.write(writer.output().array(), 0, writer.output().length());
        writer.output().clear();
        int writes = r.nextInt(6);
        for (int i = 0; i < writes; i++) {
          String[] w = write(r, true);
          if (!w[0].equals("FLUSHALL")) { // FLUSHALL stops a background save, as in Redis
            h.run((Object[]) w);
          }
        }
        rounds++;
      }
      writer.eof();
      file.write(writer.output().array(), 0, writer.output().length());
      file.write(new byte[8]); // checksum 0: not computed
      long captured = node.call(() -> {
        snap.release();
        return snap.keysProcessed() - snap.keysWritten();
      });
      assertThat(rounds).isGreaterThan(10);
      assertThat(captured).as("seed %d: writes reached buckets ahead of the writer", seed).isPositive();
      Keyspace loaded = new Keyspace(16, Clock.system(), new Random(1));
      RdbLoad.loadInto(loaded, new ByteArrayInputStream(file.toByteArray()), false);
      assertThat(DatasetDigest.hex(DatasetDigest.dataset(loaded))).as("seed %d", seed).isEqualTo(before[0]);
      assertThat(node.call(() -> node.keyspace().db(0).dict().barrier())).as("released").isNull();
    }
  }

  /** A random write (or read that changes state) over a small key space; {@code duringSnapshot} adds rare whole-keyspace ones. */

  static String[] write(Random r, boolean duringSnapshot) {
    String k = "k" + r.nextInt(KEYS);
    String k2 = "k" + r.nextInt(KEYS);
    String v = "v" + r.nextInt(1000);
    int pick = r.nextInt(duringSnapshot ? 30 : 27);
    return switch (pick) {
      case 0, 1 -> new String[] {"SET", k, v};
      case 2 -> new String[] {"APPEND", k, v};
      case 3 -> new String[] {"INCR", "n" + r.nextInt(KEYS)};
      case 4 -> new String[] {"DEL", k};
      case 5 -> new String[] {"RENAME", k, k2};
      case 6 -> new String[] {"HSET", "h" + r.nextInt(KEYS), "f" + r.nextInt(20), v};
      case 7 -> new String[] {"HDEL", "h" + r.nextInt(KEYS), "f" + r.nextInt(20)};
      case 8 -> new String[] {"LPUSH", "l" + r.nextInt(KEYS), v};
      case 9 -> new String[] {"RPOP", "l" + r.nextInt(KEYS)};
      case 10 -> new String[] {"SADD", "s" + r.nextInt(KEYS), Integer.toString(r.nextInt(50))};
      case 11 -> new String[] {"SREM", "s" + r.nextInt(KEYS), Integer.toString(r.nextInt(50))};
      case 12 -> new String[] {"ZADD", "z" + r.nextInt(KEYS), Integer.toString(r.nextInt(100)), v};
      case 13 -> new String[] {"ZINCRBY", "z" + r.nextInt(KEYS), "1.5", v};
      case 14 -> new String[] {"EXPIRE", k, "100000"};
      case 15 -> new String[] {"PERSIST", k};
      case 16 -> new String[] {"PFADD", "p" + r.nextInt(20), v};
      case 17 -> new String[] {"PFCOUNT", "p" + r.nextInt(20)};
      case 18 -> new String[] {"SETBIT", "b" + r.nextInt(KEYS), Integer.toString(r.nextInt(4000)), "1"};
      case 19 -> new String[] {"COPY", k, k2, "DB", Integer.toString(r.nextInt(3)), "REPLACE"};
      case 20 -> new String[] {"MOVE", k, Integer.toString(1 + r.nextInt(2))};
      case 21 -> new String[] {"SELECT", Integer.toString(r.nextInt(3))};
      case 22 -> new String[] {"SPOP", "s" + r.nextInt(KEYS)};
      case 23 -> new String[] {"LTRIM", "l" + r.nextInt(KEYS), "0", "2"};
      case 24 -> new String[] {"GETDEL", k};
      case 25 -> new String[] {"SETRANGE", k, Integer.toString(r.nextInt(10)), v};
      case 26 -> new String[] {"PEXPIRE", k, Integer.toString(1 + r.nextInt(3))}; // expires under the walk
      // rare, so most of the walk runs against a dataset still being changed key by key
      case 27 -> r.nextInt(10) == 0 ? new String[] {"SWAPDB", Integer.toString(r.nextInt(3)), Integer.toString(r.nextInt(3))}
          : new String[] {"HSET", "h" + r.nextInt(KEYS), "g", v};
      case 28 -> r.nextInt(40) == 0 ? new String[] {"FLUSHDB"} : new String[] {"SET", k, v};
      default -> r.nextInt(100) == 0 ? new String[] {"FLUSHALL"} : new String[] {"DEL", k2};
    };
  }
}
