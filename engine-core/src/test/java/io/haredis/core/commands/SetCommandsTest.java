package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Set commands through the harness: exact RESP2/RESP3 replies as redis-server 7.0.15 gives them. */
class SetCommandsTest {

  private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  private static final String SYNTAX = "-ERR syntax error\r\n";

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String bulks(String... items) {
    StringBuilder sb = new StringBuilder("*" + items.length + "\r\n");
    for (String s : items) {
      sb.append('$').append(s.length()).append("\r\n").append(s).append("\r\n");
    }
    return sb.toString();
  }

  private static String set3(String... items) {
    return "~" + bulks(items).substring(1);
  }

  private String enc(String key) {
    return h.run("OBJECT", "ENCODING", key);
  }

  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  @Test
  void sadd_integers_intsetAscending() {
    assertThat(h.run("SADD", "s", "5", "-3", "100000", "5", "0")).isEqualTo(":4\r\n");
    assertThat(enc("s")).isEqualTo("$6\r\nintset\r\n");
    assertThat(h.run("SMEMBERS", "s")).isEqualTo(bulks("-3", "0", "5", "100000"));
    assertThat(h.run("SADD", "s", "-9223372036854775808", "9223372036854775807")).isEqualTo(":2\r\n");
    assertThat(h.run("SMEMBERS", "s")).isEqualTo(bulks("-9223372036854775808", "-3", "0", "5", "100000", "9223372036854775807"));
    assertThat(h.run("TYPE", "s")).isEqualTo("+set\r\n");
  }

  @Test
  void sadd_nonCanonicalInteger_convertsToHashtable() {
    h.run("SADD", "s", "1", "2");
    assertThat(h.run("SADD", "s", "007")).isEqualTo(":1\r\n");
    assertThat(enc("s")).isEqualTo("$9\r\nhashtable\r\n");
    assertThat(h.run("SREM", "s", "007")).isEqualTo(":1\r\n");
    assertThat(enc("s")).as("never converts back").isEqualTo("$9\r\nhashtable\r\n");
    h.run("SADD", "t", "-0");
    assertThat(enc("t")).isEqualTo("$9\r\nhashtable\r\n");
    h.run("SADD", "u", "9223372036854775808");
    assertThat(enc("u")).isEqualTo("$9\r\nhashtable\r\n");
  }

  @Test
  void sadd_pastMaxIntsetEntries_convertsToHashtable() {
    h.run("CONFIG", "SET", "set-max-intset-entries", "3");
    h.run("SADD", "s", "1", "2", "3");
    assertThat(enc("s")).isEqualTo("$6\r\nintset\r\n");
    h.run("SADD", "s", "4");
    assertThat(enc("s")).isEqualTo("$9\r\nhashtable\r\n");
    h.run("CONFIG", "SET", "set-max-intset-entries", "0");
    h.run("SADD", "z", "1");
    assertThat(enc("z")).isEqualTo("$9\r\nhashtable\r\n");
  }

