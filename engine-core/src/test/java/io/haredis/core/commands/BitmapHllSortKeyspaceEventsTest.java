package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications of the commands that write strings bit by bit (SETBIT, BITFIELD,
 * BITOP), HyperLogLogs and SORT ... STORE, as redis-server 7.0.15 publishes them.
 */
class BitmapHllSortKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void setbitAndBitfield_setbitOnlyWhenSomethingChanged() {
    assertThat(h.events("SETBIT", "b", "7", "1")).containsExactly("0:b new", "0:b setbit");
    assertThat(h.events("SETBIT", "b", "7", "1")).isEmpty();
    assertThat(h.events("SETBIT", "b", "100", "0")).containsExactly("0:b setbit"); // the string grew
    assertThat(h.events("BITFIELD", "b", "SET", "u8", "0", "255")).containsExactly("0:b setbit");
    assertThat(h.events("BITFIELD", "b", "SET", "u8", "0", "255")).isEmpty();
    assertThat(h.events("BITFIELD", "b", "GET", "u8", "0")).isEmpty();
    assertThat(h.events("BITFIELD", "b", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1")).isEmpty();
    assertThat(h.events("BITFIELD_RO", "nokey", "GET", "u8", "0")).containsExactly("0:nokey keymiss");
  }

  @Test
  void bitop_setOnTheDestination_orDelWhenAllSourcesAreEmpty() {
    h.run("SET", "a", "x");
    assertThat(h.events("BITOP", "NOT", "d", "a")).containsExactly("0:d new", "0:d set");
    assertThat(h.events("BITOP", "AND", "d", "x", "y")).containsExactly("0:x keymiss", "0:y keymiss", "0:d del");
    assertThat(h.events("BITOP", "OR", "d", "x")).containsExactly("0:x keymiss");
  }

  @Test
  void pfaddAndPfmerge_pfadd() {
    assertThat(h.events("PFADD", "h", "a")).containsExactly("0:h new", "0:h pfadd");
    assertThat(h.events("PFADD", "h", "a")).isEmpty();
    assertThat(h.events("PFADD", "e")).containsExactly("0:e new", "0:e pfadd");
    assertThat(h.events("PFMERGE", "m", "h", "nokey")).containsExactly("0:m keymiss", "0:nokey keymiss", "0:m new", "0:m pfadd");
    assertThat(h.events("PFMERGE", "m", "h")).containsExactly("0:m pfadd");
    assertThat(h.events("PFCOUNT", "nokey")).containsExactly("0:nokey keymiss");
  }

  @Test
  void sortStore_sortstoreOrDel_andKeymissForMissingByAndGetKeys() {
    h.run("RPUSH", "l", "3", "1", "2");
    assertThat(h.events("SORT", "l", "STORE", "d")).containsExactly("0:d new", "0:d sortstore");
    assertThat(h.events("SORT", "nokey", "STORE", "d")).containsExactly("0:nokey keymiss", "0:d del");
    h.run("SET", "w_1", "10");
    assertThat(h.events("SORT", "l", "BY", "w_*", "GET", "#")).containsExactly("0:w_3 keymiss", "0:w_2 keymiss");
    assertThat(h.events("SORT", "l", "BY", "nosort", "GET", "h_*->f", "LIMIT", "0", "1")).containsExactly("0:h_3 keymiss");
    assertThat(h.events("SORT_RO", "l")).isEmpty();
  }
}
