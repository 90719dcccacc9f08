package io.haredis.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ZSetValue (both its compact form and the skip list) against a plain model: a TreeMap ordered
 * by (score, member bytes) plus a member → score map, driven by a seeded Random. After every
 * step the structure's invariants (order, spans, backward links, member table) are checked and
 * ranks, range bounds and iteration are compared with the model. Rerun with -Dseed=N.
 */
class SkipListPropertyTest {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  /** Model key: (score, member) in Redis's order. */
  private record Item(double score, String member) implements Comparable<Item> {
    @Override
    public int compareTo(Item o) {
      int c = Double.compare(score + 0.0, o.score + 0.0);
      if (score == o.score) {
        c = 0;
      }
      return c != 0 ? c : Arrays.compareUnsigned(bytes(member), bytes(o.member));
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void randomOperations_matchTreeMapModel() {
    Random seeds = new Random(SEED);
    for (int run = 0; run < 40; run++) {
      long seed = seeds.nextLong();
      try {
        runOnce(seed, run % 2 == 0 ? 1_000_000 : 8);
      } catch (AssertionError e) {
        throw new AssertionError("seed=" + SEED + " run seed=" + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void runOnce(long seed, long maxEntries) {
    Random r = new Random(seed);
    ZSetValue z = ZSetValue.compact(new Random(seed ^ 0x5DEECE66DL));
    TreeMap<Item, Boolean> order = new TreeMap<>();
    Map<String, Double> scores = new HashMap<>();
    int universe = 5 + r.nextInt(200);
    for (int step = 0; step < 1500; step++) {
      String m = "m" + r.nextInt(universe);
      byte[] mb = bytes(m);
      double s = r.nextInt(4) == 0 ? r.nextInt(5) : r.nextGaussian() * 100;
      switch (r.nextInt(6)) {
        case 0, 1 -> {
          Double cur = scores.get(m);
          if (cur == null) {
            z.insertNew(mb, s, maxEntries, 64);
            scores.put(m, s);
            order.put(new Item(s, m), true);
          } else {
            z.setScore(mb, 0, mb.length, s);
            order.remove(new Item(cur, m));
            scores.put(m, s);
            order.put(new Item(s, m), true);
          }
        }
        case 2 -> {
          boolean had = scores.containsKey(m);
          assertThat(z.remove(mb, 0, mb.length)).isEqualTo(had);
          if (had) {
            order.remove(new Item(scores.remove(m), m));
          }
        }
        case 3 -> {
          if (z.size() > 0 && r.nextInt(10) == 0) {
            int a = r.nextInt(z.size());
            int b = Math.min(z.size() - 1, a + r.nextInt(4));
            List<Item> items = new ArrayList<>(order.keySet());
            for (int i = a; i <= b; i++) {
              order.remove(items.get(i));
              scores.remove(items.get(i).member());
            }
            z.removeRange(a, b);
          }
        }
        case 4 -> {
          double lo = r.nextGaussian() * 100;
          double hi = lo + Math.abs(r.nextGaussian() * 100);
          ZRange.Score range = new ZRange.Score(lo, r.nextBoolean(), hi, r.nextBoolean());
          List<Item> items = new ArrayList<>(order.keySet());
          int first = -1;
          int last = -1;
          for (int i = 0; i < items.size(); i++) {
            double v = items.get(i).score();
            if (range.gteMin(v) && range.lteMax(v)) {
              if (first < 0) {
                first = i;
              }
              last = i;
            }
          }
          assertThat(z.firstInRange(range)).isEqualTo(first);
          assertThat(z.lastInRange(range)).isEqualTo(last);
        }
        default -> {
          Double cur = scores.get(m);
          double got = z.score(mb, 0, mb.length);
          if (cur == null) {
            assertThat(got).isNaN();
            assertThat(z.rank(mb, 0, mb.length)).isEqualTo(-1);
          } else {
            assertThat(got).isEqualTo(cur + 0.0 == 0 ? got : cur);
            assertThat(z.rank(mb, 0, mb.length)).isEqualTo(order.headMap(new Item(cur, m)).size());
          }
        }
      }
      assertThat(z.size()).isEqualTo(scores.size());
      assertThat(z.checkInvariants()).as("invariants at step %d", step).isTrue();
      if (step % 100 == 0) {
        compareAll(z, order);
      }
    }
    compareAll(z, order);
    if (!z.isCompact()) {
      Set<String> seen = new HashSet<>();
      long cursor = 0;
      do {
        cursor = z.scan(cursor, (m, s) -> seen.add(new String(m, StandardCharsets.UTF_8)));
      } while (cursor != 0);
      assertThat(seen).isEqualTo(new HashSet<>(orderMembers(order)));
    }
    ZSetValue copy = z.copy();
    compareAll(copy, order);
  }

  private static List<String> orderMembers(TreeMap<Item, Boolean> order) {
    List<String> out = new ArrayList<>();
    for (Item i : order.keySet()) {
      out.add(i.member());
    }
    return out;
  }

  private static void compareAll(ZSetValue z, TreeMap<Item, Boolean> order) {
    List<String> fwd = new ArrayList<>();
    z.walk(0, false, (m, s) -> fwd.add(new String(m, StandardCharsets.UTF_8)));
    assertThat(fwd).isEqualTo(orderMembers(order));
    if (z.size() > 0) {
      List<String> rev = new ArrayList<>();
      z.walk(z.size() - 1, true, (m, s) -> rev.add(new String(m, StandardCharsets.UTF_8)));
      List<String> expect = orderMembers(order);
      java.util.Collections.reverse(expect);
      assertThat(rev).isEqualTo(expect);
      int i = z.size() / 2;
      assertThat(new String(z.memberAt(i), StandardCharsets.UTF_8)).isEqualTo(orderMembers(order).get(i));
    }
  }
}
