package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A snapshot taken while random writes keep landing between its steps must deliver exactly the
 * dataset of its first instant: equal DEBUG DIGEST, every key once.
 */
class KeyspaceSnapshotTest {

  private static final int KEYS = 400;

  /** Digests what it receives the way DEBUG DIGEST does, per database, in delivery order. */
  private static final class DigestSink implements SnapshotSink {
    final byte[][] acc = new byte[16][20];
    final boolean[] any = new boolean[16];
    final DatasetDigest.Mixer m = new DatasetDigest.Mixer();
    final byte[] scratch = new byte[20];
    final List<String> seen = new ArrayList<>();
    final boolean[] begun = new boolean[16];
    final boolean[] ended = new boolean[16];
    int early;

    @Override
    public void beginDb(int db, long size, long expires) {
      assertThat(begun[db]).isFalse();
      begun[db] = true;
    }

    @Override
    public void entry(int db, Entry e, boolean isEarly) {
      assertThat(ended[db]).as("entry after its database ended").isFalse();
      any[db] = true;
      if (isEarly) {
        early++;
      }
      seen.add(db + ":" + new String(e.key()));
      DatasetDigest.addKey(m, acc[db], scratch, e);
    }

    @Override
    public void endDb(int db) {
      assertThat(begun[db]).isTrue();
      ended[db] = true;
    }

    String digest() {
      byte[] fin = new byte[20];
      for (int j = 0; j < 16; j++) {
        if (!any[j]) {
          continue;
        }
        m.mix(fin, DatasetDigest.int32(j));
        for (int i = 0; i < 20; i++) {
          fin[i] ^= acc[j][i];
        }
      }
      return DatasetDigest.hex(fin);
    }
  }

  @Test
  void deliversTheFirstInstantWhileWritesContinue() {
    for (long seed = 1; seed <= 12; seed++) {
      runOnce(seed);
    }
  }

  private void runOnce(long seed) {
    Random r = new Random(seed);
    // seeded node: the dictionaries' hash order, hence the walk, replays exactly
    try (CommandHarness h = new CommandHarness((ServerNode) io.haredis.api.RedisServer.builder().port(0).seed(seed).start())) {
      ServerNode node = h.node();
      for (int i = 0; i < 3000; i++) {
        h.run((Object[]) write(r, false));
      }
      DigestSink sink = new DigestSink();
      String[] before = new String[1];
      KeyspaceSnapshot snap = node.call(() -> {
        Keyspace ks = node.keyspace();
        before[0] = DatasetDigest.hex(DatasetDigest.dataset(ks));
        return new KeyspaceSnapshot(ks, sink);
      });
      long total = snap.keysTotal();
      int rounds = 0;
      while (!node.call(() -> snap.step(1 + r.nextInt(3)))) {
        int writes = r.nextInt(6);
        for (int i = 0; i < writes; i++) {
          h.run((Object[]) write(r, true));
        }
        rounds++;
      }
      assertThat(sink.digest()).as("seed %d", seed).isEqualTo(before[0]);
      assertThat(sink.seen).as("seed %d: every key once", seed).doesNotHaveDuplicates().hasSize((int) total);
      assertThat(rounds).isGreaterThan(10);
      assertThat(sink.early).as("seed %d: writes reached keys ahead of the scan (keys %d, rounds %d)", seed, total, rounds).isPositive();
      // the barriers are gone: a new snapshot can start and sees today's data
      DigestSink again = new DigestSink();
      node.call(() -> {
        KeyspaceSnapshot s2 = new KeyspaceSnapshot(node.keyspace(), again);
        while (!s2.step(64)) {
          // drain
        }
        assertThat(again.digest()).isEqualTo(DatasetDigest.hex(DatasetDigest.dataset(node.keyspace())));
        return null;
      });
    }
  }

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
