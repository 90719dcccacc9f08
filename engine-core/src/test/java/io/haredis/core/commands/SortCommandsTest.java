package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SORT and SORT_RO through the harness. Every expected reply below was recorded from
 * redis-server 7.0.15 running the same script on an empty database (errno reset between
 * scripts: 7.0 checks a stale {@code errno} after {@code strtod}, so one out-of-range value can
 * make later numeric sorts on the same server fail; haredis does not reproduce that bug).
 */
class SortCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** Runs pairs of (command, expected RESP) in order. */
  private void check(Object... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      String[] cmd = (String[]) pairs[i];
      assertThat(h.run((Object[]) cmd)).as(String.join(" ", cmd)).isEqualTo(pairs[i + 1]);
    }
  }

  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  @Test
  void sort_listNumericAndAlpha_ordersLikeRedis() {
    check(

        new String[] {"RPUSH", "l", "3", "1", "2", "10", "1.5"}, ":5\r\n",
        new String[] {"SORT", "l"}, "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n",
        new String[] {"SORT", "l", "DESC"}, "*5\r\n$2\r\n10\r\n$1\r\n3\r\n$1\r\n2\r\n$3\r\n1.5\r\n$1\r\n1\r\n",
        new String[] {"SORT", "l", "ALPHA"}, "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n",
        new String[] {"SORT", "l", "asc", "desc", "Alpha"}, "*5\r\n$1\r\n3\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n",
        new String[] {"RPUSH", "n", "1.0", "01", "1", " 2", "0x10", "inf", "-inf", "", "+3", "1e2"}, ":10\r\n",
        new String[] {"SORT", "n"}, "*10\r\n$4\r\n-inf\r\n$0\r\n\r\n$2\r\n01\r\n$1\r\n1\r\n$3\r\n1.0\r\n$2\r\n 2\r\n$2\r\n+3\r\n$4\r\n0x10\r\n$3\r\n1e2\r\n$3\r\ninf\r\n",
        new String[] {"SORT", "n", "DESC"}, "*10\r\n$3\r\ninf\r\n$3\r\n1e2\r\n$4\r\n0x10\r\n$2\r\n+3\r\n$2\r\n 2\r\n$3\r\n1.0\r\n$1\r\n1\r\n$2\r\n01\r\n$0\r\n\r\n$4\r\n-inf\r\n",
        new String[] {"SORT", "n", "ALPHA", "DESC"}, "*10\r\n$3\r\ninf\r\n$3\r\n1e2\r\n$3\r\n1.0\r\n$1\r\n1\r\n$4\r\n0x10\r\n$2\r\n01\r\n$4\r\n-inf\r\n$2\r\n+3\r\n$2\r\n 2\r\n$0\r\n\r\n");
  }

  @Test
  void sort_limit_clampsLikeRedis() {
    check(

        new String[] {"RPUSH", "l", "3", "1", "2", "10", "1.5"}, ":5\r\n",
        new String[] {"SORT", "l", "LIMIT", "1", "2"}, "*2\r\n$3\r\n1.5\r\n$1\r\n2\r\n",
        new String[] {"SORT", "l", "LIMIT", "-5", "2"}, "*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n",
        new String[] {"SORT", "l", "LIMIT", "10", "2"}, "*0\r\n",
        new String[] {"SORT", "l", "LIMIT", "2", "-1"}, "*3\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n",
        new String[] {"SORT", "l", "LIMIT", "0", "0"}, "*0\r\n",
        new String[] {"SORT", "l", "LIMIT", "1", "9223372036854775807"}, "*4\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n",
        new String[] {"SORT", "l", "LIMIT", "0", "9223372036854775807"}, "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n",
        new String[] {"SORT", "l", "ALPHA", "LIMIT", "-1", "-1"}, "*5\r\n$1\r\n1\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n3\r\n",
        new String[] {"SORT", "l", "LIMIT", "x", "0"}, "-ERR value is not an integer or out of range\r\n",
        new String[] {"SORT", "l", "LIMIT", "1"}, "-ERR syntax error\r\n");
  }

  @Test
  void sort_badArguments_errors() {
    check(

        new String[] {"SET", "str", "x"}, "+OK\r\n",
        new String[] {"RPUSH", "l", "1"}, ":1\r\n",
        new String[] {"SORT", "str"}, "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n",
        new String[] {"SORT_RO", "l", "STORE", "x"}, "-ERR syntax error\r\n",
        new String[] {"SORT", "l", "FOO"}, "-ERR syntax error\r\n",
        new String[] {"SORT", "l", "BY"}, "-ERR syntax error\r\n",
        new String[] {"SORT", "l", "GET"}, "-ERR syntax error\r\n",
        new String[] {"SORT", "l", "STORE"}, "-ERR syntax error\r\n",
        new String[] {"SORT", "str", "FOO"}, "-ERR syntax error\r\n",
        new String[] {"RPUSH", "bad", "a", "1"}, ":2\r\n",
        new String[] {"SORT", "bad"}, "-ERR One or more scores can't be converted into double\r\n",
        new String[] {"RPUSH", "nan", "nan"}, ":1\r\n",
        new String[] {"SORT", "nan"}, "-ERR One or more scores can't be converted into double\r\n",
        new String[] {"RPUSH", "t", "2 "}, ":1\r\n",
        new String[] {"SORT", "t"}, "-ERR One or more scores can't be converted into double\r\n",
        new String[] {"RPUSH", "e", "1e400"}, ":1\r\n",
        new String[] {"SORT", "e"}, "-ERR One or more scores can't be converted into double\r\n");
  }

  @Test
  void sort_byAndGetPatterns_lookUpStringsAndHashFields() {
    check(

        new String[] {"RPUSH", "l", "3", "1", "2", "10", "1.5"}, ":5\r\n",
        new String[] {"MSET", "w_3", "30", "w_1", "10", "w_2", "5", "w_10", "-1"}, "+OK\r\n",
        new String[] {"HSET", "h_3", "f", "c", "g", "z"}, ":2\r\n",
        new String[] {"HSET", "h_1", "f", "a"}, ":1\r\n",
        new String[] {"SORT", "l", "BY", "w_*", "GET", "#", "GET", "w_*", "GET", "h_*->f", "GET", "nostar"}, "*20\r\n$2\r\n10\r\n$2\r\n-1\r\n$-1\r\n$-1\r\n$3\r\n1.5\r\n$-1\r\n$-1\r\n$-1\r\n$1\r\n2\r\n$1\r\n5\r\n$-1\r\n$-1\r\n$1\r\n1\r\n$2\r\n10\r\n$1\r\na\r\n$-1\r\n$1\r\n3\r\n$2\r\n30\r\n$1\r\nc\r\n$-1\r\n",
        new String[] {"SORT", "l", "BY", "h_*->f", "ALPHA"}, "*5\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n$1\r\n1\r\n$1\r\n3\r\n",
        new String[] {"SORT", "l", "BY", "h_*->f", "ALPHA", "DESC", "STORE", "out"}, ":5\r\n",
        new String[] {"LRANGE", "out", "0", "-1"}, "*5\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n",
        new String[] {"SORT", "l", "GET", "h_*->f", "STORE", "out3"}, ":5\r\n",
        new String[] {"LRANGE", "out3", "0", "-1"}, "*5\r\n$1\r\na\r\n$0\r\n\r\n$0\r\n\r\n$1\r\nc\r\n$0\r\n\r\n",
        new String[] {"SADD", "ints", "5", "-3", "100", "7"}, ":4\r\n",
        new String[] {"SORT", "ints", "BY", "k_*->x"}, "*4\r\n$2\r\n-3\r\n$3\r\n100\r\n$1\r\n5\r\n$1\r\n7\r\n",
        new String[] {"SET", "k_5", "five"}, "+OK\r\n",
        new String[] {"SORT", "ints", "BY", "k_*", "ALPHA", "GET", "k_*"}, "*4\r\n$-1\r\n$-1\r\n$-1\r\n$4\r\nfive\r\n",
        new String[] {"HSET", "hh_5", "x", "9"}, ":1\r\n",
        new String[] {"SORT", "ints", "BY", "hh_*->x", "DESC"}, "*4\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n$2\r\n-3\r\n",
        new String[] {"SORT", "ints", "BY", "hh_*->", "DESC"}, "*4\r\n$1\r\n7\r\n$1\r\n5\r\n$3\r\n100\r\n$2\r\n-3\r\n",
        new String[] {"SET", "hh_5->", "1"}, "+OK\r\n",
        new String[] {"SORT", "ints", "BY", "hh_*->", "DESC"}, "*4\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n$2\r\n-3\r\n",
        new String[] {"SORT", "ints", "GET", "#\u0000zz"}, "*4\r\n$2\r\n-3\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n",
        new String[] {"SORT", "ints", "GET", "hh_*->x", "GET", "#", "LIMIT", "0", "2", "DESC"}, "*4\r\n$-1\r\n$3\r\n100\r\n$-1\r\n$1\r\n7\r\n",
        new String[] {"SORT", "ints", "BY", "hh_*->x", "DESC", "LIMIT", "1", "2"}, "*2\r\n$1\r\n7\r\n$3\r\n100\r\n",
        new String[] {"SORT_RO", "ints", "BY", "w_*", "GET", "#"}, "*4\r\n$2\r\n-3\r\n$3\r\n100\r\n$1\r\n5\r\n$1\r\n7\r\n",
        new String[] {"SORT", "l", "BY", "h_*->g", "GET", "h_*->g", "GET", "h_*->f"}, "-ERR One or more scores can't be converted into double\r\n");
  }

  @Test
  void sort_nosort_keepsNativeOrderOrSortsSetsWhenStoring() {
    check(

        new String[] {"RPUSH", "l", "3", "1", "2", "10", "1.5"}, ":5\r\n",
        new String[] {"SORT", "l", "BY", "nosort", "DESC", "LIMIT", "1", "2"}, "*2\r\n$2\r\n10\r\n$1\r\n2\r\n",
        new String[] {"SORT", "l", "BY", "nosort"}, "*5\r\n$1\r\n3\r\n$1\r\n1\r\n$1\r\n2\r\n$2\r\n10\r\n$3\r\n1.5\r\n",
        new String[] {"SORT", "l", "BY", "nosort", "DESC"}, "*5\r\n$3\r\n1.5\r\n$2\r\n10\r\n$1\r\n2\r\n$1\r\n1\r\n$1\r\n3\r\n",
        new String[] {"SORT", "l", "BY", "nosort", "LIMIT", "3", "100"}, "*2\r\n$2\r\n10\r\n$3\r\n1.5\r\n",
        new String[] {"SADD", "ints", "5", "-3", "100", "7"}, ":4\r\n",
        new String[] {"SORT", "ints", "BY", "nosort"}, "*4\r\n$2\r\n-3\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n",
        new String[] {"SORT", "ints", "BY", "nosort", "DESC", "LIMIT", "1", "2"}, "*2\r\n$1\r\n5\r\n$1\r\n7\r\n",
        new String[] {"SORT", "ints", "BY", "nosort", "GET", "#", "GET", "k_*"}, "*8\r\n$2\r\n-3\r\n$-1\r\n$1\r\n5\r\n$-1\r\n$1\r\n7\r\n$-1\r\n$3\r\n100\r\n$-1\r\n",
        new String[] {"SADD", "s", "5", "3", "x", "1"}, ":4\r\n",
        new String[] {"SORT", "s", "BY", "nosort", "STORE", "out2"}, ":4\r\n",
        new String[] {"LRANGE", "out2", "0", "-1"}, "*4\r\n$1\r\n1\r\n$1\r\n3\r\n$1\r\n5\r\n$1\r\nx\r\n",
        new String[] {"SORT", "s", "BY", "nosort", "DESC", "STORE", "out2"}, ":4\r\n",
        new String[] {"LRANGE", "out2", "0", "-1"}, "*4\r\n$1\r\nx\r\n$1\r\n5\r\n$1\r\n3\r\n$1\r\n1\r\n",
        new String[] {"ZADD", "zz", "3", "x", "1", "y", "2", "w"}, ":3\r\n",
        new String[] {"SORT", "zz", "BY", "nosort"}, "*3\r\n$1\r\ny\r\n$1\r\nw\r\n$1\r\nx\r\n",
        new String[] {"SORT", "zz", "BY", "nosort", "LIMIT", "1", "1"}, "*1\r\n$1\r\nw\r\n",
        new String[] {"SORT", "zz", "BY", "nosort", "DESC"}, "*3\r\n$1\r\nx\r\n$1\r\nw\r\n$1\r\ny\r\n",
        new String[] {"SORT", "zz", "BY", "nosort", "DESC", "LIMIT", "1", "1"}, "*1\r\n$1\r\nw\r\n",
        new String[] {"SORT", "zz", "BY", "nosort", "STORE", "zst"}, ":3\r\n",
        new String[] {"LRANGE", "zst", "0", "-1"}, "*3\r\n$1\r\ny\r\n$1\r\nw\r\n$1\r\nx\r\n");
  }

  @Test
  void sort_store_storesListOrDeletesDestination() {
    check(

        new String[] {"SET", "str", "x"}, "+OK\r\n",
        new String[] {"SORT", "nokey"}, "*0\r\n",
        new String[] {"SORT", "nokey", "STORE", "str"}, ":0\r\n",
        new String[] {"EXISTS", "str"}, ":0\r\n",
        new String[] {"SADD", "ints", "5", "-3", "100", "7"}, ":4\r\n",
        new String[] {"SORT", "ints", "STORE", "a", "STORE", "b"}, ":4\r\n",
        new String[] {"EXISTS", "a"}, ":0\r\n",
        new String[] {"LRANGE", "b", "0", "-1"}, "*4\r\n$2\r\n-3\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n",
        new String[] {"OBJECT", "ENCODING", "b"}, "$9\r\nquicklist\r\n",
        new String[] {"SORT", "ints", "STORE", "ints"}, ":4\r\n",
        new String[] {"TYPE", "ints"}, "+list\r\n",
        new String[] {"LRANGE", "ints", "0", "-1"}, "*4\r\n$2\r\n-3\r\n$1\r\n5\r\n$1\r\n7\r\n$3\r\n100\r\n",
        new String[] {"SORT", "ints", "LIMIT", "0", "0", "STORE", "ints"}, ":0\r\n",
        new String[] {"EXISTS", "ints"}, ":0\r\n",
        new String[] {"RPUSH", "bad", "a", "1"}, ":2\r\n",
        new String[] {"SORT", "bad", "ALPHA", "STORE", "dst"}, ":2\r\n",
        new String[] {"SORT", "bad", "STORE", "dst"}, "-ERR One or more scores can't be converted into double\r\n",
        new String[] {"LRANGE", "dst", "0", "-1"}, "*2\r\n$1\r\n1\r\n$1\r\na\r\n");
  }

  @Test
  void sort_alpha_stopsAtNulWithoutStoreAndComparesBinaryWithStore() {
    check(

        new String[] {"RPUSH", "z0", "a\u0000b", "a\u0000a", "a", "1\u0000x"}, ":4\r\n",
        new String[] {"SORT", "z0", "ALPHA"}, "*4\r\n$3\r\n1\u0000x\r\n$3\r\na\u0000b\r\n$3\r\na\u0000a\r\n$1\r\na\r\n",
        new String[] {"SORT", "z0", "ALPHA", "STORE", "z0s"}, ":4\r\n",
        new String[] {"LRANGE", "z0s", "0", "-1"}, "*4\r\n$3\r\n1\u0000x\r\n$1\r\na\r\n$3\r\na\u0000a\r\n$3\r\na\u0000b\r\n",
        new String[] {"SADD", "big", "b", "a", "c", "10", "9"}, ":5\r\n",
        new String[] {"SORT", "big", "ALPHA"}, "*5\r\n$2\r\n10\r\n$1\r\n9\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n",
        new String[] {"SORT", "big", "ALPHA", "LIMIT", "1", "2"}, "*2\r\n$1\r\n9\r\n$1\r\na\r\n",
        new String[] {"SORT", "big", "ALPHA", "DESC"}, "*5\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\n9\r\n$2\r\n10\r\n");
  }

  @Test
  void sort_sortedSet_sortsMembersAndConvertsToSkiplist() {
    check(

        new String[] {"ZADD", "z", "1", "b", "2", "a", "3", "c"}, ":3\r\n",
        new String[] {"OBJECT", "ENCODING", "z"}, "$8\r\nlistpack\r\n",
        new String[] {"SORT", "z", "ALPHA"}, "*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n",
        new String[] {"OBJECT", "ENCODING", "z"}, "$8\r\nskiplist\r\n",
        new String[] {"SORT", "z", "BY", "nosort", "DESC", "LIMIT", "1", "5"}, "*2\r\n$1\r\na\r\n$1\r\nb\r\n",
        new String[] {"ZADD", "zn", "1", "10", "2", "9", "3", "-1"}, ":3\r\n",
        new String[] {"SORT", "zn"}, "*3\r\n$2\r\n-1\r\n$1\r\n9\r\n$2\r\n10\r\n",
        new String[] {"SORT_RO", "zn", "DESC"}, "*3\r\n$2\r\n10\r\n$1\r\n9\r\n$2\r\n-1\r\n");
  }

  /** Ties under ALPHA BY: a full range keeps input order, a narrowing LIMIT follows pqsort. */
  @Test
  void sort_alphaByTies_stableWhenFullPartialQuicksortWhenLimited() {
    check(
        new String[] {"RPUSH", "L", "0", "1", "2", "3", "4", "5", "6", "7"}, ":8\r\n",
        new String[] {"MSET", "w_0", "b", "w_3", "a", "w_5", "a", "w_6", "c", "w_7", "c"}, "+OK\r\n",
        new String[] {"SORT", "L", "BY", "w_*", "ALPHA", "LIMIT", "1", "5"},
        "*5\r\n$1\r\n2\r\n$1\r\n4\r\n$1\r\n5\r\n$1\r\n3\r\n$1\r\n0\r\n",
        new String[] {"SORT", "L", "BY", "w_*", "ALPHA"},
        "*8\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n4\r\n$1\r\n3\r\n$1\r\n5\r\n$1\r\n0\r\n$1\r\n6\r\n$1\r\n7\r\n",
        new String[] {"SORT", "L", "BY", "w_*", "ALPHA", "DESC", "LIMIT", "0", "4"},
        "*4\r\n$1\r\n6\r\n$1\r\n7\r\n$1\r\n0\r\n$1\r\n3\r\n",
        new String[] {"SORT", "L", "BY", "w_*", "ALPHA", "DESC"},
        "*8\r\n$1\r\n6\r\n$1\r\n7\r\n$1\r\n0\r\n$1\r\n3\r\n$1\r\n5\r\n$1\r\n1\r\n$1\r\n2\r\n$1\r\n4\r\n");
  }

  /** start + count - 1 past Long.MAX_VALUE: 7.0.15 clamps it like any other too-large end. */
  @Test
  void sort_limitCountOverflowing_clampsToTheEnd() {
    check(
        new String[] {"RPUSH", "l", "3", "1", "2", "10", "1.5"}, ":5\r\n",
        new String[] {"SORT", "l", "LIMIT", "2", "9223372036854775807"}, "*3\r\n$1\r\n2\r\n$1\r\n3\r\n$2\r\n10\r\n",
        new String[] {"SORT", "l", "BY", "nosort", "LIMIT", "4", "9223372036854775807", "DESC"}, "*1\r\n$1\r\n3\r\n",
        new String[] {"SORT", "l", "LIMIT", "9223372036854775807", "9223372036854775807"}, "*0\r\n",
        new String[] {"SORT", "l", "LIMIT", "-9223372036854775808", "2"}, "*2\r\n$1\r\n1\r\n$3\r\n1.5\r\n",
        new String[] {"SORT", "l", "BY", "w_*", "LIMIT", "3", "9223372036854775807"}, "*2\r\n$1\r\n2\r\n$1\r\n3\r\n");
  }

  /** The sorted key and every BY/GET lookup count as keyspace hits or misses, as in Redis. */
  @Test
  void sort_patternLookups_countKeyspaceHitsAndMisses() {
    h.run("RPUSH", "l", "3", "1", "2");
    h.run("SET", "w_1", "5");
    h.run("CONFIG", "RESETSTAT");
    assertThat(h.run("SORT", "l", "BY", "w_*", "GET", "w_*")).isEqualTo("*3\r\n$-1\r\n$-1\r\n$1\r\n5\r\n");
    String info = h.run("INFO", "stats");
    assertThat(info).contains("keyspace_hits:3\r\n").contains("keyspace_misses:4\r\n");
  }

  @Test
  void sort_resp3MissingGet_repliesNull() {
    h.run("HELLO", "3");
    check(
        new String[] {"RPUSH", "l", "2", "1"}, ":2\r\n",
        new String[] {"SET", "k_2", "two"}, "+OK\r\n",
        new String[] {"SORT", "l", "GET", "k_*", "GET", "#"}, "*4\r\n_\r\n$1\r\n1\r\n$3\r\ntwo\r\n$1\r\n2\r\n");
  }

  @Test
  void sortStore_propagatesVerbatimOnlyWhenSomethingChanged() {
    h.run("RPUSH", "l", "2", "1");
    assertThat(log("SORT", "l", "STORE", "d")).isNotEmpty().last().asString().contains("SORT");
    assertThat(log("SORT", "l")).isEmpty();
    assertThat(log("SORT_RO", "l")).isEmpty();
    assertThat(log("SORT", "missing", "STORE", "nothere")).isEmpty();
    assertThat(log("SORT", "missing", "STORE", "d")).isNotEmpty();
    assertThat(h.run("EXISTS", "d")).isEqualTo(":0\r\n");
  }

  @Test
  void commandGetkeys_sort_reportsSourceAndStore() {
    assertThat(h.run("COMMAND", "GETKEYS", "SORT", "l", "BY", "w_*", "STORE", "dst"))
        .isEqualTo("*2\r\n$1\r\nl\r\n$3\r\ndst\r\n");
  }
}
