package io.haredis.core.commands;

import org.junit.jupiter.api.Test;

/**
 * Keyspace notifications as a subscriber sees them, byte for byte against redis-server 7.0:
 * exact-channel SUBSCRIBE and PSUBSCRIBE, RESP2 and RESP3, several subscribers, and a
 * subscriber whose own client changes the config. Connection A subscribes, B writes.
 */
class KeyspaceNotificationsScriptIT extends TwoClientRedisComparison {

  @Test
  void subscribe_exactChannels_resp2() {
    script(
        "B1 CONFIG SET notify-keyspace-events KEA",
        "A2 SUBSCRIBE __keyevent@0__:set __keyspace@0__:k",
        "B1 SET k v",
        "A2",
        "B1 SET other v",
        "A1",
        "B1 DEL k",
        "B1 SET k w",
        "A3",
        "A2~ UNSUBSCRIBE", // Redis walks a hash table: no defined order
        "B1 CONFIG SET notify-keyspace-events \"\"");
  }

  @Test
  void psubscribe_patterns_resp3() {
    script(
        "B1 CONFIG SET notify-keyspace-events Elh",
        "A1! HELLO 3",
        "A1 PSUBSCRIBE __keyevent@*__:l*",
        "A1 PSUBSCRIBE __keyevent@1__:*",
        "B1 LPUSH l a b c",
        "A1",
        "B1 RPUSH l d",
        "B1 SELECT 1",
        "B1 LPUSH l x",
        "A2~", // one message per matching pattern, in Redis's hash-table order
        "B1 HSET h f v",
        "B1 RPUSH l y",
        "A2",
        "B1 CONFIG SET notify-keyspace-events \"\"");
  }

  @Test
  void configGet_normalForms() {
    script(
        "B1 CONFIG SET notify-keyspace-events KEA",
        "B1 CONFIG GET notify-keyspace-events",
        "B1 CONFIG SET notify-keyspace-events KEAnm",
        "B1 CONFIG GET notify-keyspace-events",
        "B1 CONFIG SET notify-keyspace-events nmxK",
        "B1 CONFIG GET notify-keyspace-events",
        "B1 CONFIG SET notify-keyspace-events KEq",
        "B1 CONFIG GET notify-keyspace-events",
        "B1 CONFIG SET notify-keyspace-events \"\"",
        "B1 CONFIG GET notify-keyspace-events");
  }

  @Test
  void transaction_eventsWhenExecRuns_watchedExpiry() {
    script(
        "B1 CONFIG SET notify-keyspace-events KEA",
        "A1 PSUBSCRIBE __keyspace@0__:*",
        "B1 MULTI",
        "B1 SET a 1",
        "B1 INCR a",
        "B1 RENAME a b",
        "B1 EXPIRE b 0",
        "B1 EXEC",
        "A5",
        "B1 CONFIG SET notify-keyspace-events \"\"");
  }
}
