package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Keyspace notifications of the set commands, as redis-server 7.0.15 publishes them. */
class SetKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void saddAndSrem_onlyWhenMembersChanged() {
    assertThat(h.events("SADD", "s", "a", "b")).containsExactly("0:s new", "0:s sadd");
    assertThat(h.events("SADD", "s", "a")).isEmpty();
    assertThat(h.events("SREM", "s", "x")).isEmpty();
    assertThat(h.events("SREM", "s", "a", "x")).containsExactly("0:s srem");
    assertThat(h.events("SREM", "s", "b", "a")).containsExactly("0:s srem", "0:s del");
  }

  @Test
  void smove_sremDelOnSourceThenNewSaddOnDestination() {
    h.run("SADD", "s", "a", "b");
    h.run("SADD", "d", "a");
    assertThat(h.events("SMOVE", "s", "d", "a")).containsExactly("0:s srem");
    assertThat(h.events("SMOVE", "s", "e", "b")).containsExactly("0:s srem", "0:s del", "0:e new", "0:e sadd");
    assertThat(h.events("SMOVE", "e", "e", "b")).isEmpty();
    assertThat(h.events("SMOVE", "e", "d", "zz")).isEmpty();
  }

  @Test
  void spop_spopThenDelWhenEmptied_whateverTheCount() {
    h.run("SADD", "s", "a", "b", "c", "d");
    assertThat(h.events("SPOP", "s")).containsExactly("0:s spop");
    assertThat(h.events("SPOP", "s", "0")).isEmpty();
    assertThat(h.events("SPOP", "s", "1")).containsExactly("0:s spop");
    assertThat(h.events("SPOP", "s", "10")).containsExactly("0:s spop", "0:s del");
    assertThat(h.events("SPOP", "s")).isEmpty();
    h.run("SADD", "t", "x");
    assertThat(h.timeline("SPOP", "t")).containsExactly(
        "__keyspace@0__:t spop", "__keyevent@0__:spop t", "<reply>", "__keyspace@0__:t del", "__keyevent@0__:del t");
  }

  @Test
  void storeCommands_ownEventOrDelWhenTheResultIsEmpty() {
    h.run("SADD", "a", "1", "2");
    h.run("SADD", "b", "2", "3");
    assertThat(h.events("SINTERSTORE", "d", "a", "b")).containsExactly("0:d new", "0:d sinterstore");
    assertThat(h.events("SUNIONSTORE", "d", "a", "b")).containsExactly("0:d sunionstore");
    assertThat(h.events("SDIFFSTORE", "d", "a", "b")).containsExactly("0:d sdiffstore");
    assertThat(h.events("SDIFFSTORE", "d", "a", "a")).containsExactly("0:d del");
    assertThat(h.events("SDIFFSTORE", "d", "a", "a")).isEmpty();
    h.run("SET", "d", "x");
    // Redis 7.0 reads the sources of the STORE forms too: a missing one is a keymiss
    assertThat(h.events("SINTERSTORE", "d", "a", "nokey")).containsExactly("0:nokey keymiss", "0:d del");
    assertThat(h.events("SUNIONSTORE", "d", "nokey")).containsExactly("0:nokey keymiss");
  }

  @Test
  void reads_keymissOnMissingKeys() {
    assertThat(h.events("SMEMBERS", "s")).containsExactly("0:s keymiss");
    assertThat(h.events("SISMEMBER", "s", "a")).containsExactly("0:s keymiss");
    assertThat(h.events("SCARD", "s")).containsExactly("0:s keymiss");
    assertThat(h.events("SRANDMEMBER", "s", "3")).containsExactly("0:s keymiss");
    assertThat(h.events("SINTERCARD", "2", "s", "t")).containsExactly("0:s keymiss", "0:t keymiss");
    assertThat(h.events("SPOP", "s")).isEmpty();
  }
}
