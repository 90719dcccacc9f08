package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keyspace notifications of the hash commands, as redis-server 7.0.15 publishes them. */
class HashKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void hsetFamily_hsetEvenWhenNothingChanged() {
    assertThat(h.events("HSET", "h", "a", "1")).containsExactly("0:h new", "0:h hset");
    assertThat(h.events("HSET", "h", "a", "1")).containsExactly("0:h hset");
    assertThat(h.events("HMSET", "h", "b", "2", "c", "3")).containsExactly("0:h hset");
    assertThat(h.events("HSETNX", "h", "a", "9")).isEmpty();
    assertThat(h.events("HSETNX", "h", "d", "4")).containsExactly("0:h hset");
    assertThat(h.events("HSET", "h", "odd")).isEmpty();
  }

  @Test
  void hdel_hdelThenDelWhenTheLastFieldGoes() {
    h.run("HSET", "h", "a", "1", "b", "2");
    assertThat(h.events("HDEL", "h", "x")).isEmpty();
    assertThat(h.events("HDEL", "h", "a", "x")).containsExactly("0:h hdel");
    assertThat(h.events("HDEL", "h", "b", "a")).containsExactly("0:h hdel", "0:h del");
    assertThat(h.events("HDEL", "h", "b")).isEmpty();
  }

  @Test
  void hincrbyAndHincrbyfloat_ownEvents_errorsNone() {
    assertThat(h.events("HINCRBY", "h", "n", "5")).containsExactly("0:h new", "0:h hincrby");
    assertThat(h.events("HINCRBYFLOAT", "h", "n", "0.5")).containsExactly("0:h hincrbyfloat");
    assertThat(h.events("HINCRBY", "h", "n", "1")).isEmpty(); // 5.5 is no integer
    assertThat(h.events("HINCRBYFLOAT", "f", "x", "1.5")).containsExactly("0:f new", "0:f hincrbyfloat");
  }

  @Test
  void hincrby_pushedAfterItsReply() {
    h.run("HSET", "h", "n", "1");
    assertThat(h.timeline("HINCRBY", "h", "n", "1"))
        .containsExactly("<reply>", "__keyspace@0__:h hincrby", "__keyevent@0__:hincrby h");
    assertThat(h.timeline("HDEL", "h", "n")).containsExactly(
        "__keyspace@0__:h hdel", "__keyevent@0__:hdel h", "__keyspace@0__:h del", "__keyevent@0__:del h", "<reply>");
  }

  @Test
  void reads_keymissOnMissingKeys() {
    assertThat(h.events("HGET", "h", "f")).containsExactly("0:h keymiss");
    assertThat(h.events("HMGET", "h", "f", "g")).containsExactly("0:h keymiss");
    assertThat(h.events("HGETALL", "h")).containsExactly("0:h keymiss");
    assertThat(h.events("HLEN", "h")).containsExactly("0:h keymiss");
    assertThat(h.events("HRANDFIELD", "h", "2")).containsExactly("0:h keymiss");
    assertThat(h.events("HSCAN", "h", "0")).containsExactly("0:h keymiss");
    assertThat(h.events("HSCAN", "h", "x")).isEmpty(); // the cursor is parsed first
  }
}
