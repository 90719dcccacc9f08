package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyCommandsTest {

  private CommandHarness h;

  @BeforeEach
  void setUp() {
    h = new CommandHarness();
  }

  @AfterEach
  void tearDown() {
    try {
      ServerNode node = h.node();
      for (int i = 0; i < node.keyspace().databases(); i++) {
        int db = i;
        assertThat(node.call(() -> node.db(db).checkInvariants())).as("invariants of db %d", db).isTrue();
      }
    } finally {
      h.close();
    }
  }

  private String run(Object... args) {
    return h.run(args);
  }

  /** What the commands run by {@code r} appended to the replication stream, as RESP text. */
  private String propagated(Runnable r) {
    ServerNode node = h.node();
    long before = node.call(() -> node.replicationLog().masterOffset());
    r.run();
    byte[] b = node.call(() -> node.replicationLog().backlog().readFrom(before + 1));
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static String resp(String... argv) {
    StringBuilder sb = new StringBuilder("*").append(argv.length).append("\r\n");
    for (String a : argv) {
      sb.append('$').append(a.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString();
  }

  private static long integer(String reply) {
    assertThat(reply).startsWith(":");
    return Long.parseLong(reply.substring(1, reply.length() - 2));
  }

  // ---- DEL / UNLINK / EXISTS / TOUCH / TYPE ------------------------------------------------

  @Test
  void del_existingAndMissingKeys_countsDeleted() {
    run("SET", "a", "1");
    run("SET", "b", "2");
    assertThat(run("DEL", "a", "b", "c", "a")).isEqualTo(":2\r\n");
    assertThat(run("EXISTS", "a", "b")).isEqualTo(":0\r\n");
    assertThat(run("UNLINK", "nope")).isEqualTo(":0\r\n");
  }

  @Test
  void del_nothingDeleted_propagatesNothing() {
    assertThat(propagated(() -> run("DEL", "x", "y"))).isEmpty();
    run("SET", "x", "1");
    assertThat(propagated(() -> run("UNLINK", "x", "y"))).endsWith(resp("UNLINK", "x", "y"));
  }

  @Test
  void exists_duplicateKeys_countedEachTime() {
    run("SET", "a", "1");
    assertThat(run("EXISTS", "a", "a", "b")).isEqualTo(":2\r\n");
    assertThat(run("TOUCH", "a", "a", "b")).isEqualTo(":2\r\n");
  }

  @Test
  void type_stringAndMissing_namesType() {
    run("SET", "a", "1");
    assertThat(run("TYPE", "a")).isEqualTo("+string\r\n");
    assertThat(run("TYPE", "b")).isEqualTo("+none\r\n");
  }

  @Test
  void wrongArity_reportsCommandName() {
    assertThat(run("DEL")).isEqualTo("-ERR wrong number of arguments for 'del' command\r\n");
    assertThat(run("EXPIRE", "a")).isEqualTo("-ERR wrong number of arguments for 'expire' command\r\n");
  }

  // ---- EXPIRE family -----------------------------------------------------------------------

  @Test
  void expire_optionErrors_matchRedisTexts() {
    run("SET", "a", "1");
    assertThat(run("EXPIRE", "a", "10", "nx", "xx"))
        .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
    assertThat(run("EXPIRE", "a", "10", "NX", "GT"))
        .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
    assertThat(run("EXPIRE", "a", "10", "gt", "LT"))
        .isEqualTo("-ERR GT and LT options at the same time are not compatible\r\n");
    assertThat(run("EXPIRE", "a", "10", "foo")).isEqualTo("-ERR Unsupported option foo\r\n");
    // options are checked before the number, and both before the key
    assertThat(run("EXPIRE", "nokey", "abc", "nx", "xx"))
        .isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
    assertThat(run("EXPIRE", "a", "abc")).isEqualTo("-ERR value is not an integer or out of range\r\n");
  }

  @Test
  void expire_overflow_invalidExpireTime() {
    run("SET", "a", "1");
    assertThat(run("EXPIRE", "a", "9223372036854775807")).isEqualTo("-ERR invalid expire time in 'expire' command\r\n");
    assertThat(run("EXPIRE", "a", "9223372036854775")).isEqualTo("-ERR invalid expire time in 'expire' command\r\n");
    assertThat(run("PEXPIRE", "a", "9223372036854775807")).isEqualTo("-ERR invalid expire time in 'pexpire' command\r\n");
    assertThat(run("EXPIREAT", "a", "-9223372036854775808")).isEqualTo("-ERR invalid expire time in 'expireat' command\r\n");
    assertThat(run("PEXPIREAT", "nokey", "9223372036854775807")).isEqualTo(":0\r\n");
    assertThat(run("TTL", "a")).isEqualTo(":-1\r\n");
  }

  @Test
  void expire_conditions_followNxXxGtLt() {
    run("SET", "a", "1");
    assertThat(run("EXPIRE", "a", "100", "XX")).isEqualTo(":0\r\n");
    assertThat(run("EXPIRE", "a", "100", "GT")).isEqualTo(":0\r\n"); // no TTL counts as infinite
    assertThat(run("EXPIRE", "a", "100", "LT")).isEqualTo(":1\r\n");
    assertThat(run("EXPIRE", "a", "200", "NX")).isEqualTo(":0\r\n");
    assertThat(run("EXPIRE", "a", "200", "GT")).isEqualTo(":1\r\n");
    assertThat(run("EXPIRE", "a", "150", "GT")).isEqualTo(":0\r\n");
    assertThat(run("EXPIRE", "a", "150", "LT", "XX")).isEqualTo(":1\r\n");
    assertThat(run("TTL", "a")).isEqualTo(":150\r\n");
    assertThat(run("EXPIRE", "missing", "10")).isEqualTo(":0\r\n");
  }

  @Test
  void expire_relative_propagatesAbsolutePexpireatWithOptions() {
    run("SET", "a", "1");
    String log = propagated(() -> run("EXPIRE", "a", "100", "nx"));
    Matcher m = Pattern.compile("\\*4\r\n\\$9\r\nPEXPIREAT\r\n\\$1\r\na\r\n\\$13\r\n(\\d{13})\r\n\\$2\r\nnx\r\n").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    long when = Long.parseLong(m.group(1));
    assertThat(integer(run("PEXPIRETIME", "a"))).isEqualTo(when);
    assertThat(propagated(() -> run("EXPIREAT", "a", "99999999999"))).endsWith(resp("PEXPIREAT", "a", "99999999999000"));
    assertThat(propagated(() -> run("pexpireat", "a", "99999999999999"))).endsWith(resp("pexpireat", "a", "99999999999999"));
    assertThat(propagated(() -> run("PEXPIRE", "a", "100000"))).contains("PEXPIREAT");
  }

  @Test
  void expire_inThePast_deletesKeyAndPropagatesDel() {
    run("SET", "a", "1");
    assertThat(propagated(() -> assertThat(run("EXPIRE", "a", "-1")).isEqualTo(":1\r\n"))).endsWith(resp("DEL", "a"));
    assertThat(run("EXISTS", "a")).isEqualTo(":0\r\n");
    run("SET", "b", "1");
    assertThat(propagated(() -> run("EXPIREAT", "b", "1"))).endsWith(resp("DEL", "b"));
  }

  @Test
  void expire_conditionNotMet_propagatesNothing() {
    run("SET", "a", "1");
    assertThat(propagated(() -> run("EXPIRE", "a", "100", "XX"))).isEmpty();
    assertThat(propagated(() -> run("EXPIRE", "nokey", "100"))).isEmpty();
    assertThat(propagated(() -> run("PERSIST", "a"))).isEmpty();
  }

  @Test
  void ttl_variants_reportRoundedAndAbsoluteTimes() {
    assertThat(run("TTL", "a")).isEqualTo(":-2\r\n");
    assertThat(run("PTTL", "a")).isEqualTo(":-2\r\n");
    assertThat(run("EXPIRETIME", "a")).isEqualTo(":-2\r\n");
    run("SET", "a", "1");
    assertThat(run("PEXPIRETIME", "a")).isEqualTo(":-1\r\n");
    run("PEXPIREAT", "a", "99999999999499");
    assertThat(run("EXPIRETIME", "a")).isEqualTo(":99999999999\r\n");
    run("PEXPIREAT", "a", "99999999999500");
    assertThat(run("EXPIRETIME", "a")).isEqualTo(":100000000000\r\n");
    assertThat(run("PEXPIRETIME", "a")).isEqualTo(":99999999999500\r\n");
    run("PEXPIRE", "a", "10000");
    long pttl = integer(run("PTTL", "a"));
    assertThat(pttl).isBetween(1L, 10000L);
    assertThat(run("TTL", "a")).isIn(":10\r\n", ":9\r\n");
  }

  @Test
  void persist_removesTtlOnce() {
    run("SET", "a", "1");
    run("EXPIRE", "a", "100");
    assertThat(propagated(() -> assertThat(run("PERSIST", "a")).isEqualTo(":1\r\n"))).endsWith(resp("PERSIST", "a"));
    assertThat(run("PERSIST", "a")).isEqualTo(":0\r\n");
    assertThat(run("PERSIST", "nokey")).isEqualTo(":0\r\n");
    assertThat(run("TTL", "a")).isEqualTo(":-1\r\n");
  }

  // ---- KEYS / SCAN / RANDOMKEY / DBSIZE ----------------------------------------------------

  @Test
  void keys_pattern_returnsMatchingLiveKeys() {
    run("SET", "one", "1");
    run("SET", "two", "2");
    run("SET", "three", "3");
    run("PEXPIREAT", "three", "1000"); // already in the past: deleted, as EXPIREAT would
    assertThat(run("KEYS", "t*")).isEqualTo("*1\r\n$3\r\ntwo\r\n");
    assertThat(run("KEYS", "nomatch*")).isEqualTo("*0\r\n");
    assertThat(run("KEYS", "*")).startsWith("*2\r\n");
    assertThat(run("DBSIZE")).isEqualTo(":2\r\n");
  }

  @Test
  void scan_cursorErrors_matchRedis() {
    run("SET", "a", "1");
    assertThat(run("SCAN", " 0")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(run("SCAN", "0x")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(run("SCAN", "-")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(run("SCAN", "0 ")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(run("SCAN", "18446744073709551616")).isEqualTo("-ERR invalid cursor\r\n");
    assertThat(run("SCAN", "")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n");
    assertThat(run("SCAN", "+0")).isEqualTo("*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n");
    assertThat(run("SCAN", "18446744073709551615")).startsWith("*2\r\n$1\r\n0\r\n");
    assertThat(run("SCAN", "0", "COUNT", "0")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("SCAN", "0", "COUNT", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("SCAN", "0", "COUNT")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("SCAN", "0", "bogus", "1")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void scan_matchAndType_filter() {
    run("SET", "k1", "1");
    run("SET", "k2", "2");
    run("SET", "other", "3");
    assertThat(run("SCAN", "0", "MATCH", "k*", "COUNT", "100")).startsWith("*2\r\n$1\r\n0\r\n*2\r\n");
    assertThat(run("SCAN", "0", "TYPE", "STRING", "COUNT", "100")).startsWith("*2\r\n$1\r\n0\r\n*3\r\n");
    assertThat(run("SCAN", "0", "TYPE", "hash", "COUNT", "100")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
    assertThat(run("SCAN", "0", "TYPE", "nosuchtype")).isEqualTo("*2\r\n$1\r\n0\r\n*0\r\n");
  }

  @Test
  void randomkey_emptyAndNonEmpty() {
    assertThat(run("RANDOMKEY")).isEqualTo("$-1\r\n");
    run("SET", "only", "1");
    assertThat(run("RANDOMKEY")).isEqualTo("$4\r\nonly\r\n");
  }

  // ---- RENAME / MOVE / COPY ----------------------------------------------------------------

  @Test
  void rename_keepsTtlAndOverwrites() {
    run("SET", "a", "1");
    run("PEXPIREAT", "a", "99999999999999");
    run("SET", "b", "2");
    assertThat(propagated(() -> assertThat(run("RENAME", "a", "b")).isEqualTo("+OK\r\n"))).endsWith(resp("RENAME", "a", "b"));
    assertThat(run("GET", "b")).isEqualTo("$1\r\n1\r\n");
    assertThat(run("PEXPIRETIME", "b")).isEqualTo(":99999999999999\r\n");
    assertThat(run("EXISTS", "a")).isEqualTo(":0\r\n");
  }

  @Test
  void rename_errorsAndSameKey() {
    assertThat(run("RENAME", "nokey", "x")).isEqualTo("-ERR no such key\r\n");
    assertThat(run("RENAME", "nokey", "nokey")).isEqualTo("-ERR no such key\r\n");
    assertThat(run("RENAMENX", "nokey", "x")).isEqualTo("-ERR no such key\r\n");
    run("SET", "a", "1");
    assertThat(propagated(() -> {
      assertThat(run("RENAME", "a", "a")).isEqualTo("+OK\r\n");
      assertThat(run("RENAMENX", "a", "a")).isEqualTo(":0\r\n");
    })).isEmpty();
    run("SET", "b", "2");
    assertThat(run("RENAMENX", "a", "b")).isEqualTo(":0\r\n");
    assertThat(run("RENAMENX", "a", "c")).isEqualTo(":1\r\n");
    assertThat(run("GET", "c")).isEqualTo("$1\r\n1\r\n");
  }

  @Test
  void move_toOtherDb_keepsTtl() {
    run("SET", "a", "1");
    run("PEXPIREAT", "a", "99999999999999");
    assertThat(run("MOVE", "a", "0")).isEqualTo("-ERR source and destination objects are the same\r\n");
    assertThat(run("MOVE", "a", "16")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(run("MOVE", "a", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("MOVE", "a", "99999999999"))
        .isEqualTo("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n");
    assertThat(propagated(() -> assertThat(run("MOVE", "a", "1")).isEqualTo(":1\r\n"))).endsWith(resp("MOVE", "a", "1"));
    assertThat(run("MOVE", "a", "1")).isEqualTo(":0\r\n");
    run("SELECT", "1");
    assertThat(run("PEXPIRETIME", "a")).isEqualTo(":99999999999999\r\n");
    run("SELECT", "0");
    run("SET", "a", "x");
    assertThat(run("MOVE", "a", "1")).isEqualTo(":0\r\n"); // exists in the target
  }

  @Test
  void copy_optionsAndTtl() {
    run("SET", "a", "hello");
    run("PEXPIREAT", "a", "99999999999999");
    assertThat(run("COPY", "a", "a")).isEqualTo("-ERR source and destination objects are the same\r\n");
    assertThat(run("COPY", "a", "a", "DB", "0")).isEqualTo("-ERR source and destination objects are the same\r\n");
    assertThat(run("COPY", "a", "b", "db")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("COPY", "a", "b", "db", "20")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(run("COPY", "a", "b", "foo")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("COPY", "nokey", "b")).isEqualTo(":0\r\n");
    assertThat(run("COPY", "a", "b")).isEqualTo(":1\r\n");
    assertThat(run("PEXPIRETIME", "b")).isEqualTo(":99999999999999\r\n");
    run("SET", "c", "x");
    assertThat(run("COPY", "a", "c")).isEqualTo(":0\r\n");
    assertThat(run("COPY", "a", "c", "REPLACE", "replace")).isEqualTo(":1\r\n");
    assertThat(run("GET", "c")).isEqualTo("$5\r\nhello\r\n");
    assertThat(propagated(() -> run("COPY", "a", "a", "DB", "3"))).endsWith(resp("COPY", "a", "a", "DB", "3"));
    run("SELECT", "3");
    assertThat(run("GET", "a")).isEqualTo("$5\r\nhello\r\n");
  }

  // ---- SELECT / SWAPDB / FLUSH -------------------------------------------------------------

  @Test
  void select_errors() {
    assertThat(run("SELECT", "16")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(run("SELECT", "-1")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(run("SELECT", "abc")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("SELECT", "2147483648"))
        .isEqualTo("-ERR value is out of range, value must between -2147483648 and 2147483647\r\n");
    assertThat(run("SELECT", "15")).isEqualTo("+OK\r\n");
  }

  @Test
  void swapdb_swapsContentsAndAlwaysPropagates() {
    run("SET", "a", "1");
    assertThat(run("SWAPDB", "a", "1")).isEqualTo("-ERR invalid first DB index\r\n");
    assertThat(run("SWAPDB", "1", "b")).isEqualTo("-ERR invalid second DB index\r\n");
    assertThat(run("SWAPDB", "2147483648", "1")).isEqualTo("-ERR invalid first DB index\r\n");
    assertThat(run("SWAPDB", "0", "16")).isEqualTo("-ERR DB index is out of range\r\n");
    assertThat(propagated(() -> run("SWAPDB", "0", "0"))).endsWith(resp("SWAPDB", "0", "0"));
    assertThat(run("SWAPDB", "0", "1")).isEqualTo("+OK\r\n");
    assertThat(run("DBSIZE")).isEqualTo(":0\r\n");
    run("SELECT", "1");
    assertThat(run("GET", "a")).isEqualTo("$1\r\n1\r\n");
  }

  @Test
  void flush_optionsAndPropagation() {
    assertThat(run("FLUSHALL", "foo")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("FLUSHALL", "async", "x")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("FLUSHDB", "sync", "x")).isEqualTo("-ERR syntax error\r\n");
    assertThat(propagated(() -> assertThat(run("FLUSHDB")).isEqualTo("+OK\r\n"))).endsWith(resp("FLUSHDB"));
    assertThat(propagated(() -> run("FLUSHALL", "SYNC"))).endsWith(resp("FLUSHALL", "SYNC"));
    run("SET", "a", "1");
    run("SELECT", "2");
    run("SET", "b", "1");
    assertThat(run("FLUSHDB", "ASYNC")).isEqualTo("+OK\r\n");
    assertThat(run("DBSIZE")).isEqualTo(":0\r\n");
    run("SET", "b", "1");
    assertThat(run("FLUSHALL")).isEqualTo("+OK\r\n");
    run("SELECT", "0");
    assertThat(run("DBSIZE")).isEqualTo(":0\r\n");
  }

  // ---- OBJECT ------------------------------------------------------------------------------

  @Test
  void object_subcommands() {
    run("SET", "small", "12");
    run("SET", "big", "10000");
    run("SET", "str", "hello");
    run("SET", "long", "a".repeat(45));
    assertThat(run("OBJECT", "ENCODING", "small")).isEqualTo("$3\r\nint\r\n");
    assertThat(run("OBJECT", "encoding", "str")).isEqualTo("$6\r\nembstr\r\n");
    assertThat(run("OBJECT", "ENCODING", "long")).isEqualTo("$3\r\nraw\r\n");
    assertThat(run("OBJECT", "ENCODING", "nokey")).isEqualTo("$-1\r\n");
    assertThat(run("OBJECT", "REFCOUNT", "small")).isEqualTo(":2147483647\r\n");
    assertThat(run("OBJECT", "REFCOUNT", "big")).isEqualTo(":1\r\n");
    assertThat(run("OBJECT", "IDLETIME", "str")).isEqualTo(":0\r\n");
    assertThat(run("OBJECT", "FREQ", "str")).startsWith("-ERR An LFU maxmemory policy is not selected");
    assertThat(run("OBJECT", "FREQ", "nokey")).isEqualTo("$-1\r\n");
    assertThat(run("OBJECT", "HELP")).startsWith("*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n");
    assertThat(run("OBJECT", "foo")).isEqualTo("-ERR unknown subcommand 'foo'. Try OBJECT HELP.\r\n");
    assertThat(run("OBJECT", "ENCODING")).isEqualTo("-ERR wrong number of arguments for 'object|encoding' command\r\n");
  }

  @Test
  void object_idletime_growsUntilTouchedButNotByNoTouchReads() throws InterruptedException {
    run("SET", "k", "v");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (integer(run("OBJECT", "IDLETIME", "k")) < 2) {
      assertThat(System.nanoTime()).as("idle time never grew").isLessThan(deadline);
      Thread.sleep(50);
    }
    run("EXISTS", "k");
    run("TTL", "k");
    run("TYPE", "k");
    assertThat(integer(run("OBJECT", "IDLETIME", "k"))).isGreaterThanOrEqualTo(2);
    run("GET", "k");
    // one-second resolution, as Redis's LRU clock: a second boundary may fall in between
    assertThat(integer(run("OBJECT", "IDLETIME", "k"))).isLessThanOrEqualTo(1);
  }
}