  @Test
  void wrongType_everyCommand_wrongtypeError() {
    h.run("SET", "str", "x");
    h.run("SADD", "s", "1");
    assertThat(h.run("SADD", "str", "a")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SREM", "str", "a")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SCARD", "str")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SINTER", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SINTERSTORE", "d", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SDIFF", "nokey", "str")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SMOVE", "str", "nokey", "a")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SMOVE", "s", "str", "1")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SMOVE", "nokey", "str", "a")).isEqualTo(":0\r\n");
    assertThat(h.run("SPOP", "str", "0")).isEqualTo(WRONGTYPE);
    assertThat(h.run("SSCAN", "str", "0")).isEqualTo(WRONGTYPE);
  }

  @Test
  void countErrors_matchRedis() {
    h.run("SADD", "t", "1", "2", "3");
    assertThat(h.run("SPOP", "t", "-1")).isEqualTo("-ERR value is out of range, must be positive\r\n");
    assertThat(h.run("SPOP", "t", "x")).isEqualTo("-ERR value is out of range, must be positive\r\n");
    assertThat(h.run("SPOP", "t", "1", "2")).isEqualTo(SYNTAX);
    assertThat(h.run("SRANDMEMBER", "t", "-9223372036854775808"))
        .isEqualTo("-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n");
    assertThat(h.run("SRANDMEMBER", "t", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(h.run("SINTERCARD", "0", "a")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
    assertThat(h.run("SINTERCARD", "x", "a")).isEqualTo("-ERR numkeys should be greater than 0\r\n");
    assertThat(h.run("SINTERCARD", "3", "a", "b")).isEqualTo("-ERR Number of keys can't be greater than number of args\r\n");
    assertThat(h.run("SINTERCARD", "1", "a", "LIMIT", "-1")).isEqualTo("-ERR LIMIT can't be negative\r\n");
    assertThat(h.run("SINTERCARD", "1", "a", "LIMIT")).isEqualTo(SYNTAX);
    assertThat(h.run("SSCAN", "t", "x")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(h.run("SSCAN", "t", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(h.run("SSCAN", "t", "0", "TYPE", "string")).isEqualTo(SYNTAX);
    assertThat(h.run("SSCAN", "t", "0", "COUNT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
  }

  @Test
  void missingKey_replies_resp2AndResp3() {
    assertThat(h.run("SMEMBERS", "nokey")).isEqualTo("*0\r\n");
    assertThat(h.run("SPOP", "nokey")).isEqualTo("$-1\r\n");
    assertThat(h.run("SPOP", "nokey", "2")).isEqualTo("*0\r\n");
    assertThat(h.run("SRANDMEMBER", "nokey", "2")).isEqualTo("*0\r\n");
    assertThat(h.run("SMISMEMBER", "nokey", "a", "b")).isEqualTo("*2\r\n:0\r\n:0\r\n");
    assertThat(h.run("SSCAN", "nokey", "0")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
    assertThat(h.run("SINTERCARD", "2", "nokey", "x")).isEqualTo(":0\r\n");
    h.run("HELLO", "3");
    assertThat(h.run("SMEMBERS", "nokey")).isEqualTo("~0\r\n");
    assertThat(h.run("SUNION", "nokey")).isEqualTo("~0\r\n");
    assertThat(h.run("SPOP", "nokey")).isEqualTo("_\r\n");
    assertThat(h.run("SPOP", "nokey", "2")).isEqualTo("~0\r\n");
    assertThat(h.run("SRANDMEMBER", "nokey", "2")).isEqualTo("*0\r\n");
  }

  @Test
  void resp3_setReplies() {
    h.run("SADD", "t", "2", "1");
    h.run("HELLO", "3");
    assertThat(h.run("SMEMBERS", "t")).isEqualTo(set3("1", "2"));
    assertThat(h.run("SINTER", "t", "t")).isEqualTo(set3("1", "2"));
    assertThat(h.run("SUNION", "t")).isEqualTo(set3("1", "2"));
    assertThat(h.run("SRANDMEMBER", "t", "5")).isEqualTo(bulks("1", "2"));
    assertThat(h.run("SMISMEMBER", "t", "1", "9")).isEqualTo("*2\r\n:1\r\n:0\r\n");
    assertThat(h.run("SPOP", "t", "5")).isEqualTo(set3("1", "2"));
  }

  @Test
  void smove_cases() {
    h.run("SADD", "a", "1", "2");
    assertThat(h.run("SMOVE", "a", "a", "1")).isEqualTo(":1\r\n");
    assertThat(h.run("SMOVE", "a", "a", "9")).isEqualTo(":0\r\n");
    assertThat(h.run("SMOVE", "a", "b", "9")).isEqualTo(":0\r\n");
    assertThat(h.run("SMOVE", "a", "b", "1")).isEqualTo(":1\r\n");
    assertThat(h.run("SMOVE", "a", "b", "2")).isEqualTo(":1\r\n");
    assertThat(h.run("EXISTS", "a")).isEqualTo(":0\r\n");
    assertThat(h.run("SMEMBERS", "b")).isEqualTo(bulks("1", "2"));
    assertThat(enc("b")).isEqualTo("$6\r\nintset\r\n");
    h.run("SADD", "c", "x");
    assertThat(h.run("SMOVE", "c", "d", "x")).isEqualTo(":1\r\n");
    assertThat(enc("d")).isEqualTo("$9\r\nhashtable\r\n");
  }

  @Test
  void srem_lastMember_deletesKey() {
    h.run("SADD", "s", "1", "2", "a");
    assertThat(h.run("SREM", "s", "1", "9", "2", "a", "b")).isEqualTo(":3\r\n");
    assertThat(h.run("EXISTS", "s")).isEqualTo(":0\r\n");
    assertThat(h.run("SREM", "s", "1")).isEqualTo(":0\r\n");
  }

  @Test
  void setAlgebra_resultsAndStoreEncodings() {
    h.run("SADD", "a", "1", "2", "3", "x");
    h.run("SADD", "b", "3", "2", "4");
    assertThat(h.run("SINTER", "b", "a")).isEqualTo(bulks("2", "3"));
    assertThat(h.run("SINTERCARD", "2", "a", "b")).isEqualTo(":2\r\n");
    assertThat(h.run("SINTERCARD", "2", "a", "b", "LIMIT", "1")).isEqualTo(":1\r\n");
    assertThat(h.run("SINTERCARD", "2", "a", "b", "limit", "0")).isEqualTo(":2\r\n");
    assertThat(h.run("SINTERSTORE", "d", "a", "b")).isEqualTo(":2\r\n");
    assertThat(enc("d")).as("a hashtable input, an all-integer result: intset").isEqualTo("$6\r\nintset\r\n");
    assertThat(h.run("SUNION", "b", "nokey")).isEqualTo(bulks("2", "3", "4"));
    assertThat(h.run("SDIFF", "b", "a")).isEqualTo(bulks("4"));
    assertThat(h.run("SDIFF", "b", "b")).isEqualTo("*0\r\n");
    assertThat(h.run("SDIFFSTORE", "d", "a", "b")).isEqualTo(":2\r\n");
    assertThat(enc("d")).isEqualTo("$9\r\nhashtable\r\n");
    assertThat(h.run("SUNIONSTORE", "d", "b")).isEqualTo(":3\r\n");
    assertThat(enc("d")).isEqualTo("$6\r\nintset\r\n");
    h.run("EXPIRE", "d", "100");
    assertThat(h.run("SUNIONSTORE", "d", "b")).isEqualTo(":3\r\n");
    assertThat(h.run("TTL", "d")).as("STORE drops the TTL").isEqualTo(":-1\r\n");
    assertThat(h.run("SINTERSTORE", "d", "a", "nokey")).isEqualTo(":0\r\n");
    assertThat(h.run("EXISTS", "d")).isEqualTo(":0\r\n");
    assertThat(h.run("SINTER", "a", "nokey")).isEqualTo("*0\r\n");
  }

  @Test
  void sdiff_algorithmTwo_convertsOnTheWay() {
    // Algorithm 2 (first set much larger than the rest) adds the whole first set, including
    // its non-integer member, before subtracting: the result is a hashtable although it ends up
    // all integers, as in Redis.
    h.run("SADD", "big", "1", "2", "3", "4", "5", "6", "7", "8", "x");
    h.run("SADD", "small", "x");
    h.run("SADD", "small2", "1");
    assertThat(h.run("SDIFFSTORE", "d", "big", "small", "small2")).isEqualTo(":7\r\n");
    assertThat(enc("d")).isEqualTo("$9\r\nhashtable\r\n");
    // Algorithm 1 (two inputs) only ever adds the surviving members: intset.
    assertThat(h.run("SDIFFSTORE", "d", "big", "small")).isEqualTo(":8\r\n");
    assertThat(enc("d")).isEqualTo("$6\r\nintset\r\n");
  }

  @Test
  void sscan_intset_allAtOnceCursorZero() {
    h.run("SADD", "s", "3", "1", "12");
    assertThat(h.run("SSCAN", "s", "5")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "3", "12"));
    assertThat(h.run("SSCAN", "s", "0", "MATCH", "1*", "COUNT", "1")).isEqualTo("*2\r\n$1\r\n0\r\n" + bulks("1", "12"));
  }

  @Test
  void sscan_hashtable_fullIterationSeesEveryMember() {
    for (int i = 0; i < 300; i++) {
      h.run("SADD", "s", "m" + i);
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    String cursor = "0";
    do {
      List<String> parts = SetRedisIT.elements(h.run("SSCAN", "s", cursor, "COUNT", "7"));
      cursor = parts.get(0);
      seen.addAll(parts.subList(1, parts.size()));
    } while (!cursor.equals("0"));
    assertThat(seen).hasSize(300);
  }

  @Test
  void spop_propagation_sremPerMemberOrDel() {
    h.run("SET", "warmup", "1");
    h.run("SADD", "s", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    List<String> one = log("SPOP", "s");
    assertThat(one).hasSize(1);
    assertThat(one.get(0)).startsWith("SREM s ");
    List<String> three = log("SPOP", "s", "3");
    assertThat(three).hasSize(5).first().isEqualTo("MULTI");
    assertThat(three.subList(1, 4)).allMatch(l -> l.startsWith("SREM s "));
    assertThat(three.get(4)).isEqualTo("EXEC");
    List<String> most = log("SPOP", "s", "5"); // case 3: the survivors are drawn into a new set
    assertThat(most).hasSize(7);
    assertThat(h.run("SCARD", "s")).isEqualTo(":1\r\n");
    assertThat(log("SPOP", "s", "5")).containsExactly("DEL s");
    assertThat(h.run("EXISTS", "s")).isEqualTo(":0\r\n");
    assertThat(log("SPOP", "s", "5")).isEmpty();
    h.run("SADD", "s", "1");
    assertThat(log("SPOP", "s", "0")).isEmpty();
  }

  @Test
  void spop_keepFewStrategy_survivorsGetAFreshEncoding() {
    h.run("CONFIG", "SET", "set-max-intset-entries", "4");
    h.run("SADD", "q", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(enc("q")).isEqualTo("$9\r\nhashtable\r\n");
    assertThat(SetRedisIT.elements(h.run("SPOP", "q", "9"))).hasSize(9).doesNotHaveDuplicates();
    assertThat(enc("q")).as("the one survivor is stored in a set created for it").isEqualTo("$6\r\nintset\r\n");
  }

  @Test
  void noOpWrites_notPropagated() {
    h.run("SET", "warmup", "1");
    h.run("SADD", "a", "1", "2");
    assertThat(log("SADD", "a", "1")).isEmpty();
    assertThat(log("SREM", "a", "9")).isEmpty();
    assertThat(log("SMOVE", "a", "a", "1")).isEmpty();
    assertThat(log("SMOVE", "a", "b", "9")).isEmpty();
    assertThat(log("SINTERSTORE", "d", "nokey", "a")).isEmpty();
    assertThat(log("SUNIONSTORE", "d", "nokey")).isEmpty();
    assertThat(log("SINTERSTORE", "d", "a", "a")).containsExactly("SINTERSTORE d a a");
    assertThat(log("SDIFFSTORE", "d", "a", "a")).containsExactly("SDIFFSTORE d a a");
  }

  @Test
  void srandmember_counts() {
    h.run("SADD", "s", "1", "2", "3");
    assertThat(h.run("SRANDMEMBER", "s", "3")).isEqualTo(bulks("1", "2", "3"));
    assertThat(SetRedisIT.elements(h.run("SRANDMEMBER", "s", "-7"))).hasSize(7).allMatch(m -> m.matches("[123]"));
    assertThat(SetRedisIT.elements(h.run("SRANDMEMBER", "s", "2"))).hasSize(2).doesNotHaveDuplicates();
    assertThat(h.run("SRANDMEMBER", "s", "0")).isEqualTo("*0\r\n");
  }

  @Test
  void copy_and_digestValue_sameAsOriginal() {
    h.run("SADD", "s", "1", "x");
    assertThat(h.run("COPY", "s", "c")).isEqualTo(":1\r\n");
    h.run("SREM", "s", "x");
    assertThat(h.run("SMEMBERS", "c")).contains("x");
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "c")).isNotEqualTo(h.run("DEBUG", "DIGEST-VALUE", "s"));
    h.run("SADD", "s", "x");
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "c")).isEqualTo(h.run("DEBUG", "DIGEST-VALUE", "s"));
  }
}
