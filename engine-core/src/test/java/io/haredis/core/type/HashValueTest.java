package io.haredis.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hash data structure alone: both encodings against a HashMap model. */
class HashValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String s(byte[] b, int off, int len) {
    return new String(b, off, len, StandardCharsets.ISO_8859_1);
  }

  private static Map<String, String> content(HashValue h) {
    Map<String, String> m = new HashMap<>();
    h.forEach((f, fo, fl, v, vo, vl) -> m.put(s(f, fo, fl), s(v, vo, vl)));
    return m;
  }

  @Test
  void randomOperations_matchModel_bothEncodings() {
    Random r = new Random(7);
    for (long maxEntries : new long[] {4, 64, 100_000}) {
      HashValue h = new HashValue();
      Map<String, String> model = new HashMap<>();
      for (int i = 0; i < 20_000; i++) {
        String f = "f" + r.nextInt(300);
        if (r.nextInt(3) == 0) {
          assertThat(h.delete(b(f), 0, f.length())).isEqualTo(model.remove(f) != null);
        } else {
          // lengths around the varint boundaries (127/128, 16383/16384)
          int len = new int[] {0, 5, 127, 128, 300, 16_384}[r.nextInt(6)];
          String v = "v".repeat(len) + i;
          assertThat(h.set(b(f), b(v), maxEntries, 100_000)).isEqualTo(model.put(f, v) == null);
        }
        if (i % 997 == 0) {
          assertThat(content(h)).isEqualTo(model);
          assertThat(h.size()).isEqualTo(model.size());
        }
      }
      assertThat(content(h)).isEqualTo(model);
      for (String f : model.keySet()) {
        assertThat(h.get(b(f), 0, f.length())).isEqualTo(b(model.get(f)));
        assertThat(h.valueLength(b(f), 0, f.length())).isEqualTo(model.get(f).length());
      }
      assertThat(content(h.copy())).isEqualTo(model);
      assertThat(h.encoding()).isEqualTo(maxEntries == 100_000 ? "listpack" : "hashtable");
    }
  }

  @Test
  void listpack_keepsInsertionOrder() {
    HashValue h = new HashValue();
    for (String f : new String[] {"c", "a", "b"}) {
      h.set(b(f), b(f + "1"), 10, 10);
    }
    h.set(b("a"), b("new"), 10, 10);
    h.delete(b("c"), 0, 1);
    h.set(b("c"), b("c2"), 10, 10);
    List<String> order = new ArrayList<>();
    h.forEach((f, fo, fl, v, vo, vl) -> order.add(s(f, fo, fl) + "=" + s(v, vo, vl)));
    assertThat(order).containsExactly("a=new", "b=b1", "c=c2");
  }

  @Test
  void scan_shrinkingTable_seesEveryFieldPresentThroughout() {
    HashValue h = new HashValue();
    for (int i = 0; i < 4000; i++) {
      h.set(b("f" + i), b("v"), 10, 64);
    }
    Set<String> seen = new HashSet<>();
    long cursor = 0;
    int steps = 0;
    do {
      cursor = h.scan(cursor, (f, fo, fl, v, vo, vl) -> seen.add(s(f, fo, fl)));
      if (++steps == 50) {
        for (int i = 100; i < 4000; i++) { // shrink mid-scan: fields 0..99 stay
          h.delete(b("f" + i), 0, ("f" + i).length());
        }
      }
    } while (cursor != 0);
    for (int i = 0; i < 100; i++) {
      assertThat(seen).contains("f" + i);
    }
  }
}
