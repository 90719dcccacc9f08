package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sorted-set replies byte for byte (RESP2 and, where they differ, RESP3), errors, encodings and
 * conversions, as redis-server 7.0.15 gives them. The randomized comparison against a real
 * server is {@link SortedSetRedisIT}.
 */
class SortedSetCommandsTest {

  private CommandHarness h;

  @BeforeEach
  void start() {
    h = new CommandHarness();
  }

  @AfterEach
  void stop() {
    h.close();
  }

  @Test
  void zadd_newAndUpdated_countsAddedOrChanged() {
    assertThat(h.run("ZADD", "z", "1", "a", "2", "b")).isEqualTo(":2\r\n");
    assertThat(h.run("ZADD", "z", "3", "a", "4", "c")).isEqualTo(":1\r\n");
    assertThat(h.run("ZADD", "z", "CH", "5", "a", "4", "c", "6", "d")).isEqualTo(":2\r\n");
    assertThat(h.run("ZADD", "z", "XX", "1", "new")).isEqualTo(":0\r\n");
    assertThat(h.run("ZADD", "nokey", "XX", "1", "a")).isEqualTo(":0\r\n");
    assertThat(h.run("EXISTS", "nokey")).isEqualTo(":0\r\n");
    assertThat(h.run("ZADD", "z", "GT", "CH", "1", "a", "9", "b")).isEqualTo(":1\r\n");
    assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES"))
        .isEqualTo("*8\r\n$1\r\nc\r\n$1\r\n4\r\n$1\r\na\r\n$1\r\n5\r\n$1\r\nd\r\n$1\r\n6\r\n$1\r\nb\r\n$1\r\n9\r\n");
  }

  @Test
  void zadd_incompatibleOptionsAndBadScores_redisErrors() {
    assertThat(h.run("ZADD", "z", "NX", "XX", "1", "a")).isEqualTo("-ERR XX and NX options at the same time are not compatible\r\n");
    assertThat(h.run("ZADD", "z", "GT", "LT", "1", "a"))
        .isEqualTo("-ERR GT, LT, and/or NX options at the same time are not compatible\r\n");
    assertThat(h.run("ZADD", "z", "INCR", "1", "a", "2", "b")).isEqualTo("-ERR INCR option supports a single increment-element pair\r\n");
    assertThat(h.run("ZADD", "z", "1", "a", "2")).isEqualTo("-ERR syntax error\r\n");
    for (String bad : new String[] {"nan", "abc", "", " 1", "1 ", "1e400", "1e-400"}) {
      assertThat(h.run("ZADD", "z", bad, "a")).as(bad).isEqualTo("-ERR value is not a valid float\r\n");
    }
    assertThat(h.run("EXISTS", "z")).isEqualTo(":0\r\n");
    assertThat(h.run("ZADD", "z", "0x10", "hex", "+inf", "i", "-Infinity", "j", "5.", "k")).isEqualTo(":4\r\n");
    assertThat(h.run("ZSCORE", "z", "hex")).isEqualTo("$2\r\n16\r\n");
    assertThat(h.run("ZSCORE", "z", "i")).isEqualTo("$3\r\ninf\r\n");
    assertThat(h.run("ZSCORE", "z", "j")).isEqualTo("$4\r\n-inf\r\n");
  }

  @Test
  void zincrby_infMinusInf_nanError() {
    h.run("ZADD", "z", "inf", "a");
    assertThat(h.run("ZINCRBY", "z", "-inf", "a")).isEqualTo("-ERR resulting score is not a number (NaN)\r\n");
    assertThat(h.run("ZINCRBY", "z", "1.5", "b")).isEqualTo("$3\r\n1.5\r\n");
    assertThat(h.run("ZINCRBY", "z", "0.1", "b")).isEqualTo("$18\r\n1.6000000000000001\r\n");
    assertThat(h.run("ZINCRBY", "z", "0.2", "b")).isEqualTo("$3\r\n1.8\r\n");
    assertThat(h.run("ZADD", "z", "NX", "INCR", "1", "b")).isEqualTo("$-1\r\n");
    h.run("HELLO", "3");
    assertThat(h.run("ZADD", "z", "NX", "INCR", "1", "b")).isEqualTo("_\r\n");
    assertThat(h.run("ZINCRBY", "z", "1", "c")).isEqualTo(",1\r\n");
    assertThat(h.run("ZSCORE", "z", "a")).isEqualTo(",inf\r\n");
  }

