package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the bitmap commands write to the replication log: the command verbatim when it changed
 * the dataset (Redis 7.0's server.dirty rules), nothing otherwise.
 */
class BitmapPropagationTest {

  private final CommandHarness h = new CommandHarness();

  @BeforeEach
  void selectDb() {
    h.run("SET", "warmup", "1"); // the log's first write carries SELECT 0
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
  void setbit_changedOrGrown_verbatim_unchanged_notPropagated() {
    assertThat(log("SETBIT", "k", "3", "0")).containsExactly("SETBIT k 3 0"); // created
    assertThat(log("SETBIT", "k", "3", "0")).isEmpty(); // same bit, same length
    assertThat(log("setbit", "k", "3", "1")).containsExactly("setbit k 3 1");
    assertThat(log("SETBIT", "k", "3", "1")).isEmpty();
    assertThat(log("SETBIT", "k", "100", "0")).containsExactly("SETBIT k 100 0"); // grown
    assertThat(log("SETBIT", "k", "4294967296", "1")).isEmpty(); // error
    h.run("SET", "n", "42");
    assertThat(log("SETBIT", "n", "0", "0")).isEmpty(); // int made raw, but nothing changed
  }

  @Test
  void readCommands_notPropagated() {
    h.run("SETBIT", "k", "9", "1");
    assertThat(log("GETBIT", "k", "9")).isEmpty();
    assertThat(log("BITCOUNT", "k")).isEmpty();
    assertThat(log("BITPOS", "k", "1")).isEmpty();
    assertThat(log("BITFIELD_RO", "k", "GET", "u8", "0")).isEmpty();
    assertThat(log("BITFIELD", "k", "GET", "u8", "0", "GET", "i4", "#1")).isEmpty();
    assertThat(log("BITFIELD", "k")).isEmpty();
  }

  @Test
  void bitop_storedOrDeleted_verbatim_nothingToDelete_notPropagated() {
    h.run("SET", "a", "foo");
    assertThat(log("BITOP", "NOT", "d", "a")).containsExactly("BITOP NOT d a");
    assertThat(log("BITOP", "AND", "d", "a", "a")).containsExactly("BITOP AND d a a"); // same value, still set
    assertThat(log("BITOP", "OR", "d", "missing")).containsExactly("BITOP OR d missing"); // deletes d
    assertThat(log("BITOP", "OR", "d", "missing")).isEmpty();
    assertThat(log("BITOP", "NOT", "d", "a", "a")).isEmpty(); // error
  }

  @Test
  void bitfield_writes_verbatimOnlyWhenSomethingChanged() {
    assertThat(log("BITFIELD", "k", "SET", "u8", "0", "7")).containsExactly("BITFIELD k SET u8 0 7");
    assertThat(log("BITFIELD", "k", "SET", "u8", "0", "7")).isEmpty();
    assertThat(log("BITFIELD", "k", "INCRBY", "u8", "0", "0", "GET", "u8", "0")).isEmpty();
    assertThat(log("BITFIELD", "k", "INCRBY", "u8", "0", "1")).containsExactly("BITFIELD k INCRBY u8 0 1");
    assertThat(log("BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1000")).isEmpty();
    assertThat(log("BITFIELD", "k", "SET", "u8", "8", "0")).containsExactly("BITFIELD k SET u8 8 0"); // grown
    assertThat(log("BITFIELD_RO", "k", "SET", "u8", "0", "1")).isEmpty(); // error
  }

  @Test
  void bitfield_failedWriteThatCreatedTheKey_stillPropagated() {
    // Redis 7.0 creates (or pads) the string but does not propagate when every write failed;
    // haredis propagates it so a replica holds the same key.
    assertThat(log("BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"))
        .containsExactly("BITFIELD k OVERFLOW FAIL SET u8 0 256");
    assertThat(h.run("STRLEN", "k")).isEqualTo(":1\r\n");
  }
}
