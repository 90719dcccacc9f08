package io.haredis.core.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.api.time.Clock;
import io.haredis.core.type.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The claim protocol of {@link DictSnapshot}, interleaved deterministically on one thread: walk
 * steps between random changes (value changes in place, TTLs, deletes, inserts that grow the
 * table, rehash steps) deliver exactly the dictionary of the instant it was taken.
 */
class DictSnapshotTest {

  private static String describe(Entry e) {
    return new String(e.key(), StandardCharsets.UTF_8) + "=" + new String(((StringValue) e.value()).toBytes(),
        StandardCharsets.UTF_8) + "@" + e.expireAt();
  }

  private static TreeMap<String, String> state(Database db) {
    TreeMap<String, String> m = new TreeMap<>();
    db.dict().forEach(e -> m.put(new String(e.key(), StandardCharsets.UTF_8), describe(e)));
    return m;
  }

  /** Serializes entries as lines, like the RDB capture does with bytes. */
  private static final class LineCapture implements DictSnapshot.Capture {
    final StringBuilder pending = new StringBuilder();
    int captures;

    @Override
    public void entry(Entry e) {
      pending.append(describe(e)).append('\n');
    }

    @Override
    public byte[] end() {
      captures++;
      byte[] b = pending.toString().getBytes(StandardCharsets.UTF_8);
      pending.setLength(0);
      return b;
    }
  }

  private static final class Collector implements DictSnapshot.BucketVisitor {
    final List<String> seen = new ArrayList<>();

    @Override
    public void entry(Entry e) {
      seen.add(describe(e));
    }

    @Override
    public void captured(byte[] bytes) {
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty()) {
          seen.add(line);
        }
      }
    }
  }

  @Test
  void walkDeliversTheInstant_whileChangesInterleave() {
    for (long seed = 1; seed <= 40; seed++) {
      Random r = new Random(seed);
      Keyspace ks = new Keyspace(1, Clock.system(), new Random(seed));
      Database db = ks.db(0);
      int keys = 50 + r.nextInt(3000);
      for (int i = 0; i < keys; i++) {
        db.add(("k" + i).getBytes(StandardCharsets.UTF_8), StringValue.of(("v" + i).getBytes(StandardCharsets.UTF_8)));
      }
      if (r.nextBoolean()) {
        // take the snapshot in the middle of a rehash: grow past the table's size
        int more = db.dict().buckets() - db.dict().size() + 1;
        for (int i = 0; i < more; i++) {
          db.add(("g" + i).getBytes(StandardCharsets.UTF_8), StringValue.of("g".getBytes(StandardCharsets.UTF_8)));
        }
        db.dict().rehash(r.nextInt(8));
      }
      TreeMap<String, String> instant = state(db);
      boolean rehashingAtInstant = db.dict().isRehashing();
      LineCapture capture = new LineCapture();
      DictSnapshot snap = DictSnapshot.take(db.dict(), capture);
      Collector got = new Collector();
      boolean done = false;
      int added = 0;
      while (!done) {
        done = snap.walk(1 + r.nextInt(40), got);
        for (int i = r.nextInt(30); i > 0; i--) {
          byte[] k = ("k" + r.nextInt(keys)).getBytes(StandardCharsets.UTF_8);
          switch (r.nextInt(6)) {
            case 0 -> {
              Entry e = db.lookupWrite(k, 0, k.length);
              if (e != null) {
                ((StringValue) e.value()).assign(("x" + r.nextInt(99)).getBytes(StandardCharsets.UTF_8), 0, 2);
              }
            }
            case 1 -> {
              Entry e = db.lookupWrite(k, 0, k.length);
              if (e != null) {
                db.setExpire(e, 4_000_000_000_000L + r.nextInt(1000));
              }
            }
            case 2 -> db.delete(k);
            case 3 -> db.set(k, StringValue.of("s".getBytes(StandardCharsets.UTF_8)), r.nextBoolean());
            case 4 -> db.add(("n" + added++).getBytes(StandardCharsets.UTF_8), StringValue.of("n".getBytes(StandardCharsets.UTF_8)));
            default -> db.dict().rehash(1);
          }
        }
      }
      snap.release();
      assertThat(db.dict().barrier()).isNull();
      TreeMap<String, String> delivered = new TreeMap<>();
      for (String line : got.seen) {
        String key = line.substring(0, line.indexOf('='));
        assertThat(delivered.put(key, line)).as("seed %d: %s delivered twice", seed, key).isNull();
      }
      List<String> wrong = new ArrayList<>();
      for (String k : instant.keySet()) {
        if (!instant.get(k).equals(delivered.get(k))) {
          wrong.add(instant.get(k) + " delivered as " + delivered.get(k));
        }
      }
      for (String k : delivered.keySet()) {
        if (!instant.containsKey(k)) {
          wrong.add("not at the instant: " + delivered.get(k));
        }
      }
      assertThat(wrong).as("seed %d (rehashing at the instant: %s, captures %d)", seed, rehashingAtInstant,
          capture.captures).isEmpty();
    }
  }
}
