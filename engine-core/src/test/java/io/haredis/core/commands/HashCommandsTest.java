package io.haredis.core.commands;

import static io.haredis.core.commands.StringTestSupport.NIL;
import static io.haredis.core.commands.StringTestSupport.NOT_FLOAT;
import static io.haredis.core.commands.StringTestSupport.NOT_INT;
import static io.haredis.core.commands.StringTestSupport.OK;
import static io.haredis.core.commands.StringTestSupport.SYNTAX;
import static io.haredis.core.commands.StringTestSupport.bulk;
import static io.haredis.core.commands.StringTestSupport.err;
import static io.haredis.core.commands.StringTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hash commands through the command table, replies compared with redis-server 7.0.15's bytes. */
class HashCommandsTest {

  private static final String WRONGTYPE =
      "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String arr(String... items) {
    StringBuilder sb = new StringBuilder("*").append(items.length).append("\r\n");
    for (String s : items) {
      sb.append(s == null ? NIL : bulk(s));
    }
    return sb.toString();
  }

  /** The bulk strings of a flat RESP2 array reply. */
  private static List<String> items(String resp) {
    String[] parts = resp.split("\r\n");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      if (parts[i].startsWith("$")) {
        out.add(parts[++i]);
      }
    }
    return out;
  }

  @Test
  void hset_newAndUpdatedFields_countsOnlyNew() {
    assertThat(h.run("HSET", "h", "a", "1", "b", "2")).isEqualTo(integer(2));
    assertThat(h.run("HSET", "h", "a", "10", "c", "3")).isEqualTo(integer(1));
    assertThat(h.run("HGET", "h", "a")).isEqualTo(bulk("10"));
    assertThat(h.run("HGET", "h", "zz")).isEqualTo(NIL);
    assertThat(h.run("HGET", "nokey", "a")).isEqualTo(NIL);
    assertThat(h.run("HLEN", "h")).isEqualTo(integer(3));
    assertThat(h.run("TYPE", "h")).isEqualTo("+hash\r\n");
  }

  @Test
  void hset_oddArguments_arityError() {
    assertThat(h.run("HSET", "h", "a", "1", "b")).isEqualTo(err("ERR wrong number of arguments for 'hset' command"));
    assertThat(h.run("HMSET", "h", "a", "1", "b")).isEqualTo(err("ERR wrong number of arguments for 'hmset' command"));
    assertThat(h.run("HSET", "h", "a")).isEqualTo(err("ERR wrong number of arguments for 'hset' command"));
    assertThat(h.run("EXISTS", "h")).isEqualTo(integer(0));
  }

  @Test
  void hmset_repliesOk() {
    assertThat(h.run("HMSET", "h", "a", "1", "b", "2")).isEqualTo(OK);
    assertThat(h.run("HMGET", "h", "a", "zz", "b")).isEqualTo(arr("1", null, "2"));
    assertThat(h.run("HMGET", "nokey", "a", "b")).isEqualTo(arr(null, null));
  }

  @Test
  void everyCommand_onString_wrongType() {
    h.run("SET", "s", "v");
    String[][] cmds = {
      {"HSET", "s", "a", "1"}, {"HMSET", "s", "a", "1"}, {"HSETNX", "s", "a", "1"}, {"HGET", "s", "a"},
      {"HMGET", "s", "a"}, {"HDEL", "s", "a"}, {"HLEN", "s"}, {"HSTRLEN", "s", "a"}, {"HEXISTS", "s", "a"},
      {"HKEYS", "s"}, {"HVALS", "s"}, {"HGETALL", "s"}, {"HINCRBY", "s", "a", "1"},
      {"HINCRBYFLOAT", "s", "a", "1"}, {"HRANDFIELD", "s"}, {"HRANDFIELD", "s", "0"},
      {"HRANDFIELD", "s", "-3", "WITHVALUES"}, {"HSCAN", "s", "0"}
    };
    for (String[] c : cmds) {
      assertThat(h.run((Object[]) c)).as(String.join(" ", c)).isEqualTo(WRONGTYPE);
    }
  }

  @Test
  void argumentErrors_comeBeforeTheTypeCheck() {
    h.run("SET", "s", "v");
    assertThat(h.run("HINCRBY", "s", "a", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("HINCRBYFLOAT", "s", "a", "x")).isEqualTo(NOT_FLOAT);
    assertThat(h.run("HINCRBYFLOAT", "s", "a", "inf")).isEqualTo(err("ERR value is NaN or Infinity"));
    assertThat(h.run("HRANDFIELD", "s", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("HRANDFIELD", "s", "1", "foo")).isEqualTo(SYNTAX);
    assertThat(h.run("HSCAN", "s", "x")).isEqualTo(err("ERR invalid cursor"));
  }

  @Test
  void hsetnx_onlySetsMissingFields() {
    assertThat(h.run("HSETNX", "h", "a", "1")).isEqualTo(integer(1));
    assertThat(h.run("HSETNX", "h", "a", "2")).isEqualTo(integer(0));
    assertThat(h.run("HGET", "h", "a")).isEqualTo(bulk("1"));
  }

  @Test
  void hdel_lastField_deletesKey() {
    h.run("HSET", "h", "a", "1", "b", "2");
    assertThat(h.run("HDEL", "h", "a", "zz", "a")).isEqualTo(integer(1));
    assertThat(h.run("HDEL", "h", "b", "c")).isEqualTo(integer(1));
    assertThat(h.run("EXISTS", "h")).isEqualTo(integer(0));
    assertThat(h.run("HDEL", "h", "b")).isEqualTo(integer(0));
  }

  @Test
  void hstrlenHexistsHlen_missingKeyOrField_zero() {
    h.run("HSET", "h", "a", "hello", "n", "-123");
    assertThat(h.run("HSTRLEN", "h", "a")).isEqualTo(integer(5));
    assertThat(h.run("HSTRLEN", "h", "n")).isEqualTo(integer(4));
    assertThat(h.run("HSTRLEN", "h", "zz")).isEqualTo(integer(0));
    assertThat(h.run("HSTRLEN", "nokey", "a")).isEqualTo(integer(0));
    assertThat(h.run("HEXISTS", "h", "a")).isEqualTo(integer(1));
    assertThat(h.run("HEXISTS", "h", "zz")).isEqualTo(integer(0));
    assertThat(h.run("HEXISTS", "nokey", "a")).isEqualTo(integer(0));
    assertThat(h.run("HLEN", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void hgetall_listpack_insertionOrderUpdatesInPlace() {
    h.run("HSET", "h", "c", "3", "a", "1", "b", "2");
    h.run("HSET", "h", "a", "100");
    h.run("HDEL", "h", "c");
    h.run("HSET", "h", "c", "4");
    assertThat(h.run("HGETALL", "h")).isEqualTo(arr("a", "100", "b", "2", "c", "4"));
    assertThat(h.run("HKEYS", "h")).isEqualTo(arr("a", "b", "c"));
    assertThat(h.run("HVALS", "h")).isEqualTo(arr("100", "2", "4"));
    assertThat(h.run("HGETALL", "nokey")).isEqualTo("*0\r\n");
  }

  @Test
  void resp3_mapsNullsAndNestedPairs() {
    h.run("HELLO", "3");
    h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertThat(h.run("HGETALL", "h")).isEqualTo("%3\r\n" + bulk("a") + bulk("1") + bulk("b") + bulk("2") + bulk("c") + bulk("3"));
    assertThat(h.run("HGETALL", "nokey")).isEqualTo("%0\r\n");
    assertThat(h.run("HKEYS", "nokey")).isEqualTo("*0\r\n");
    assertThat(h.run("HGET", "h", "zz")).isEqualTo("_\r\n");
    assertThat(h.run("HMGET", "h", "a", "zz")).isEqualTo("*2\r\n" + bulk("1") + "_\r\n");
    assertThat(h.run("HRANDFIELD", "nokey")).isEqualTo("_\r\n");
    assertThat(h.run("HRANDFIELD", "nokey", "5", "WITHVALUES")).isEqualTo("*0\r\n");
    assertThat(h.run("HRANDFIELD", "h", "5", "WITHVALUES")).isEqualTo("*3\r\n"
        + "*2\r\n" + bulk("a") + bulk("1") + "*2\r\n" + bulk("b") + bulk("2") + "*2\r\n" + bulk("c") + bulk("3"));
    String two = h.run("HRANDFIELD", "h", "-2", "WITHVALUES");
    assertThat(two).startsWith("*2\r\n*2\r\n");
    assertThat(h.run("HSCAN", "nokey", "0")).isEqualTo("*2\r\n" + bulk("0") + "*0\r\n");
  }

  @Test
  void hincrby_integersOverflowAndNonIntegers() {
    assertThat(h.run("HINCRBY", "h", "n", "5")).isEqualTo(integer(5));
    assertThat(h.run("HINCRBY", "h", "n", "-7")).isEqualTo(integer(-2));
    h.run("HSET", "h", "s", "hello", "m", "9223372036854775807", "z", "007");
    assertThat(h.run("HINCRBY", "h", "s", "1")).isEqualTo(err("ERR hash value is not an integer"));
    assertThat(h.run("HINCRBY", "h", "z", "1")).isEqualTo(err("ERR hash value is not an integer"));
    assertThat(h.run("HINCRBY", "h", "m", "1")).isEqualTo(err("ERR increment or decrement would overflow"));
    assertThat(h.run("HINCRBY", "h", "m", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("HGET", "h", "n")).isEqualTo(bulk("-2"));
  }

  @Test
  void hincrbyfloat_longDoubleArithmetic() {
    h.run("HSET", "h", "fl", "10.5", "s", "hello", "inf", "inf", "i", "3");
    assertThat(h.run("HINCRBYFLOAT", "h", "fl", "0.1")).isEqualTo(bulk("10.6"));
    assertThat(h.run("HINCRBYFLOAT", "h", "i", "1.5")).isEqualTo(bulk("4.5"));
    assertThat(h.run("HINCRBYFLOAT", "h", "new", "1e3")).isEqualTo(bulk("1000"));
    assertThat(h.run("HINCRBYFLOAT", "h", "s", "1")).isEqualTo(err("ERR hash value is not a float"));
    assertThat(h.run("HINCRBYFLOAT", "h", "inf", "1")).isEqualTo(err("ERR increment would produce NaN or Infinity"));
    assertThat(h.run("HINCRBYFLOAT", "h", "a", "abc")).isEqualTo(NOT_FLOAT);
    assertThat(h.run("HINCRBYFLOAT", "nokey", "a", "nan")).isEqualTo(NOT_FLOAT);
    assertThat(h.run("EXISTS", "nokey")).isEqualTo(integer(0));
  }

  @Test
  void encoding_listpackUntilEntriesThreshold_neverBack() {
    h.run("CONFIG", "SET", "hash-max-listpack-entries", "3");
    h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("listpack"));
    h.run("HSET", "h", "d", "4");
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("hashtable"));
    h.run("HDEL", "h", "a", "b", "c");
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("hashtable"));
    assertThat(h.run("HGETALL", "h")).isEqualTo(arr("d", "4"));
  }

  @Test
  void encoding_longFieldOrValue_convertsBeforeWriting() {
    h.run("CONFIG", "SET", "hash-max-listpack-value", "5");
    h.run("HSET", "h", "a", "12345");
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("listpack"));
    h.run("HSET", "h", "b", "123456");
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("hashtable"));
    h.run("HSET", "g", "a", "1");
    h.run("HINCRBYFLOAT", "g", "longfield", "1");
    assertThat(h.run("OBJECT", "ENCODING", "g")).isEqualTo(bulk("hashtable"));
    h.run("HSETNX", "k", "sixsix", "1");
    assertThat(h.run("OBJECT", "ENCODING", "k")).isEqualTo(bulk("hashtable"));
    h.run("HSET", "m", "a", "1");
    h.run("HSETNX", "m", "a", "toolongvalue"); // existing field: nothing written, no conversion
    assertThat(h.run("OBJECT", "ENCODING", "m")).isEqualTo(bulk("listpack"));
  }

  @Test
  void hashtable_manyFields_allReadable() {
    for (int i = 0; i < 1000; i++) {
      h.run("HSET", "h", "f" + i, "v" + i);
    }
    assertThat(h.run("OBJECT", "ENCODING", "h")).isEqualTo(bulk("hashtable"));
    assertThat(h.run("HLEN", "h")).isEqualTo(integer(1000));
    assertThat(h.run("HGET", "h", "f777")).isEqualTo(bulk("v777"));
    assertThat(items(h.run("HKEYS", "h"))).hasSize(1000).doesNotHaveDuplicates();
    for (int i = 0; i < 990; i++) {
      h.run("HDEL", "h", "f" + i);
    }
    assertThat(items(h.run("HGETALL", "h"))).hasSize(20).contains("f995", "v995");
  }

  @Test
  void hrandfield_countRules() {
    h.run("HSET", "h", "a", "1", "b", "2", "c", "3", "d", "4", "e", "5");
    Set<String> fields = Set.of("a", "b", "c", "d", "e");
    assertThat(fields).contains(items("*1\r\n" + h.run("HRANDFIELD", "h")).get(0));
    assertThat(h.run("HRANDFIELD", "h", "0")).isEqualTo("*0\r\n");
    assertThat(h.run("HRANDFIELD", "nokey", "3")).isEqualTo("*0\r\n");
    // count >= size: the whole hash in its order
    assertThat(h.run("HRANDFIELD", "h", "9")).isEqualTo(arr("a", "b", "c", "d", "e"));
    assertThat(h.run("HRANDFIELD", "h", "5", "WITHVALUES"))
        .isEqualTo(arr("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    for (int count : new int[] {1, 2, 4}) {
      List<String> got = items(h.run("HRANDFIELD", "h", String.valueOf(count)));
      assertThat(got).hasSize(count).doesNotHaveDuplicates();
      assertThat(fields).containsAll(got);
    }
    List<String> many = items(h.run("HRANDFIELD", "h", "-50"));
    assertThat(many).hasSize(50);
    assertThat(fields).containsAll(many);
    assertThat(new HashSet<>(many)).hasSizeGreaterThan(1);
    List<String> pairs = items(h.run("HRANDFIELD", "h", "-7", "WITHVALUES"));
    assertThat(pairs).hasSize(14);
    for (int i = 0; i < 14; i += 2) {
      assertThat((int) pairs.get(i + 1).charAt(0)).isEqualTo(pairs.get(i).charAt(0) - 'a' + '1');
    }
  }

  @Test
  void hrandfield_hashtable_uniqueSamples() {
    for (int i = 0; i < 600; i++) {
      h.run("HSET", "h", "f" + i, "v" + i);
    }
    for (int count : new int[] {1, 10, 300, 599, 600, 700}) {
      List<String> got = items(h.run("HRANDFIELD", "h", String.valueOf(count), "WITHVALUES"));
      assertThat(got).hasSize(2 * Math.min(count, 600));
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < got.size(); i += 2) {
        keys.add(got.get(i));
        assertThat(got.get(i + 1)).isEqualTo("v" + got.get(i).substring(1));
      }
      assertThat(keys).doesNotHaveDuplicates();
    }
    assertThat(items(h.run("HRANDFIELD", "h", "-1000"))).hasSize(1000);
  }

  @Test
  void hrandfield_rangeErrors() {
    h.run("HSET", "h", "a", "1");
    assertThat(h.run("HRANDFIELD", "h", "-9223372036854775808"))
        .isEqualTo(err("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
    assertThat(h.run("HRANDFIELD", "h", "4611686018427387904", "withvalues")).isEqualTo(err("ERR value is out of range"));
    assertThat(h.run("HRANDFIELD", "h", "-4611686018427387904", "withvalues")).isEqualTo(err("ERR value is out of range"));
    assertThat(h.run("HRANDFIELD", "h", "1", "withvalues", "foo")).isEqualTo(SYNTAX);
  }

  @Test
  void hscan_listpack_everythingWithCursorZero() {
    h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    String all = "*2\r\n" + bulk("0") + arr("a", "1", "b", "2", "c", "3");
    assertThat(h.run("HSCAN", "h", "0")).isEqualTo(all);
    assertThat(h.run("HSCAN", "h", "5", "COUNT", "1")).isEqualTo(all);
    assertThat(h.run("HSCAN", "h", "0", "MATCH", "[ab]")).isEqualTo("*2\r\n" + bulk("0") + arr("a", "1", "b", "2"));
    assertThat(h.run("HSCAN", "h", "0", "NOVALUES")).isEqualTo(SYNTAX);
    assertThat(h.run("HSCAN", "h", "0", "TYPE", "string")).isEqualTo(SYNTAX);
    assertThat(h.run("HSCAN", "h", "0", "COUNT", "0")).isEqualTo(SYNTAX);
    assertThat(h.run("HSCAN", "h", "0", "COUNT", "x")).isEqualTo(NOT_INT);
    assertThat(h.run("HSCAN", "h", "0", "MATCH")).isEqualTo(SYNTAX);
    assertThat(h.run("HSCAN", "nokey", "0", "COUNT", "0")).isEqualTo("*2\r\n" + bulk("0") + "*0\r\n");
  }

  @Test
  void hscan_hashtable_fullIterationSeesEveryField() {
    for (int i = 0; i < 700; i++) {
      h.run("HSET", "h", "f" + i, "v" + i);
    }
    Set<String> seen = new HashSet<>();
    String cursor = "0";
    int calls = 0;
    do {
      String reply = h.run("HSCAN", "h", cursor, "COUNT", "20", "MATCH", "f1*");
      String[] parts = reply.split("\r\n");
      cursor = parts[2];
      List<String> got = items("*" + reply.substring(reply.indexOf("\r\n*") + 3));
      for (int i = 0; i < got.size(); i += 2) {
        assertThat(got.get(i)).startsWith("f1");
        assertThat(got.get(i + 1)).isEqualTo("v" + got.get(i).substring(1));
        seen.add(got.get(i));
      }
      calls++;
      if (calls == 5) {
        for (int i = 700; i < 1500; i++) { // growing mid-scan must not lose old fields
          h.run("HSET", "h", "g" + i, "x");
        }
      }
    } while (!cursor.equals("0"));
    Set<String> expected = new HashSet<>();
    for (int i = 0; i < 700; i++) {
      if (("f" + i).startsWith("f1")) {
        expected.add("f" + i);
      }
    }
    assertThat(seen).isEqualTo(expected);
    assertThat(calls).isGreaterThan(5);
  }

  @Test
  void digestValue_equalsRedis() {
    h.run("HSET", "h", "a", "1", "b", "2", "c", "3");
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "h")).isEqualTo("*1\r\n+b60c36e529712296d694f27b5914cbe84950995e\r\n");
    h.run("HSET", "h2", "f1", "hello", "f2", "world", "num", "12345678901234", "neg", "-5");
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "h2")).isEqualTo("*1\r\n+e20b0951e3b5628c1c4b17044ac3575207b6f4a7\r\n");
    assertThat(h.run("DEBUG", "DIGEST")).isEqualTo("+c5ba5f6affe9c6476002d8cb659019d64a2886de\r\n");
    h.run("CONFIG", "SET", "hash-max-listpack-entries", "1");
    h.run("HSET", "h3", "a", "1", "b", "2", "c", "3");
    assertThat(h.run("OBJECT", "ENCODING", "h3")).isEqualTo(bulk("hashtable"));
    assertThat(h.run("DEBUG", "DIGEST-VALUE", "h3")).isEqualTo("*1\r\n+b60c36e529712296d694f27b5914cbe84950995e\r\n");
  }

  @Test
  void copy_isDeep() {
    h.run("HSET", "h", "a", "1");
    h.run("COPY", "h", "h2");
    h.run("HSET", "h2", "a", "2");
    assertThat(h.run("HGET", "h", "a")).isEqualTo(bulk("1"));
    assertThat(h.run("HGET", "h2", "a")).isEqualTo(bulk("2"));
  }
}
