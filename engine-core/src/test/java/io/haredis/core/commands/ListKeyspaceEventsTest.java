package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications of the list commands (the blocking ones that answer at once
 * included), as redis-server 7.0.15 publishes them.
 */
class ListKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void pushes_lpushOrRpush_xVariantsOnlyOnExistingLists() {
    assertThat(h.events("LPUSHX", "l", "a")).isEmpty();
    assertThat(h.events("RPUSH", "l", "a", "b")).containsExactly("0:l new", "0:l rpush");
    assertThat(h.events("LPUSH", "l", "c")).containsExactly("0:l lpush");
    assertThat(h.events("RPUSHX", "l", "d")).containsExactly("0:l rpush");
    assertThat(h.events("LPUSHX", "l", "e")).containsExactly("0:l lpush");
  }

  @Test
  void pops_oneEventPerCommand_delWhenEmptied() {
    h.run("RPUSH", "l", "a", "b", "c", "d");
    assertThat(h.events("LPOP", "l")).containsExactly("0:l lpop");
    assertThat(h.events("RPOP", "l", "2")).containsExactly("0:l rpop");
    assertThat(h.events("LPOP", "l", "0")).isEmpty();
    assertThat(h.events("LMPOP", "2", "nokey", "l", "LEFT", "COUNT", "5")).containsExactly("0:l lpop", "0:l del");
    assertThat(h.events("RPOP", "l")).isEmpty();
    h.run("RPUSH", "b", "x");
    assertThat(h.events("BRPOP", "nokey", "b", "1")).containsExactly("0:b rpop", "0:b del");
  }

  @Test
  void pop_pushedAfterItsReply() {
    h.run("RPUSH", "l", "a");
    assertThat(h.timeline("LPOP", "l"))
        .containsExactly("<reply>", "__keyspace@0__:l lpop", "__keyevent@0__:lpop l", "__keyspace@0__:l del", "__keyevent@0__:del l");
  }

  @Test
  void lmove_pushOnDestinationThenPopOnSource() {
    h.run("RPUSH", "src", "a", "b");
    assertThat(h.events("LMOVE", "src", "dst", "RIGHT", "LEFT")).containsExactly("0:dst new", "0:dst lpush", "0:src rpop");
    assertThat(h.events("RPOPLPUSH", "src", "dst")).containsExactly("0:dst lpush", "0:src rpop", "0:src del");
    assertThat(h.events("LMOVE", "dst", "dst", "LEFT", "RIGHT")).containsExactly("0:dst rpush", "0:dst lpop");
    assertThat(h.events("BLMOVE", "dst", "other", "LEFT", "LEFT", "1")).containsExactly("0:other new", "0:other lpush", "0:dst lpop");
    assertThat(h.events("LMOVE", "nokey", "dst", "LEFT", "LEFT")).isEmpty();
    // the element is replied between the push and the pop, where lmoveHandlePush replies it
    assertThat(h.timeline("LMOVE", "dst", "other", "LEFT", "LEFT")).containsExactly(
        "__keyspace@0__:other lpush", "__keyevent@0__:lpush other", "<reply>",
        "__keyspace@0__:dst lpop", "__keyevent@0__:lpop dst", "__keyspace@0__:dst del", "__keyevent@0__:del dst");
  }

  @Test
  void edits_lsetLinsertLtrimLrem() {
    h.run("RPUSH", "l", "a", "b", "a", "c");
    assertThat(h.events("LSET", "l", "0", "x")).containsExactly("0:l lset");
    assertThat(h.events("LSET", "l", "9", "x")).isEmpty();
    assertThat(h.events("LINSERT", "l", "BEFORE", "c", "y")).containsExactly("0:l linsert");
    assertThat(h.events("LINSERT", "l", "AFTER", "zz", "y")).isEmpty();
    assertThat(h.events("LREM", "l", "0", "zz")).isEmpty();
    assertThat(h.events("LREM", "l", "0", "a")).containsExactly("0:l lrem");
    assertThat(h.events("LTRIM", "l", "0", "-1")).containsExactly("0:l ltrim");
    assertThat(h.events("LTRIM", "l", "5", "10")).containsExactly("0:l ltrim", "0:l del");
    assertThat(h.events("LTRIM", "l", "0", "1")).isEmpty();
  }

  @Test
  void reads_keymissOnMissingKeys_blockingLookupsDoNot() {
    assertThat(h.events("LRANGE", "l", "0", "-1")).containsExactly("0:l keymiss");
    assertThat(h.events("LLEN", "l")).containsExactly("0:l keymiss");
    assertThat(h.events("LINDEX", "l", "0")).containsExactly("0:l keymiss");
    assertThat(h.events("LPOS", "l", "a")).containsExactly("0:l keymiss");
    assertThat(h.events("LPOP", "l")).isEmpty();
    h.run("MULTI");
    h.run("BLPOP", "l", "0");
    assertThat(h.events("EXEC")).isEmpty();
  }
}
