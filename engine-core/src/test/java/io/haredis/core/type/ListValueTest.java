package io.haredis.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ListValue against a java.util model, with random operation mixes at both ends and inside. */
class ListValueTest {

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static List<String> contents(ListValue l) {
    List<String> out = new ArrayList<>();
    for (byte[] e : l.toArray()) {
      out.add(new String(e, StandardCharsets.US_ASCII));
    }
    return out;
  }

  @Test
  void pushPop_bothEnds_dequeOrder() {
    ListValue l = new ListValue();
    l.pushTail(b("b"));
    l.pushHead(b("a"));
    l.push(ListEnd.TAIL, b("c"));
    assertThat(contents(l)).containsExactly("a", "b", "c");
    assertThat(new String(l.pop(ListEnd.TAIL), StandardCharsets.US_ASCII)).isEqualTo("c");
    assertThat(new String(l.pop(ListEnd.HEAD), StandardCharsets.US_ASCII)).isEqualTo("a");
    assertThat(l.popHead()).isEqualTo(b("b"));
    assertThat(l.popHead()).isNull();
    assertThat(l.popTail()).isNull();
    assertThat(l.isEmpty()).isTrue();
    assertThat(l.checkInvariants()).isTrue();
  }

  @Test
  void encodingAndType_quicklistList() {
    ListValue l = ListValue.of(b("x"));
    assertThat(l.encoding()).isEqualTo("quicklist");
    assertThat(l.type()).isEqualTo(ValueType.LIST);
  }

  @Test
  void copy_independentOfOriginal() {
    ListValue l = ListValue.of(b("a"), b("b"));
    ListValue c = l.copy();
    l.set(0, b("z"));
    l.pushTail(b("q"));
    assertThat(contents(c)).containsExactly("a", "b");
    assertThat(c.checkInvariants()).isTrue();
  }

  @Test
  void randomOperations_matchModel() {
    long seed = System.nanoTime();
    Random r = new Random(seed);
    for (int round = 0; round < 50; round++) {
      ListValue l = new ListValue();
      List<String> model = new ArrayList<>();
      for (int step = 0; step < 2000; step++) {
        String v = Integer.toString(r.nextInt(6));
        int n = model.size();
        switch (r.nextInt(11)) {
          case 0, 1 -> {
            l.pushHead(b(v));
            model.add(0, v);
          }
          case 2, 3 -> {
            l.pushTail(b(v));
            model.add(v);
          }
          case 4 -> {
            byte[] got = l.popHead();
            assertThat(got == null ? null : new String(got, StandardCharsets.US_ASCII))
                .isEqualTo(n == 0 ? null : model.remove(0));
          }
          case 5 -> {
            byte[] got = l.popTail();
            assertThat(got == null ? null : new String(got, StandardCharsets.US_ASCII))
                .isEqualTo(n == 0 ? null : model.remove(n - 1));
          }
          case 6 -> {
            int at = r.nextInt(n + 1);
            l.insert(at, b(v));
            model.add(at, v);
          }
          case 7 -> {
            if (n > 0) {
              int at = r.nextInt(n);
              assertThat(new String(l.remove(at), StandardCharsets.US_ASCII)).isEqualTo(model.remove(at));
            }
          }
          case 8 -> {
            if (n > 0) {
              int h = r.nextInt(n + 1);
              int t = r.nextInt(n - h + 1);
              l.trim(h, t);
              model.subList(n - t, n).clear();
              model.subList(0, h).clear();
            }
          }
          case 9 -> {
            boolean fromHead = r.nextBoolean();
            int limit = r.nextInt(3);
            int removed = l.removeMatching(b(v), 0, v.length(), fromHead ? ListEnd.HEAD : ListEnd.TAIL, limit);
            int want = 0;
            if (fromHead) {
              for (int i = 0; i < model.size() && (limit == 0 || want < limit); ) {
                if (model.get(i).equals(v)) {
                  model.remove(i);
                  want++;
                } else {
                  i++;
                }
              }
            } else {
              for (int i = model.size() - 1; i >= 0 && (limit == 0 || want < limit); i--) {
                if (model.get(i).equals(v)) {
                  model.remove(i);
                  want++;
                }
              }
            }
            assertThat(removed).as("seed " + seed).isEqualTo(want);
          }
          default -> {
            if (n > 0) {
              int at = r.nextInt(n);
              l.set(at, b(v));
              model.set(at, v);
            }
            assertThat(l.indexOf(b(v), 0, v.length())).isEqualTo(model.indexOf(v));
          }
        }
        assertThat(l.size()).as("seed " + seed).isEqualTo(model.size());
        assertThat(l.checkInvariants()).isTrue();
      }
      assertThat(contents(l)).as("seed " + seed).isEqualTo(model);
      for (int i = 0; i < model.size(); i++) {
        assertThat(new String(l.get(i), StandardCharsets.US_ASCII)).isEqualTo(model.get(i));
      }
    }
  }
}
