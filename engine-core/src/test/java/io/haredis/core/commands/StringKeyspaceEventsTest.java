package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications of the string commands: names, classes and order as redis-server
 * 7.0.15 publishes them (each sequence here was checked against it).
 */
class StringKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void set_newKeyThenOverwrite_newOnlyTheFirstTime() {
    assertThat(h.events("SET", "k", "v")).containsExactly("0:k new", "0:k set");
    assertThat(h.events("SET", "k", "w")).containsExactly("0:k set");
  }

  @Test
  void set_withExpireOptions_setThenExpire() {
    assertThat(h.events("SET", "k", "v", "EX", "100")).containsExactly("0:k new", "0:k set", "0:k expire");
    assertThat(h.events("SETEX", "k", "100", "v")).containsExactly("0:k set", "0:k expire");
    assertThat(h.events("PSETEX", "k", "100000", "v")).containsExactly("0:k set", "0:k expire");
    assertThat(h.events("SET", "k", "v", "KEEPTTL")).containsExactly("0:k set");
  }

  @Test
  void set_nxXxAndErrors_notifyOnlyWhenWritten() {
    h.run("SET", "k", "v");
    assertThat(h.events("SET", "k", "v", "NX")).isEmpty();
    assertThat(h.events("SETNX", "k", "v")).isEmpty();
    assertThat(h.events("SET", "other", "v", "XX")).isEmpty();
    assertThat(h.events("SET", "k", "v", "EX", "0")).isEmpty();
    assertThat(h.events("SETNX", "n", "v")).containsExactly("0:n new", "0:n set");
  }

  @Test
  void setGet_missingKey_keymissThenNewThenSet() {
    assertThat(h.events("SET", "k", "v", "GET")).containsExactly("0:k keymiss", "0:k new", "0:k set");
    assertThat(h.events("GETSET", "k", "w")).containsExactly("0:k set");
    assertThat(h.events("GETSET", "g", "w")).containsExactly("0:g keymiss", "0:g new", "0:g set");
  }

  @Test
  void getdelAndGetex_delExpirePersist() {
    h.run("SET", "k", "v");
    assertThat(h.events("GETEX", "k")).isEmpty();
    assertThat(h.events("GETEX", "k", "PERSIST")).isEmpty();
    assertThat(h.events("GETEX", "k", "EX", "100")).containsExactly("0:k expire");
    assertThat(h.events("GETEX", "k", "PERSIST")).containsExactly("0:k persist");
    assertThat(h.events("GETEX", "k", "PXAT", "1")).containsExactly("0:k del");
    h.run("SET", "k", "v");
    assertThat(h.events("GETDEL", "k")).containsExactly("0:k del");
    assertThat(h.events("GETDEL", "k")).containsExactly("0:k keymiss");
  }

  @Test
  void msetAndMsetnx_oneSetPerKeyInArgumentOrder() {
    assertThat(h.events("MSET", "a", "1", "b", "2", "a", "3"))
        .containsExactly("0:a new", "0:a set", "0:b new", "0:b set", "0:a set");
    assertThat(h.events("MSETNX", "c", "1", "a", "2")).isEmpty();
    assertThat(h.events("MSETNX", "c", "1", "d", "2")).containsExactly("0:c new", "0:c set", "0:d new", "0:d set");
  }

  @Test
  void counters_incrbyForEveryIntegerStep_incrbyfloatForFloats() {
    assertThat(h.events("INCR", "n")).containsExactly("0:n new", "0:n incrby");
    assertThat(h.events("DECR", "n")).containsExactly("0:n incrby");
    assertThat(h.events("INCRBY", "n", "5")).containsExactly("0:n incrby");
    assertThat(h.events("DECRBY", "n", "5")).containsExactly("0:n incrby");
    assertThat(h.events("INCRBYFLOAT", "n", "1.5")).containsExactly("0:n incrbyfloat");
    assertThat(h.events("INCR", "n")).isEmpty(); // "1.5" is no integer: an error, no event
    h.run("SET", "big", "9223372036854775807");
    assertThat(h.events("INCR", "big")).isEmpty();
  }

  @Test
  void appendAndSetrange_ownEvents_emptySetrangeNone() {
    assertThat(h.events("APPEND", "s", "ab")).containsExactly("0:s new", "0:s append");
    assertThat(h.events("APPEND", "s", "c")).containsExactly("0:s append");
    assertThat(h.events("SETRANGE", "s", "1", "x")).containsExactly("0:s setrange");
    assertThat(h.events("SETRANGE", "s", "1", "")).isEmpty();
    assertThat(h.events("SETRANGE", "missing", "3", "")).isEmpty();
    assertThat(h.events("SETRANGE", "r", "3", "x")).containsExactly("0:r new", "0:r setrange");
  }

  @Test
  void reads_keymissOnlyForMissingKeys() {
    h.run("SET", "k", "v");
    assertThat(h.events("GET", "k")).isEmpty();
    assertThat(h.events("GET", "nokey")).containsExactly("0:nokey keymiss");
    assertThat(h.events("MGET", "a", "k", "b")).containsExactly("0:a keymiss", "0:b keymiss");
    assertThat(h.events("STRLEN", "nokey")).containsExactly("0:nokey keymiss");
    assertThat(h.events("GETRANGE", "nokey", "0", "1")).containsExactly("0:nokey keymiss");
    assertThat(h.events("LCS", "k", "nokey")).containsExactly("0:nokey keymiss");
  }

  @Test
  void set_pushedBeforeItsReply_asRedisOrdersThem() {
    assertThat(h.timeline("SET", "k", "v")).containsExactly(
        "__keyspace@0__:k new", "__keyevent@0__:new k",
        "__keyspace@0__:k set", "__keyevent@0__:set k", "<reply>");
    assertThat(h.timeline("GETDEL", "k")).containsExactly("<reply>", "__keyspace@0__:k del", "__keyevent@0__:del k");
  }
}