  @Test
  void zrange_withScoresResp2FlatResp3Pairs() {
    h.run("ZADD", "z", "1", "a", "2.5", "b");
    assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$3\r\n2.5\r\n");
    h.run("HELLO", "3");
    assertThat(h.run("ZRANGE", "z", "0", "-1", "WITHSCORES")).isEqualTo("*2\r\n*2\r\n$1\r\na\r\n,1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
    assertThat(h.run("ZPOPMIN", "z")).isEqualTo("*2\r\n$1\r\na\r\n,1\r\n");
    assertThat(h.run("ZPOPMIN", "z", "1")).isEqualTo("*1\r\n*2\r\n$1\r\nb\r\n,2.5\r\n");
    assertThat(h.run("ZMPOP", "1", "z", "MIN")).isEqualTo("_\r\n");
  }

  @Test
  void zrange_byScoreByLexRevLimit_andOptionErrors() {
    h.run("ZADD", "z", "0", "a", "0", "b", "0", "c", "0", "d");
    assertThat(h.run("ZRANGE", "z", "[b", "(d", "BYLEX")).isEqualTo("*2\r\n$1\r\nb\r\n$1\r\nc\r\n");
    assertThat(h.run("ZRANGE", "z", "+", "-", "BYLEX", "REV", "LIMIT", "1", "2")).isEqualTo("*2\r\n$1\r\nc\r\n$1\r\nb\r\n");
    assertThat(h.run("ZRANGEBYSCORE", "z", "(0", "+inf")).isEqualTo("*0\r\n");
    assertThat(h.run("ZREVRANGEBYSCORE", "z", "0", "0", "LIMIT", "0", "1")).isEqualTo("*1\r\n$1\r\nd\r\n");
    assertThat(h.run("ZRANGE", "z", "0", "1", "LIMIT", "0", "1"))
        .isEqualTo("-ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX\r\n");
    assertThat(h.run("ZRANGEBYLEX", "z", "-", "+", "WITHSCORES"))
        .isEqualTo("-ERR syntax error, WITHSCORES not supported in combination with BYLEX\r\n");
    assertThat(h.run("ZRANGEBYSCORE", "z", "a", "1")).isEqualTo("-ERR min or max is not a float\r\n");
    assertThat(h.run("ZRANGEBYLEX", "z", "a", "+")).isEqualTo("-ERR min or max not valid string range item\r\n");
    assertThat(h.run("ZLEXCOUNT", "z", "[b", "+")).isEqualTo(":3\r\n");
    assertThat(h.run("ZCOUNT", "z", "-inf", "(0")).isEqualTo(":0\r\n");
  }

  @Test
  void encoding_listpackUntilThresholds_thenSkiplistForGood() {
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "2");
    h.run("ZADD", "z", "1", "a", "2", "b");
    assertThat(h.run("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nlistpack\r\n");
    h.run("ZADD", "z", "3", "c");
    assertThat(h.run("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nskiplist\r\n");
    h.run("ZREM", "z", "a", "b");
    assertThat(h.run("OBJECT", "ENCODING", "z")).isEqualTo("$8\r\nskiplist\r\n");
    h.run("CONFIG", "SET", "zset-max-listpack-value", "3");
    h.run("ZADD", "w", "1", "long");
    assertThat(h.run("OBJECT", "ENCODING", "w")).isEqualTo("$8\r\nskiplist\r\n");
    assertThat(h.run("ZUNIONSTORE", "u", "1", "z")).isEqualTo(":1\r\n");
    assertThat(h.run("OBJECT", "ENCODING", "u")).isEqualTo("$8\r\nlistpack\r\n");
  }

  @Test
  void negativeZero_listpackStoresZero_skiplistKeepsSign() {
    h.run("ZADD", "z", "-0", "m");
    assertThat(h.run("ZSCORE", "z", "m")).isEqualTo("$1\r\n0\r\n");
    h.run("CONFIG", "SET", "zset-max-listpack-entries", "0");
    h.run("ZADD", "s", "-0", "m");
    assertThat(h.run("ZSCORE", "s", "m")).isEqualTo("$2\r\n-0\r\n");
  }

  @Test
  void emptiedSortedSet_keyDeleted() {
    h.run("ZADD", "z", "1", "a", "2", "b");
    assertThat(h.run("ZREMRANGEBYRANK", "z", "0", "-1")).isEqualTo(":2\r\n");
    assertThat(h.run("EXISTS", "z")).isEqualTo(":0\r\n");
    h.run("ZADD", "z", "1", "a");
    assertThat(h.run("ZPOPMAX", "z", "5")).isEqualTo("*2\r\n$1\r\na\r\n$1\r\n1\r\n");
    assertThat(h.run("EXISTS", "z")).isEqualTo(":0\r\n");
  }

  @Test
  void wrongType_andArgumentErrors() {
    h.run("SET", "s", "x");
    String wrongType = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    assertThat(h.run("ZADD", "s", "1", "a")).isEqualTo(wrongType);
    assertThat(h.run("ZPOPMIN", "s", "0")).isEqualTo(wrongType);
    assertThat(h.run("ZPOPMIN", "nokey", "0")).isEqualTo("*0\r\n");
    assertThat(h.run("ZPOPMIN", "nokey", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
    assertThat(h.run("ZMPOP", "0", "z", "MIN")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
    assertThat(h.run("ZMPOP", "1", "z", "MIN", "COUNT", "0")).isEqualTo("-ERR count should be greater than 0\r\n");
    assertThat(h.run("ZUNIONSTORE", "d", "0", "z")).isEqualTo("-ERR at least 1 input key is needed for 'zunionstore' command\r\n");
    assertThat(h.run("ZINTERCARD", "1", "z", "LIMIT", "-1")).isEqualTo("-ERR LIMIT can't be negative\r\n");
    assertThat(h.run("ZUNION", "1", "z", "WEIGHTS", "x")).isEqualTo("-ERR weight value is not a float\r\n");
    assertThat(h.run("ZRANDMEMBER", "z", "-9223372036854775808"))
        .isEqualTo("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
    assertThat(h.run("ZRANDMEMBER", "z", "9223372036854775807", "WITHSCORES")).isEqualTo("-ERR value is out of range\r\n");
    assertThat(h.run("ZSCAN", "z", "x")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(h.run("ZSCAN", "nokey", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
  }

  @Test
  void setOperations_weightsAggregateStore() {
    h.run("ZADD", "a", "1", "x", "2", "y");
    h.run("ZADD", "b", "10", "y", "20", "z");
    assertThat(h.run("ZUNION", "2", "a", "b", "WITHSCORES"))
        .isEqualTo("*6\r\n$1\r\nx\r\n$1\r\n1\r\n$1\r\ny\r\n$2\r\n12\r\n$1\r\nz\r\n$2\r\n20\r\n");
    assertThat(h.run("ZINTER", "2", "a", "b", "WEIGHTS", "2", "0.5", "AGGREGATE", "MAX", "WITHSCORES"))
        .isEqualTo("*2\r\n$1\r\ny\r\n$1\r\n5\r\n");
    assertThat(h.run("ZDIFF", "2", "a", "b")).isEqualTo("*1\r\n$1\r\nx\r\n");
    assertThat(h.run("ZINTERCARD", "2", "a", "b")).isEqualTo(":1\r\n");
    h.run("SET", "d", "v");
    h.run("EXPIRE", "d", "100");
    assertThat(h.run("ZDIFFSTORE", "d", "2", "a", "b")).isEqualTo(":1\r\n");
    assertThat(h.run("TTL", "d")).isEqualTo(":-1\r\n");
    assertThat(h.run("ZINTERSTORE", "d", "2", "a", "nokey")).isEqualTo(":0\r\n");
    assertThat(h.run("EXISTS", "d")).isEqualTo(":0\r\n");
  }

  @Test
  void zunionZinter_sumsInAscendingCardinalityOrder_likeRedis() {
    h.run("ZADD", "a", "0.1", "x");
    h.run("ZADD", "b", "0.2", "x", "5", "y");
    h.run("ZADD", "c", "0.3", "x", "1", "y", "2", "z");
    // (0.1 + 0.2) + 0.3, whatever order the keys are named in (0.3 + 0.2 + 0.1 would print 0.59999999999999998)
    assertThat(h.run("ZUNION", "3", "c", "b", "a", "WITHSCORES"))
        .isEqualTo("*6\r\n$1\r\nx\r\n$19\r\n0.60000000000000009\r\n$1\r\nz\r\n$1\r\n2\r\n$1\r\ny\r\n$1\r\n6\r\n");
    assertThat(h.run("ZINTER", "3", "c", "b", "a", "WITHSCORES")).isEqualTo("*2\r\n$1\r\nx\r\n$19\r\n0.60000000000000009\r\n");
  }

  @Test
  void setOperations_plainSetInputsScoreOne_asRedis() {
    // Replies recorded from redis-server 7.0.15 for the same commands.
    try (io.haredis.testing.CommandHarness h2 = new io.haredis.testing.CommandHarness()) {
      h2.run("SADD", "s", "a", "b");
      h2.run("ZADD", "z", "2", "a");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZUNION", "2", "z", "s", "WITHSCORES"))
          .isEqualTo("*4\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n3\r\n");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZINTER", "2", "s", "z", "WITHSCORES"))
          .isEqualTo("*2\r\n$1\r\na\r\n$1\r\n3\r\n");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZDIFF", "2", "s", "z")).isEqualTo("*1\r\n$1\r\nb\r\n");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZINTERCARD", "2", "s", "z")).isEqualTo(":1\r\n");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZUNIONSTORE", "d", "2", "s", "s")).isEqualTo(":2\r\n");
      org.assertj.core.api.Assertions.assertThat(h2.run("ZRANGE", "d", "0", "-1", "WITHSCORES"))
          .isEqualTo("*4\r\n$1\r\na\r\n$1\r\n2\r\n$1\r\nb\r\n$1\r\n2\r\n");
    }
  }
}
