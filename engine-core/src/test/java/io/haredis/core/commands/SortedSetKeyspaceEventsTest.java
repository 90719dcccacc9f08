package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications of the sorted-set commands (the blocking pops that answer at once
 * included), as redis-server 7.0.15 publishes them.
 */
class SortedSetKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void zadd_zaddOrZincr_onlyWhenAddedOrUpdated() {
    assertThat(h.events("ZADD", "z", "1", "a")).containsExactly("0:z new", "0:z zadd");
    assertThat(h.events("ZADD", "z", "1", "a")).isEmpty();
    assertThat(h.events("ZADD", "z", "2", "a")).containsExactly("0:z zadd");
    assertThat(h.events("ZADD", "z", "NX", "5", "a")).isEmpty();
    assertThat(h.events("ZADD", "z", "INCR", "1", "a")).containsExactly("0:z zincr");
    assertThat(h.events("ZINCRBY", "z", "1", "b")).containsExactly("0:z zincr");
    assertThat(h.events("ZADD", "nokey", "XX", "1", "a")).isEmpty();
    assertThat(h.events("ZADD", "z", "nan", "a")).isEmpty();
  }

  @Test
  void zremAndRanges_ownEventThenDelWhenEmptied() {
    h.run("ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d");
    assertThat(h.events("ZREM", "z", "x")).isEmpty();
    assertThat(h.events("ZREM", "z", "a", "x")).containsExactly("0:z zrem");
    assertThat(h.events("ZREMRANGEBYRANK", "z", "0", "0")).containsExactly("0:z zremrangebyrank");
    assertThat(h.events("ZREMRANGEBYSCORE", "z", "10", "20")).isEmpty();
    assertThat(h.events("ZREMRANGEBYLEX", "z", "[c", "[c")).containsExactly("0:z zremrangebylex");
    assertThat(h.events("ZREMRANGEBYSCORE", "z", "-inf", "+inf")).containsExactly("0:z zremrangebyscore", "0:z del");
  }

  @Test
  void pops_oneEventPerCommand_delWhenEmptied() {
    h.run("ZADD", "z", "1", "a", "2", "b", "3", "c");
    assertThat(h.events("ZPOPMIN", "z", "2")).containsExactly("0:z zpopmin");
    assertThat(h.events("ZPOPMAX", "z", "0")).isEmpty();
    assertThat(h.events("ZPOPMAX", "z")).containsExactly("0:z zpopmax", "0:z del");
    h.run("ZADD", "y", "1", "a");
    assertThat(h.events("ZMPOP", "2", "nokey", "y", "MAX")).containsExactly("0:y zpopmax", "0:y del");
    h.run("ZADD", "y", "1", "a", "2", "b");
    assertThat(h.events("BZPOPMIN", "nokey", "y", "1")).containsExactly("0:y zpopmin");
    assertThat(h.events("BZMPOP", "1", "1", "y", "MIN", "COUNT", "9")).containsExactly("0:y zpopmin", "0:y del");
  }

  @Test
  void storeCommands_ownEventOrDelWhenTheResultIsEmpty() {
    h.run("ZADD", "a", "1", "x", "2", "y");
    h.run("ZADD", "b", "1", "y");
    assertThat(h.events("ZUNIONSTORE", "d", "2", "a", "b")).containsExactly("0:d new", "0:d zunionstore");
    assertThat(h.events("ZINTERSTORE", "d", "2", "a", "b")).containsExactly("0:d zinterstore");
    assertThat(h.events("ZDIFFSTORE", "d", "2", "a", "b")).containsExactly("0:d zdiffstore");
    assertThat(h.events("ZRANGESTORE", "d", "a", "0", "0")).containsExactly("0:d zrangestore");
    assertThat(h.events("ZRANGESTORE", "d", "a", "5", "9")).containsExactly("0:d del");
    assertThat(h.events("ZINTERSTORE", "d", "2", "a", "nokey")).containsExactly("0:nokey keymiss");
    assertThat(h.events("ZRANGESTORE", "d", "nokey", "0", "-1")).containsExactly("0:nokey keymiss");
  }

  @Test
  void reads_keymissOnMissingKeys() {
    assertThat(h.events("ZSCORE", "z", "a")).containsExactly("0:z keymiss");
    assertThat(h.events("ZRANGE", "z", "0", "-1")).containsExactly("0:z keymiss");
    assertThat(h.events("ZCARD", "z")).containsExactly("0:z keymiss");
    assertThat(h.events("ZRANDMEMBER", "z")).containsExactly("0:z keymiss");
    assertThat(h.events("ZUNION", "2", "z", "y")).containsExactly("0:z keymiss", "0:y keymiss");
    assertThat(h.events("ZPOPMIN", "z")).isEmpty();
  }
}
