package io.haredis.core.keyspace;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.type.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DictTest {

  private static final long SEED = Long.getLong("seed", 20261122L);

  private static byte[] key(int i) {
    return ("key:" + i).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void randomOperations_matchHashMapModel() {
    Random r = new Random(SEED);
    Dict d = new Dict(r.nextInt());
    Map<String, Integer> model = new HashMap<>();
    for (int step = 0; step < 200_000; step++) {
      int k = r.nextInt(5_000);
      byte[] key = key(k);
      switch (r.nextInt(3)) {
        case 0 -> {
          if (d.find(key) == null) {
            d.insertNew(key, StringValue.ofLong(k));
            model.put("key:" + k, k);
          }
        }
        case 1 -> {
          boolean removed = d.remove(key, 0, key.length) != null;
          assertThat(removed).as("seed=%d step=%d", SEED, step).isEqualTo(model.remove("key:" + k) != null);
        }
        default -> assertThat(d.find(key) != null).as("seed=%d step=%d", SEED, step).isEqualTo(model.containsKey("key:" + k));
      }
      if (step % 1000 == 0) {
        d.shrinkIfSparse();
      }
      assertThat(d.size()).isEqualTo(model.size());
    }
  }

  @Test
  void growth_isIncremental_noSingleCallMovesEverything() {
    Dict d = new Dict(1);
    int n = 1 << 16;
    for (int i = 0; i < n; i++) {
      d.insertNew(key(i), StringValue.ofLong(i));
    }
    // Inserting the (2^16+1)th key starts a rehash but moves only a bucket or so.
    d.insertNew(key(n), StringValue.ofLong(n));
    assertThat(d.isRehashing()).isTrue();
    for (int i = 0; i <= n; i++) {
      assertThat(d.find(key(i))).as("key %d during rehash", i).isNotNull();
    }
    while (d.rehash(100)) {
      // cron-driven rehash finishes the move
    }
    assertThat(d.isRehashing()).isFalse();
    assertThat(d.size()).isEqualTo(n + 1);
  }

  @Test
  void scan_whileGrowingAndShrinking_returnsEveryStableKey() {
    Random r = new Random(SEED);
    Dict d = new Dict(3);
    Set<String> stable = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      d.insertNew(key(i), StringValue.ofLong(i));
      stable.add("key:" + i);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int extra = 100_000;
    int calls = 0;
    do {
      cursor = d.scan(cursor, e -> seen.add(new String(e.key(), StandardCharsets.UTF_8)));
      calls++;
      // Churn between calls: grow by a lot, then delete those keys again so the table shrinks.
      if (calls % 50 == 0 && calls < 2000) {
        for (int i = 0; i < 5000; i++) {
          byte[] k = key(extra + i);
          if (d.find(k) == null) {
            d.insertNew(k, StringValue.ofLong(i));
          }
        }
      } else if (calls % 50 == 25) {
        for (int i = 0; i < 5000; i++) {
          byte[] k = key(extra + i);
          d.remove(k, 0, k.length);
        }
        d.shrinkIfSparse();
        d.rehash(r.nextInt(50));
      }
    } while (cursor != 0);
    assertThat(seen).containsAll(stable);
  }

  @Test
  void randomEntry_reachesEveryKeyEventually() {
    Dict d = new Dict(5);
    for (int i = 0; i < 20; i++) {
      d.insertNew(key(i), StringValue.ofLong(i));
    }
    Random r = new Random(SEED);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5000; i++) {
      seen.add(new String(d.randomEntry(r).key(), StandardCharsets.UTF_8));
    }
    assertThat(seen).hasSize(20);
  }

  @Test
  void insertIfAbsent_insertsOnce_evenAcrossARehash() {
    Dict d = new Dict(42);
    for (int i = 0; i < 5000; i++) {
      byte[] k = ("k" + i).getBytes(StandardCharsets.UTF_8);
      assertThat(d.insertIfAbsent(k, StringValue.of(new byte[] {'a'}))).isNotNull();
      // the same key again, often while a resize is under way
      Dict.Entry again = d.insertIfAbsent(("k" + (i / 2)).getBytes(StandardCharsets.UTF_8), StringValue.of(new byte[] {'b'}));
      assertThat(again).isNull();
    }
    assertThat(d.size()).isEqualTo(5000);
    assertThat(((StringValue) d.find("k77".getBytes(StandardCharsets.UTF_8)).value()).toBytes()).containsExactly('a');
  }
}
