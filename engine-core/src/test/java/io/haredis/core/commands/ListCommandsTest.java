package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** List commands through the command path: exact RESP2 and RESP3 replies and errors. */
class ListCommandsTest {

  private static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
  private static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
  private static final String SYNTAX = "-ERR syntax error\r\n";
  private static final String NIL = "$-1\r\n";
  private static final String NIL_ARRAY = "*-1\r\n";
  private static final String NULL3 = "_\r\n";
  private static final String EMPTY_ARRAY = "*0\r\n";

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    try {
      assertThat(noEmptyOrBrokenLists(h)).isTrue();
    } finally {
      h.close();
    }
  }

  /** Redis never keeps an empty list under a key; every stored list is structurally sound. */
  static boolean noEmptyOrBrokenLists(CommandHarness h) {
    return h.node().call(() -> {
      boolean[] ok = {true};
      for (int db = 0; db < h.node().keyspace().databases(); db++) {
        h.node().keyspace().db(db).dict().forEach(e -> {
          if (e.value() instanceof io.haredis.core.type.ListValue l) {
            ok[0] &= !l.isEmpty() && l.checkInvariants();
          }
        });
      }
      return ok[0];
    });
  }

  private static String bulk(String s) {
    return "$" + s.length() + "\r\n" + s + "\r\n";
  }

  private static String bulks(String... s) {
    StringBuilder sb = new StringBuilder("*" + s.length + "\r\n");
    for (String x : s) {
      sb.append(bulk(x));
    }
    return sb.toString();
  }

  private static String integer(long n) {
    return ":" + n + "\r\n";
  }

  private static String err(String text) {
    return "-" + text + "\r\n";
  }

  @Test
  void push_createsAndAppends_returnsLength() {
    assertThat(h.run("RPUSH", "l", "a", "b")).isEqualTo(integer(2));
    assertThat(h.run("LPUSH", "l", "x", "y")).isEqualTo(integer(4));
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("y", "x", "a", "b"));
    assertThat(h.run("TYPE", "l")).isEqualTo("+list\r\n");
    assertThat(h.run("OBJECT", "ENCODING", "l")).isEqualTo(bulk("quicklist"));
  }

  @Test
  void pushx_missingKey_zeroAndNoKey() {
    assertThat(h.run("LPUSHX", "l", "a")).isEqualTo(integer(0));
    assertThat(h.run("RPUSHX", "l", "a")).isEqualTo(integer(0));
    assertThat(h.run("EXISTS", "l")).isEqualTo(integer(0));
    h.run("RPUSH", "l", "a");
    assertThat(h.run("RPUSHX", "l", "b", "c")).isEqualTo(integer(3));
    assertThat(h.run("LPUSHX", "l", "z")).isEqualTo(integer(4));
  }

  @Test
  void anyCommand_onString_wrongType() {
    h.run("SET", "s", "v");
    for (Object[] cmd : new Object[][] {{"LPUSH", "s", "a"}, {"RPUSHX", "s", "a"}, {"LPOP", "s"},
        {"RPOP", "s", "0"}, {"LLEN", "s"}, {"LINDEX", "s", "0"}, {"LSET", "s", "0", "a"},
        {"LRANGE", "s", "0", "1"}, {"LTRIM", "s", "0", "1"}, {"LREM", "s", "0", "a"},
        {"LINSERT", "s", "BEFORE", "a", "b"}, {"LPOS", "s", "a"}, {"LMOVE", "s", "d", "LEFT", "RIGHT"},
        {"RPOPLPUSH", "s", "d"}, {"LMPOP", "1", "s", "LEFT"}}) {
      assertThat(h.run(cmd)).as(String.join(" ", java.util.Arrays.stream(cmd).map(String::valueOf).toList()))
          .isEqualTo(WRONGTYPE);
    }
  }

  @Test
  void pop_singleAndCount_resp2AndResp3Nulls() {
    assertThat(h.run("LPOP", "l")).isEqualTo(NIL);
    assertThat(h.run("LPOP", "l", "2")).isEqualTo(NIL_ARRAY);
    assertThat(h.run("RPOP", "l", "0")).isEqualTo(NIL_ARRAY);
    h.run("RPUSH", "l", "a", "b", "c", "d");
    assertThat(h.run("LPOP", "l", "0")).isEqualTo(EMPTY_ARRAY);
    assertThat(h.run("LPOP", "l")).isEqualTo(bulk("a"));
    assertThat(h.run("RPOP", "l", "2")).isEqualTo(bulks("d", "c"));
    assertThat(h.run("LPOP", "l", "10")).isEqualTo(bulks("b"));
    assertThat(h.run("EXISTS", "l")).isEqualTo(integer(0));
    h.run("HELLO", "3");
    assertThat(h.run("LPOP", "l")).isEqualTo(NULL3);
    assertThat(h.run("LPOP", "l", "1")).isEqualTo(NULL3);
  }

  @Test
  void pop_badCount_errors() {
    assertThat(h.run("LPOP", "l", "-1")).isEqualTo(err("ERR value is out of range, must be positive"));
    assertThat(h.run("LPOP", "l", "x")).isEqualTo(err("ERR value is out of range, must be positive"));
    assertThat(h.run("RPOP", "l", "1", "2")).isEqualTo(err("ERR wrong number of arguments for 'rpop' command"));
  }

  @Test
  void lindexAndLset_indexRules() {
    assertThat(h.run("LINDEX", "l", "x")).isEqualTo(NIL);
    assertThat(h.run("LSET", "l", "x", "v")).isEqualTo(err("ERR no such key"));
    h.run("RPUSH", "l", "a", "b", "c");
    assertThat(h.run("LINDEX", "l", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("LINDEX", "l", "-1")).isEqualTo(bulk("c"));
    assertThat(h.run("LINDEX", "l", "3")).isEqualTo(NIL);
    assertThat(h.run("LINDEX", "l", "-4")).isEqualTo(NIL);
    assertThat(h.run("LSET", "l", "-3", "z")).isEqualTo("+OK\r\n");
    assertThat(h.run("LSET", "l", "3", "z")).isEqualTo(err("ERR index out of range"));
    assertThat(h.run("LSET", "l", "y", "z")).isEqualTo(NOT_INT);
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("z", "b", "c"));
  }

  @Test
  void lrangeAndLtrim_rangeRules() {
    assertThat(h.run("LRANGE", "l", "x", "1")).isEqualTo(NOT_INT);
    assertThat(h.run("LRANGE", "l", "0", "1")).isEqualTo(EMPTY_ARRAY);
    assertThat(h.run("LTRIM", "l", "0", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("LTRIM", "l", "0", "1")).isEqualTo("+OK\r\n");
    h.run("RPUSH", "l", "a", "b", "c", "d", "e");
    assertThat(h.run("LRANGE", "l", "-100", "1")).isEqualTo(bulks("a", "b"));
    assertThat(h.run("LRANGE", "l", "3", "100")).isEqualTo(bulks("d", "e"));
    assertThat(h.run("LRANGE", "l", "3", "2")).isEqualTo(EMPTY_ARRAY);
    assertThat(h.run("LRANGE", "l", "-9223372036854775808", "9223372036854775807"))
        .isEqualTo(bulks("a", "b", "c", "d", "e"));
    assertThat(h.run("LTRIM", "l", "1", "-2")).isEqualTo("+OK\r\n");
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("b", "c", "d"));
    assertThat(h.run("LTRIM", "l", "5", "10")).isEqualTo("+OK\r\n");
    assertThat(h.run("EXISTS", "l")).isEqualTo(integer(0));
  }

  @Test
  void lrem_directionsAndCounts() {
    h.run("RPUSH", "l", "a", "x", "a", "y", "a", "a");
    assertThat(h.run("LREM", "l", "x", "a")).isEqualTo(NOT_INT);
    assertThat(h.run("LREM", "l", "-2", "a")).isEqualTo(integer(2));
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "x", "a", "y"));
    assertThat(h.run("LREM", "l", "1", "a")).isEqualTo(integer(1));
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("x", "a", "y"));
    assertThat(h.run("LREM", "l", "0", "zz")).isEqualTo(integer(0));
    assertThat(h.run("LREM", "l", "-9223372036854775808", "a")).isEqualTo(integer(1));
    h.run("LREM", "l", "0", "x");
    assertThat(h.run("LREM", "l", "0", "y")).isEqualTo(integer(1));
    assertThat(h.run("EXISTS", "l")).isEqualTo(integer(0));
    assertThat(h.run("LREM", "l", "0", "y")).isEqualTo(integer(0));
  }

  @Test
  void linsert_pivotRules() {
    assertThat(h.run("LINSERT", "l", "MIDDLE", "a", "b")).isEqualTo(SYNTAX);
    assertThat(h.run("LINSERT", "l", "BEFORE", "a", "b")).isEqualTo(integer(0));
    h.run("RPUSH", "l", "a", "c");
    assertThat(h.run("LINSERT", "l", "before", "c", "b")).isEqualTo(integer(3));
    assertThat(h.run("LINSERT", "l", "AFTER", "c", "d")).isEqualTo(integer(4));
    assertThat(h.run("LINSERT", "l", "AFTER", "zz", "d")).isEqualTo(integer(-1));
    assertThat(h.run("LRANGE", "l", "0", "-1")).isEqualTo(bulks("a", "b", "c", "d"));
  }

  @Test
  void lpos_optionsAndErrors() {
    h.run("RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c");
    assertThat(h.run("LPOS", "l", "c")).isEqualTo(integer(2));
    assertThat(h.run("LPOS", "l", "c", "RANK", "2")).isEqualTo(integer(6));
    assertThat(h.run("LPOS", "l", "c", "RANK", "-1")).isEqualTo(integer(7));
    assertThat(h.run("LPOS", "l", "c", "COUNT", "0")).isEqualTo("*3\r\n:2\r\n:6\r\n:7\r\n");
    assertThat(h.run("LPOS", "l", "c", "COUNT", "2", "RANK", "-1")).isEqualTo("*2\r\n:7\r\n:6\r\n");
    assertThat(h.run("LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7")).isEqualTo("*2\r\n:2\r\n:6\r\n");
    assertThat(h.run("LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1")).isEqualTo(integer(7));
    assertThat(h.run("LPOS", "l", "zz")).isEqualTo(NIL);
    assertThat(h.run("LPOS", "l", "zz", "COUNT", "1")).isEqualTo(EMPTY_ARRAY);
    assertThat(h.run("LPOS", "nokey", "zz")).isEqualTo(NIL);
    assertThat(h.run("LPOS", "nokey", "zz", "COUNT", "1")).isEqualTo(EMPTY_ARRAY);
    assertThat(h.run("LPOS", "l", "c", "RANK", "-9223372036854775808")).isEqualTo(integer(7));
    assertThat(h.run("LPOS", "l", "c", "RANK", "0")).isEqualTo(err("ERR RANK can't be zero: use 1 to start "
        + "from the first match, 2 from the second ... or use negative to start from the end of the list"));
    assertThat(h.run("LPOS", "l", "c", "RANK", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("LPOS", "l", "c", "COUNT", "x")).isEqualTo(err("ERR COUNT can't be negative"));
    assertThat(h.run("LPOS", "l", "c", "COUNT", "-1")).isEqualTo(err("ERR COUNT can't be negative"));
    assertThat(h.run("LPOS", "l", "c", "MAXLEN", "-1")).isEqualTo(err("ERR MAXLEN can't be negative"));
    assertThat(h.run("LPOS", "l", "c", "COUNT")).isEqualTo(SYNTAX);
    assertThat(h.run("LPOS", "l", "c", "FOO", "1")).isEqualTo(SYNTAX);
    h.run("HELLO", "3");
    assertThat(h.run("LPOS", "l", "zz")).isEqualTo(NULL3);
  }

  @Test
  void lmoveAndRpoplpush_moveAndRotate() {
    assertThat(h.run("LMOVE", "s", "d", "UP", "LEFT")).isEqualTo(SYNTAX);
    assertThat(h.run("LMOVE", "s", "d", "LEFT", "RIGHT")).isEqualTo(NIL);
    h.run("RPUSH", "s", "a", "b", "c");
    assertThat(h.run("LMOVE", "s", "s", "LEFT", "RIGHT")).isEqualTo(bulk("a"));
    assertThat(h.run("LRANGE", "s", "0", "-1")).isEqualTo(bulks("b", "c", "a"));
    assertThat(h.run("RPOPLPUSH", "s", "d")).isEqualTo(bulk("a"));
    assertThat(h.run("LMOVE", "s", "d", "right", "right")).isEqualTo(bulk("c"));
    assertThat(h.run("LRANGE", "d", "0", "-1")).isEqualTo(bulks("a", "c"));
    h.run("SET", "str", "x");
    assertThat(h.run("LMOVE", "s", "str", "LEFT", "LEFT")).isEqualTo(WRONGTYPE);
    assertThat(h.run("LLEN", "s")).isEqualTo(integer(1));
    assertThat(h.run("RPOPLPUSH", "s", "d")).isEqualTo(bulk("b"));
    assertThat(h.run("EXISTS", "s")).isEqualTo(integer(0));
    h.run("RPUSH", "one", "x");
    assertThat(h.run("RPOPLPUSH", "one", "one")).isEqualTo(bulk("x"));
    assertThat(h.run("LRANGE", "one", "0", "-1")).isEqualTo(bulks("x"));
  }

  @Test
  void lmpop_keysInOrder_keyAndElements() {
    assertThat(h.run("LMPOP", "1", "a", "LEFT")).isEqualTo(NIL_ARRAY);
    h.run("RPUSH", "b", "1", "2", "3");
    assertThat(h.run("LMPOP", "2", "a", "b", "LEFT")).isEqualTo("*2\r\n" + bulk("b") + bulks("1"));
    assertThat(h.run("LMPOP", "2", "a", "b", "RIGHT", "COUNT", "5")).isEqualTo("*2\r\n" + bulk("b") + bulks("3", "2"));
    assertThat(h.run("EXISTS", "b")).isEqualTo(integer(0));
    h.run("HELLO", "3");
    assertThat(h.run("LMPOP", "1", "a", "LEFT")).isEqualTo(NULL3);
  }

  @Test
  void lmpop_badArguments_redisErrors() {
    assertThat(h.run("LMPOP", "0", "a", "LEFT")).isEqualTo(err("ERR numkeys should be greater than 0"));
    assertThat(h.run("LMPOP", "x", "a", "LEFT")).isEqualTo(err("ERR numkeys should be greater than 0"));
    assertThat(h.run("LMPOP", "9223372036854775807", "a", "LEFT")).isEqualTo(SYNTAX);
    assertThat(h.run("LMPOP", "2", "a", "LEFT")).isEqualTo(SYNTAX);
    assertThat(h.run("LMPOP", "1", "a", "MIDDLE")).isEqualTo(SYNTAX);
    assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT", "0")).isEqualTo(err("ERR count should be greater than 0"));
    assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
    assertThat(h.run("LMPOP", "1", "a", "LEFT", "COUNT")).isEqualTo(SYNTAX);
    h.run("SET", "s", "x");
    h.run("RPUSH", "l", "x");
    assertThat(h.run("LMPOP", "2", "s", "l", "LEFT")).isEqualTo(WRONGTYPE);
    assertThat(h.run("LMPOP", "2", "l", "s", "LEFT")).isEqualTo("*2\r\n" + bulk("l") + bulks("x"));
  }

  @Test
  void copyAndDebugDigestValue_listsSupported() {
    h.run("RPUSH", "l", "a", "b");
    assertThat(h.run("COPY", "l", "c")).isEqualTo(integer(1));
    h.run("RPUSH", "l", "z");
    assertThat(h.run("LRANGE", "c", "0", "-1")).isEqualTo(bulks("a", "b"));
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "c")).isNotEqualTo(h.run("DEBUG", "DIGEST-VALUE", "l"));
  }
}
