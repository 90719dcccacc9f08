package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the list commands write to the replication log (checked against redis-server 7.0.15's AOF). */
class ListPropagationTest {

  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = StringTestSupport.harness(clock);

  @BeforeEach
  void selectDb() {
    h.run("SET", "warmup", "1");
  }

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  @Test
  void changes_verbatim() {
    assertThat(log("rpush", "l", "a", "b", "c", "d")).containsExactly("rpush l a b c d");
    assertThat(log("LPOP", "l", "10")).containsExactly("LPOP l 10");
    assertThat(log("LPOP", "l", "10")).isEmpty();
  }

  @Test
  void writes_verbatimOnlyWhenChanged() {
    h.run("RPUSH", "l", "a", "b", "c", "d");
    assertThat(log("LPUSHX", "nokey", "a")).isEmpty();
    assertThat(log("LPOP", "l", "0")).isEmpty();
    assertThat(log("LPOP", "nokey")).isEmpty();
    assertThat(log("LTRIM", "l", "0", "-1")).isEmpty();
    assertThat(log("LREM", "l", "0", "zz")).isEmpty();
    assertThat(log("LINSERT", "l", "BEFORE", "zz", "q")).isEmpty();
    assertThat(log("LMOVE", "nokey", "l", "LEFT", "LEFT")).isEmpty();
    assertThat(log("LMPOP", "1", "nokey", "LEFT")).isEmpty();
    assertThat(log("LSET", "l", "0", "y")).containsExactly("LSET l 0 y");
    assertThat(log("LTRIM", "l", "0", "2")).containsExactly("LTRIM l 0 2");
    assertThat(log("LMOVE", "l", "l", "left", "right")).containsExactly("LMOVE l l left right");
    assertThat(log("RPOPLPUSH", "l", "m")).containsExactly("RPOPLPUSH l m");
    assertThat(log("RPOP", "l", "7")).containsExactly("RPOP l 7");
  }

  @Test
  void lmpop_rewrittenAsPopWithActualCount() {
    h.run("RPUSH", "l", "a", "b", "c", "d");
    assertThat(log("LMPOP", "2", "nokey", "l", "LEFT", "COUNT", "3")).containsExactly("LPOP l 3");
    assertThat(log("LMPOP", "1", "l", "RIGHT", "COUNT", "9")).containsExactly("RPOP l 1");
    assertThat(log("LMPOP", "1", "l", "RIGHT")).isEmpty();
  }

  @Test
  void popCommand_forBlockingPops_redisForms() {
    byte[] key = "k".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(words(ListCommands.popCommand(io.haredis.core.type.ListEnd.HEAD, key, -1))).isEqualTo("LPOP k");
    assertThat(words(ListCommands.popCommand(io.haredis.core.type.ListEnd.TAIL, key, 3))).isEqualTo("RPOP k 3");
  }

  private static String words(byte[][] argv) {
    List<String> w = new java.util.ArrayList<>();
    for (byte[] a : argv) {
      w.add(new String(a, java.nio.charset.StandardCharsets.US_ASCII));
    }
    return String.join(" ", w);
  }
}
