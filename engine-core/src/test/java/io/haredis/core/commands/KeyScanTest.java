package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.keyspace.Database;
import io.haredis.core.node.ServerNode;
import io.haredis.core.type.StringValue;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SCAN guarantee: a key present for the whole iteration is returned at least once, while
 * the table grows, shrinks and is in the middle of rehashing between calls.
 */
class KeyScanTest {

  private static final int STABLE = 10_000;

  private CommandHarness h;
  private ServerNode node;

  @BeforeEach
  void setUp() {
    h = new CommandHarness();
    node = h.node();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private void addKeys(String prefix, int from, int to) {
    node.call(() -> {
      Database db = node.db(0);
      for (int i = from; i < to; i++) {
        db.set(b(prefix + i), StringValue.of(b("v")), false);
      }
      return null;
    });
  }

  private void deleteKeys(String prefix, int from, int to) {
    node.call(() -> {
      Database db = node.db(0);
      for (int i = from; i < to; i++) {
        db.delete(b(prefix + i));
      }
      return null;
    });
  }

  /** Cron-like resize work: maybe start a shrink, then move a random number of buckets. */
  private void resizeWork(Random rnd) {
    int steps = rnd.nextInt(2000);
    node.call(() -> {
      node.db(0).dict().shrinkIfSparse();
      node.db(0).dict().rehash(steps);
      return null;
    });
  }

  @SuppressWarnings("unchecked")
  private List<Object> scan(long cursor, int count) {
    return (List<Object>) node.client().execute("SCAN", Long.toUnsignedString(cursor), "COUNT", Integer.toString(count));
  }

  @Test
  void scan_tableGrowsAndShrinksBetweenCalls_returnsEveryStableKey() {
    long seed = Long.getLong("seed", System.nanoTime());
    Random rnd = new Random(seed);
    addKeys("stable:", 0, STABLE);
    Set<String> stable = new HashSet<>();
    for (int i = 0; i < STABLE; i++) {
      stable.add("stable:" + i);
    }
    int tempLow = 0; // temp keys [tempLow, tempHigh) exist
    int tempHigh = 0;
    int maxBuckets = 0;
    int minBucketsAfterShrink = Integer.MAX_VALUE;
    for (int round = 0; round < 4; round++) {
      boolean growPhase = round % 2 == 0;
      Set<String> seen = new HashSet<>();
      long cursor = 0;
      int calls = 0;
      do {
        List<Object> reply = scan(cursor, 1 + rnd.nextInt(200));
        cursor = Long.parseUnsignedLong((String) reply.get(0));
        for (Object k : (List<Object>) reply.get(1)) {
          seen.add((String) k);
        }
        calls++;
        // Mutate between calls: grow by thousands of keys, or delete them again so the table
        // becomes sparse and shrinks; resize work leaves it mid-rehash at random points.
        if (growPhase && tempHigh - tempLow < 150_000) {
          int n = rnd.nextInt(4000);
          addKeys("temp:", tempHigh, tempHigh + n);
          tempHigh += n;
        } else if (!growPhase && tempLow < tempHigh) {
          int n = Math.min(tempHigh - tempLow, rnd.nextInt(20_000));
          deleteKeys("temp:", tempLow, tempLow + n);
          tempLow += n;
        }
        resizeWork(rnd);
        int buckets = node.call(() -> node.db(0).dict().buckets());
        maxBuckets = Math.max(maxBuckets, buckets);
        if (!growPhase) {
          minBucketsAfterShrink = Math.min(minBucketsAfterShrink, buckets);
        }
      } while (cursor != 0 && calls < 1_000_000);
      Set<String> missing = new HashSet<>(stable);
      missing.removeAll(seen);
      assertThat(missing).as("seed=%d round=%d calls=%d", seed, round, calls).isEmpty();
    }
    // the table really did grow past the stable set and shrink again
    assertThat(tempHigh).as("seed=%d", seed).isGreaterThan(50_000);
    assertThat(minBucketsAfterShrink).as("seed=%d: shrank", seed).isLessThan(maxBuckets / 4);
  }

  @Test
  void scan_stableDictWithCount_visitsEachKeyExactlyOnce() {
    addKeys("k", 0, 1000);
    node.call(() -> {
      while (node.db(0).dict().rehash(1000)) {
        // finish any rehash so no key can be reported twice
      }
      return null;
    });
    List<String> all = new ArrayList<>();
    long cursor = 0;
    do {
      List<Object> reply = scan(cursor, 7);
      cursor = Long.parseUnsignedLong((String) reply.get(0));
      for (Object k : (List<Object>) reply.get(1)) {
        all.add((String) k);
      }
    } while (cursor != 0);
    assertThat(all).hasSize(1000).doesNotHaveDuplicates();
  }

  @Test
  void scan_expiredKeys_areNotReturnedAndGetDeleted() {
    addKeys("k", 0, 100);
    node.call(() -> {
      Database db = node.db(0);
      for (int i = 0; i < 50; i++) {
        db.setExpire(db.lookup(b("k" + i)), 1); // long past
      }
      return null;
    });
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    do {
      List<Object> reply = scan(cursor, 1000);
      cursor = Long.parseUnsignedLong((String) reply.get(0));
      for (Object k : (List<Object>) reply.get(1)) {
        seen.add((String) k);
      }
    } while (cursor != 0);
    assertThat(seen).hasSize(50).allMatch(k -> Integer.parseInt(k.substring(1)) >= 50);
  }
}
