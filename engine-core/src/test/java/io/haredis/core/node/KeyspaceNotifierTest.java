package io.haredis.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.KeyspaceEventsHarness;
import org.junit.jupiter.api.Test;

/**
 * {@code notify-keyspace-events}: Redis's class letters and printed form, and which channels a
 * given setting publishes on.
 */
class KeyspaceNotifierTest {

  @Test
  void formatFlags_printsRedisNormalForm() {
    // each pair checked with CONFIG SET / CONFIG GET on redis-server 7.0.15
    String[][] cases = {
      {"KEA", "AKE"}, {"KEAn", "AKE"}, {"KEAnm", "AKEm"}, {"Kn", "nK"}, {"nK", "nK"}, {"Ex", "xE"}, {"", ""},
      {"A", "A"}, {"g$lshzxetdn", "A"}, {"g$lshzxetd", "A"}, {"g$lshzxetdK", "AK"}, {"mEK", "KEm"},
      {"zhsl$g", "g$lshz"}, {"AAg", "A"}, {"dte", "etd"},
    };
    for (String[] c : cases) {
      int flags = KeyspaceNotifier.parseFlags(c[0]);
      assertThat(KeyspaceNotifier.formatFlags(flags)).as("flags of '%s'", c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void parseFlags_unknownCharacter_minusOne() {
    assertThat(KeyspaceNotifier.parseFlags("KEq")).isEqualTo(-1);
    assertThat(KeyspaceNotifier.parseFlags("a")).isEqualTo(-1);
    assertThat(KeyspaceNotifier.parseFlags(" ")).isEqualTo(-1);
    assertThat(KeyspaceNotifier.parseFlags("KEA")).isEqualTo(KeyspaceNotifier.ALL | KeyspaceNotifier.KEYSPACE
        | KeyspaceNotifier.KEYEVENT);
    assertThat(KeyspaceNotifier.ALL & (KeyspaceNotifier.KEY_MISS | KeyspaceNotifier.NEW)).isZero();
  }

  @Test
  void configSet_newHiddenBehindA_isStillOn() {
    try (KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEAn")) {
      assertThat(h.run("CONFIG", "GET", "notify-keyspace-events"))
          .isEqualTo("%1\r\n$22\r\nnotify-keyspace-events\r\n$3\r\nAKE\r\n");
      assertThat(h.events("SET", "k", "v")).containsExactly("0:k new", "0:k set");
    }
  }

  @Test
  void configSet_invalidCharacter_redisErrorAndValueKept() {
    try (KeyspaceEventsHarness h = new KeyspaceEventsHarness("Kg")) {
      assertThat(h.run("CONFIG", "SET", "notify-keyspace-events", "KEq")).isEqualTo(
          "-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class"
              + " character. Use 'Ag$lshzxeKEtmdn'.\r\n");
      assertThat(h.run("CONFIG", "GET", "notify-keyspace-events"))
          .isEqualTo("%1\r\n$22\r\nnotify-keyspace-events\r\n$2\r\ngK\r\n");
    }
  }

  @Test
  void classes_onlyEnabledClassesPublish() {
    try (KeyspaceEventsHarness h = new KeyspaceEventsHarness("Kg")) {
      assertThat(h.events("SET", "k", "v")).isEmpty(); // "set" is a string event ($)
      assertThat(h.events("EXPIRE", "k", "100")).containsExactly("0:k expire");
      assertThat(h.events("GET", "nokey")).isEmpty(); // keymiss needs m
      assertThat(h.events("DEL", "k")).containsExactly("0:k del");
      h.run("CONFIG", "SET", "notify-keyspace-events", "");
      h.run("SET", "k", "v");
      assertThat(h.events("DEL", "k")).isEmpty();
    }
  }

  @Test
  void channelFamilies_keyspaceCarriesTheEvent_keyeventCarriesTheKey() {
    try (KeyspaceEventsHarness h = new KeyspaceEventsHarness("E$")) {
      assertThat(h.timeline("SET", "k", "v")).containsExactly("__keyevent@0__:set k", "<reply>");
      h.run("CONFIG", "SET", "notify-keyspace-events", "K$");
      assertThat(h.timeline("SET", "k", "v")).containsExactly("__keyspace@0__:k set", "<reply>");
      h.run("CONFIG", "SET", "notify-keyspace-events", "$"); // a class but no channel family
      assertThat(h.timeline("SET", "k", "v")).containsExactly("<reply>");
      h.run("CONFIG", "SET", "notify-keyspace-events", "KE$");
      h.run("SELECT", "12");
      assertThat(h.frames("SET", "a b\r\nc", "v")).startsWith(
          ">4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n$22\r\n__keyspace@12__:a b\r\nc\r\n$3\r\nset\r\n",
          ">4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n$19\r\n__keyevent@12__:set\r\n$6\r\na b\r\nc\r\n");
    }
  }

  @Test
  void multiExec_eachQueuedCommandNotifiesWhenExecRunsIt() {
    try (KeyspaceEventsHarness h = new KeyspaceEventsHarness("KEA")) {
      assertThat(h.events("MULTI")).isEmpty();
      assertThat(h.events("SET", "k", "v")).isEmpty();
      assertThat(h.events("LPUSH", "l", "a")).isEmpty();
      assertThat(h.events("DEL", "k")).isEmpty();
      assertThat(h.events("EXEC")).containsExactly("0:k set", "0:l lpush", "0:k del");
    }
  }
}
