package io.haredis.core.commands;

import static io.haredis.core.commands.StringTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the string commands write to the replication log (Redis 7.0's deterministic forms). */
class StringPropagationTest {

  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = StringTestSupport.harness(clock);

  @BeforeEach
  void selectDb() {
    h.run("SET", "warmup", "1"); // the log's first write carries SELECT 0
  }

  @AfterEach
  void close() {
    h.close();
  }

  /** The commands {@code cmd} propagated. */
  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  @Test
  void set_plain_verbatim() {
    assertThat(log("set", "k", "v")).containsExactly("set k v");
    assertThat(log("SET", "k", "v", "XX", "KEEPTTL")).containsExactly("SET k v XX KEEPTTL");
  }

  @Test
  void set_withExpire_rewrittenToPxat() {
    assertThat(log("SET", "k", "v", "EX", "100")).containsExactly("SET k v PXAT " + (NOW + 100_000));
    assertThat(log("SET", "k", "v", "px", "5", "xx", "get")).containsExactly("SET k v PXAT " + (NOW + 5));
    assertThat(log("SET", "k", "v", "EXAT", "1700000000")).containsExactly("SET k v PXAT 1700000000000");
    assertThat(log("SET", "k", "v", "PXAT", "1")).containsExactly("SET k v PXAT 1");
  }

  @Test
  void set_get_dropsGetWords() {
    assertThat(log("SET", "k", "v", "GET")).containsExactly("SET k v");
    assertThat(log("SET", "k", "get", "get", "NX", "Get")).isEmpty();
    assertThat(log("SET", "k", "get", "GET", "XX", "gEt", "KEEPTTL")).containsExactly("SET k get XX KEEPTTL");
  }

  @Test
  void set_thatDoesNothing_notPropagated() {
    h.run("SET", "k", "v");
    assertThat(log("SET", "k", "w", "NX")).isEmpty();
    assertThat(log("SET", "n", "w", "XX")).isEmpty();
    assertThat(log("SETNX", "k", "w")).isEmpty();
    assertThat(log("MSETNX", "k", "w", "z", "1")).isEmpty();
    assertThat(log("SET", "k", "w", "EX", "0")).isEmpty();
    assertThat(log("SETNX", "n", "w")).containsExactly("SETNX n w");
  }

  @Test
  void setexAndPsetex_rewrittenToSetPxat() {
    assertThat(log("SETEX", "k", "10", "v")).containsExactly("SET k v PXAT " + (NOW + 10_000));
    assertThat(log("PSETEX", "k", "10", "v")).containsExactly("SET k v PXAT " + (NOW + 10));
  }

  @Test
  void getsetAndGetdel_rewritten() {
    assertThat(log("GETSET", "k", "v")).containsExactly("SET k v");
    assertThat(log("GETDEL", "k")).containsExactly("DEL k");
    assertThat(log("GETDEL", "k")).isEmpty();
  }

  @Test
  void getex_rewrittenToPexpireatPersistOrDel() {
    h.run("SET", "k", "v");
    assertThat(log("GETEX", "k")).isEmpty();
    assertThat(log("GETEX", "k", "PERSIST")).isEmpty();
    assertThat(log("GETEX", "k", "EX", "10")).containsExactly("PEXPIREAT k " + (NOW + 10_000));
    assertThat(log("GETEX", "k", "PXAT", "1700000000000")).containsExactly("PEXPIREAT k 1700000000000");
    assertThat(log("GETEX", "k", "PERSIST")).containsExactly("PERSIST k");
    assertThat(log("GETEX", "k", "EXAT", "1")).containsExactly("DEL k");
    assertThat(log("GETEX", "k", "EX", "10")).isEmpty();
  }

  @Test
  void incrbyfloat_rewrittenToSetKeepttl() {
    h.run("SET", "k", "10.5");
    assertThat(log("INCRBYFLOAT", "k", "0.1")).containsExactly("SET k 10.6 KEEPTTL");
    assertThat(log("INCRBYFLOAT", "k", "x")).isEmpty();
  }

  @Test
  void editingAndCounters_verbatim() {
    assertThat(log("INCR", "c")).containsExactly("INCR c");
    assertThat(log("DECRBY", "c", "5")).containsExactly("DECRBY c 5");
    assertThat(log("APPEND", "a", "x")).containsExactly("APPEND a x");
    assertThat(log("SETRANGE", "a", "3", "y")).containsExactly("SETRANGE a 3 y");
    assertThat(log("SETRANGE", "a", "3", "")).isEmpty();
    assertThat(log("MSET", "a", "1", "b", "2")).containsExactly("MSET a 1 b 2");
    assertThat(log("GET", "a")).isEmpty();
    assertThat(log("INCR", "a", "b")).isEmpty();
  }

  @Test
  void expiredKeyRead_propagatesDel() {
    h.run("SET", "k", "v", "PX", "10");
    clock.millis.addAndGet(11);
    assertThat(log("GET", "k")).containsExactly("DEL k");
  }
}
