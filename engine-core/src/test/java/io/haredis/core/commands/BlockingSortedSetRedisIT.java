package io.haredis.core.commands;


import org.junit.jupiter.api.Test;

/**
 * Blocking sorted-set pops over two connections against our node and a real redis-server 7.0:
 * served pops, timeouts, BZMPOP counts, EXEC and WRONGTYPE, in RESP2 and RESP3; same bytes.
 */
class BlockingSortedSetRedisIT extends TwoClientRedisComparison {

  @Test
  void bzpop_servedByZaddFromOtherClient() {
    script("A0 BZPOPMIN z1 z2 0", "B1 ZADD z2 3 c 1 a 2 b", "A1", "B1 ZRANGE z2 0 -1 WITHSCORES",
        "A1 BZPOPMAX z2 0", "A0 BZPOPMAX z3 0", "B1 ZADD z3 1.5 x", "A1", "B1 EXISTS z3");
  }

  @Test
  void bzmpop_servedWithCount_andTimeouts() {
    script("A0 BZMPOP 0 2 m1 m2 MAX COUNT 2", "B1 ZADD m2 1 a 2 b 3 c", "A1", "B1 ZRANGE m2 0 -1",
        "A1 BZPOPMIN none 0.05", "A1 BZMPOP 0.05 1 none MIN", "A1! HELLO 3", "A1 BZPOPMIN none 0.05",
        "B1 ZADD r3 7 m", "A1 BZPOPMIN r3 0", "A0 BZMPOP 0 1 r3 MIN", "B1 ZADD r3 8 n", "A1");
  }

  @Test
  void transactionFillingTwoKeys_servesTheKeyThatBecameReadyFirst() {
    script("A0 BZPOPMIN a b 0", "B1 MULTI", "B1 ZADD b 1 x", "B1 ZADD a 0 y", "B1 EXEC", "A1",
        "B1 ZRANGE a 0 -1", "A0 BZMPOP 0 2 c d MAX COUNT 3", "B1 MULTI", "B1 ZADD d 1 p 2 q", "B1 ZADD c 5 r",
        "B1 EXEC", "A1", "B1 ZRANGE c 0 -1");
  }

  @Test
  void wrongTypeMultiAndErrors() {
    script("B1 SET s str", "A1 BZPOPMIN s 0", "A1 BZPOPMIN k -1", "A1 BZMPOP 0 0 k MIN", "A1 BZMPOP 0 1 k UP",
        "A1 MULTI", "A1 BZPOPMIN none 0", "A1 BZMPOP 0 1 none MAX", "A1 EXEC",
        "A0 BZPOPMIN l 0", "B1 RPUSH l notazset", "B1 DEL l", "B1 ZADD l 1 v", "A1");
  }
}
