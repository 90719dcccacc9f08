package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications of the generic key commands (Redis's db.c and expire.c): DEL, the
 * EXPIRE family (always {@code expire}, or {@code del} for a time already past), PERSIST,
 * RENAME, MOVE and COPY (events in the databases they touch), and keymiss on the read lookups.
 */
class KeyKeyspaceEventsTest {

  private final KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAnm");

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void delAndUnlink_existingKeysOnlyInArgumentOrder() {
    h.run("MSET", "a", "1", "b", "2", "c", "3");
    assertThat(h.events("DEL", "b", "nokey", "a")).containsExactly("0:b del", "0:a del");
    assertThat(h.events("UNLINK", "c", "c")).containsExactly("0:c del");
    assertThat(h.events("DEL", "a")).isEmpty();
  }

  @Test
  void restore_notifiesRestore_andAnExpiredReplaceDeletes() {
    h.run("SET", "src", "value");
    String dump = h.run("DUMP", "src");
    byte[] payload = dump.substring(dump.indexOf("\r\n") + 2, dump.length() - 2).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(h.events("RESTORE", "k", "0", payload)).containsExactly("0:k new", "0:k restore");
    assertThat(h.events("RESTORE", "k", "1", payload, "REPLACE", "ABSTTL")).containsExactly("0:k del");
    assertThat(h.events("RESTORE", "k", "1", payload, "ABSTTL")).isEmpty();
  }

  @Test
  void expireFamily_allNotifyExpire_pastTimesDelete() {
    h.run("SET", "k", "v");
    assertThat(h.events("EXPIRE", "k", "100")).containsExactly("0:k expire");
    assertThat(h.events("PEXPIRE", "k", "100000")).containsExactly("0:k expire");
    assertThat(h.events("EXPIREAT", "k", "4000000000")).containsExactly("0:k expire");
    assertThat(h.events("PEXPIREAT", "k", "4000000000000")).containsExactly("0:k expire");
    assertThat(h.events("EXPIRE", "k", "100", "NX")).isEmpty();
    assertThat(h.events("EXPIRE", "nokey", "100")).isEmpty();
    assertThat(h.events("EXPIRE", "k", "-1")).containsExactly("0:k del");
    h.run("SET", "k", "v");
    assertThat(h.events("PEXPIREAT", "k", "1")).containsExactly("0:k del");
  }

  @Test
  void persist_onlyWhenATtlWasRemoved() {
    h.run("SET", "k", "v");
    assertThat(h.events("PERSIST", "k")).isEmpty();
    h.run("EXPIRE", "k", "100");
    assertThat(h.events("PERSIST", "k")).containsExactly("0:k persist");
    assertThat(h.events("PERSIST", "nokey")).isEmpty();
  }

  @Test
  void rename_newDestinationThenFromThenTo_evenOverAnExistingKey() {
    h.run("MSET", "a", "1", "b", "2");
    assertThat(h.events("RENAME", "a", "b")).containsExactly("0:b new", "0:a rename_from", "0:b rename_to");
    assertThat(h.events("RENAME", "b", "b")).isEmpty();
    assertThat(h.events("RENAME", "nokey", "x")).isEmpty();
    h.run("SET", "c", "3");
    assertThat(h.events("RENAMENX", "b", "c")).isEmpty();
    assertThat(h.events("RENAMENX", "b", "d")).containsExactly("0:d new", "0:b rename_from", "0:d rename_to");
  }

  @Test
  void moveAndCopy_eventsInTheDatabasesTheyTouch() {
    h.run("SET", "m", "v");
    assertThat(h.events("MOVE", "m", "1")).containsExactly("1:m new", "0:m move_from", "1:m move_to");
    assertThat(h.events("MOVE", "m", "1")).isEmpty();
    h.run("SET", "c", "v");
    assertThat(h.events("COPY", "c", "c", "DB", "2")).containsExactly("2:c new", "2:c copy_to");
    assertThat(h.events("COPY", "c", "c", "DB", "2")).isEmpty();
    assertThat(h.events("COPY", "c", "c", "DB", "2", "REPLACE")).containsExactly("2:c new", "2:c copy_to");
    assertThat(h.events("COPY", "c", "d")).containsExactly("0:d new", "0:d copy_to");
    assertThat(h.events("COPY", "nokey", "d")).containsExactly("0:nokey keymiss");
  }

  @Test
  void flushAndSwapdb_notifyNothing() {
    h.run("SET", "k", "v");
    assertThat(h.events("SWAPDB", "0", "1")).isEmpty();
    assertThat(h.events("FLUSHDB")).isEmpty();
    assertThat(h.events("FLUSHALL")).isEmpty();
  }

  @Test
  void selectedDatabase_namedInTheChannel() {
    h.run("SELECT", "5");
    assertThat(h.timeline("SET", "k", "v")).containsExactly(
        "__keyspace@5__:k new", "__keyevent@5__:new k", "__keyspace@5__:k set", "__keyevent@5__:set k", "<reply>");
  }

  @Test
  void readLookups_keymiss_butNotObject() {
    assertThat(h.events("EXISTS", "a", "b")).containsExactly("0:a keymiss", "0:b keymiss");
    assertThat(h.events("TYPE", "a")).containsExactly("0:a keymiss");
    assertThat(h.events("TTL", "a")).containsExactly("0:a keymiss");
    assertThat(h.events("PEXPIRETIME", "a")).containsExactly("0:a keymiss");
    assertThat(h.events("TOUCH", "a")).containsExactly("0:a keymiss");
    assertThat(h.events("OBJECT", "ENCODING", "a")).isEmpty();
    assertThat(h.events("OBJECT", "IDLETIME", "a")).isEmpty();
  }
}
