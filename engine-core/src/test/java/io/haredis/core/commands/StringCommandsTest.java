package io.haredis.core.commands;

import static io.haredis.core.commands.StringTestSupport.EMPTY;
import static io.haredis.core.commands.StringTestSupport.NIL;
import static io.haredis.core.commands.StringTestSupport.NOT_FLOAT;
import static io.haredis.core.commands.StringTestSupport.NOT_INT;
import static io.haredis.core.commands.StringTestSupport.NOW;
import static io.haredis.core.commands.StringTestSupport.OK;
import static io.haredis.core.commands.StringTestSupport.SYNTAX;
import static io.haredis.core.commands.StringTestSupport.bulk;
import static io.haredis.core.commands.StringTestSupport.err;
import static io.haredis.core.commands.StringTestSupport.integer;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.type.StringValue;
import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StringCommandsTest {

  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = StringTestSupport.harness(clock);

  @AfterEach
  void close() {
    h.close();
  }

  private long expireAt(String key) {
    return h.node().call(() -> {
      Entry e = h.node().keyspace().db(0).peek(key.getBytes(), 0, key.length());
      return e == null ? -2L : e.expireAt();
    });
  }

  private String encoding(String key) {
    return h.node().call(() -> h.node().keyspace().db(0).peek(key.getBytes(), 0, key.length()).value().encoding());
  }

  private void advance(long millis) {
    clock.millis.addAndGet(millis);
  }

  // ---- GET / SET ------------------------------------------------------------------------

  @Test
  void get_missingKey_returnsNil() {
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
  }

  @Test
  void set_plain_storesAndOverwritesValue() {
    assertThat(h.run("SET", "k", "v")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo(bulk("v"));
    assertThat(h.run("SET", "k", "12345")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo(bulk("12345"));
    assertThat(encoding("k")).isEqualTo("int");
    assertThat(h.run("SET", "k", "")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo(EMPTY);
  }

  @Test
  void set_overwrite_dropsTtlUnlessKeepttl() {
    h.run("SET", "k", "v", "EX", "100");
    assertThat(expireAt("k")).isEqualTo(NOW + 100_000);
    h.run("SET", "k", "w", "KEEPTTL");
    assertThat(expireAt("k")).isEqualTo(NOW + 100_000);
    h.run("SET", "k", "x");
    assertThat(expireAt("k")).isEqualTo(-1);
  }

  @Test
  void set_nxXx_applyOnlyWhenAbsentOrPresent() {
    assertThat(h.run("SET", "k", "v", "XX")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "v", "nx")).isEqualTo(OK);
    assertThat(h.run("SET", "k", "w", "NX")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "w", "xx")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo(bulk("w"));
    assertThat(h.run("SET", "k", "v", "NX", "NX")).isEqualTo(NIL);
  }

  @Test
  void set_get_returnsOldValueEvenWhenNxBlocks() {
    assertThat(h.run("SET", "k", "v1", "GET")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "v2", "GET")).isEqualTo(bulk("v1"));
    assertThat(h.run("SET", "k", "v3", "NX", "GET")).isEqualTo(bulk("v2"));
    assertThat(h.run("GET", "k")).isEqualTo(bulk("v2"));
    assertThat(h.run("SET", "n", "v", "XX", "GET")).isEqualTo(NIL);
    assertThat(h.run("GET", "n")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "9", "GET", "get")).isEqualTo(bulk("v2"));
  }

  @Test
  void set_expireOptions_setAbsoluteExpiry() {
    h.run("SET", "a", "v", "EX", "10");
    h.run("SET", "b", "v", "PX", "1500");
    h.run("SET", "c", "v", "EXAT", "1700000000");
    h.run("SET", "d", "v", "PXAT", "1700000000123");
    assertThat(expireAt("a")).isEqualTo(NOW + 10_000);
    assertThat(expireAt("b")).isEqualTo(NOW + 1500);
    assertThat(expireAt("c")).isEqualTo(1_700_000_000_000L);
    assertThat(expireAt("d")).isEqualTo(1_700_000_000_123L);
    advance(1500);
    assertThat(h.run("GET", "b")).isEqualTo(bulk("v")); // alive at exactly its expiry time
    advance(1);
    assertThat(h.run("GET", "b")).isEqualTo(NIL);
    assertThat(h.run("GET", "a")).isEqualTo(bulk("v"));
  }

  @Test
  void set_expireInThePast_keyReadsAsMissing() {
    assertThat(h.run("SET", "k", "v", "PXAT", "1")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "v", "EXAT", "1", "GET")).isEqualTo(NIL);
  }

  @Test
  void set_invalidOptionCombinations_syntaxError() {
    String[][] bad = {
        {"NX", "XX"}, {"XX", "NX"}, {"EX"}, {"EX", "10", "PX", "10"}, {"PX", "10", "EX", "10"},
        {"EXAT", "10", "PXAT", "10"}, {"KEEPTTL", "EX", "10"}, {"EX", "10", "KEEPTTL"}, {"PERSIST"},
        {"FOO"}, {"PXAT"}, {"GET", "EX"}};
    for (String[] opts : bad) {
      Object[] cmd = new Object[3 + opts.length];
      cmd[0] = "SET";
      cmd[1] = "k";
      cmd[2] = "v";
      System.arraycopy(opts, 0, cmd, 3, opts.length);
      assertThat(h.run(cmd)).as(String.join(" ", opts)).isEqualTo(SYNTAX);
    }
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
  }

  @Test
  void set_sameExpireOptionTwice_lastWins() {
    assertThat(h.run("SET", "k", "v", "EX", "10", "EX", "20")).isEqualTo(OK);
    assertThat(expireAt("k")).isEqualTo(NOW + 20_000);
  }

  @Test
  void set_invalidExpireValues_errors() {
    String invalid = err("ERR invalid expire time in 'set' command");
    assertThat(h.run("SET", "k", "v", "EX", "0")).isEqualTo(invalid);
    assertThat(h.run("SET", "k", "v", "PX", "-1")).isEqualTo(invalid);
    assertThat(h.run("SET", "k", "v", "EXAT", "0")).isEqualTo(invalid);
    assertThat(h.run("SET", "k", "v", "EX", "9223372036854776")).isEqualTo(invalid);
    assertThat(h.run("SET", "k", "v", "PX", "9223372036854775807")).isEqualTo(invalid);
    assertThat(h.run("SET", "k", "v", "EX", "abc")).isEqualTo(NOT_INT);
    assertThat(h.run("SET", "k", "v", "EX", "1.5")).isEqualTo(NOT_INT);
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
    assertThat(h.run("SET", "k", "v", "PXAT", "9223372036854775807")).isEqualTo(OK);
    assertThat(h.run("SET", "k", "v", "EXAT", "9223372036854775")).isEqualTo(OK);
  }

  @Test
  void set_arity_wrongNumberOfArguments() {
    assertThat(h.run("SET", "k")).isEqualTo(err("ERR wrong number of arguments for 'set' command"));
    assertThat(h.run("GET")).isEqualTo(err("ERR wrong number of arguments for 'get' command"));
  }

  // ---- SETNX SETEX PSETEX GETSET GETDEL ------------------------------------------------

  @Test
  void setnx_repliesOneThenZero() {
    assertThat(h.run("SETNX", "k", "1")).isEqualTo(integer(1));
    assertThat(h.run("SETNX", "k", "2")).isEqualTo(integer(0));
    assertThat(h.run("GET", "k")).isEqualTo(bulk("1"));
  }

  @Test
  void setex_psetex_setValueWithTtl() {
    assertThat(h.run("SETEX", "k", "100", "v")).isEqualTo(OK);
    assertThat(expireAt("k")).isEqualTo(NOW + 100_000);
    assertThat(h.run("PSETEX", "p", "1234", "v")).isEqualTo(OK);
    assertThat(expireAt("p")).isEqualTo(NOW + 1234);
    assertThat(h.run("SETEX", "k", "0", "v")).isEqualTo(err("ERR invalid expire time in 'setex' command"));
    assertThat(h.run("PSETEX", "k", "-5", "v")).isEqualTo(err("ERR invalid expire time in 'psetex' command"));
    assertThat(h.run("SETEX", "k", "x", "v")).isEqualTo(NOT_INT);
  }

  @Test
  void getset_returnsOldAndDropsTtl() {
    assertThat(h.run("GETSET", "k", "a")).isEqualTo(NIL);
    h.run("SET", "k", "a", "EX", "10");
    assertThat(h.run("GETSET", "k", "b")).isEqualTo(bulk("a"));
    assertThat(expireAt("k")).isEqualTo(-1);
    assertThat(h.run("GET", "k")).isEqualTo(bulk("b"));
  }

  @Test
  void getdel_returnsAndDeletes() {
    h.run("SET", "k", "42");
    assertThat(h.run("GETDEL", "k")).isEqualTo(bulk("42"));
    assertThat(h.run("GETDEL", "k")).isEqualTo(NIL);
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
  }

  // ---- GETEX ----------------------------------------------------------------------------

  @Test
  void getex_options_changeTtl() {
    h.run("SET", "k", "v");
    assertThat(h.run("GETEX", "k")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(-1);
    assertThat(h.run("GETEX", "k", "EX", "10")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(NOW + 10_000);
    assertThat(h.run("GETEX", "k", "px", "20")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(NOW + 20);
    assertThat(h.run("GETEX", "k", "EXAT", "1700000000")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(1_700_000_000_000L);
    assertThat(h.run("GETEX", "k", "PXAT", "1700000000001")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(1_700_000_000_001L);
    assertThat(h.run("GETEX", "k", "PERSIST")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(-1);
  }

  @Test
  void getex_pastAbsoluteTime_repliesThenDeletes() {
    h.run("SET", "k", "v");
    assertThat(h.run("GETEX", "k", "PXAT", "1")).isEqualTo(bulk("v"));
    assertThat(expireAt("k")).isEqualTo(-2);
    h.run("SET", "k", "v");
    assertThat(h.run("GETEX", "k", "EXAT", Long.toString(NOW / 1000))).isEqualTo(bulk("v"));
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
  }

  @Test
  void getex_errors() {
    h.run("SET", "k", "v");
    for (String[] opts : new String[][] {{"EX", "1", "PX", "1"}, {"PERSIST", "EX", "1"}, {"EX", "1", "PERSIST"},
        {"KEEPTTL"}, {"NX"}, {"GET"}, {"EX"}, {"FOO"}}) {
      Object[] cmd = new Object[2 + opts.length];
      cmd[0] = "GETEX";
      cmd[1] = "k";
      System.arraycopy(opts, 0, cmd, 2, opts.length);
      assertThat(h.run(cmd)).as(String.join(" ", opts)).isEqualTo(SYNTAX);
    }
    assertThat(h.run("GETEX", "k", "EX", "0")).isEqualTo(err("ERR invalid expire time in 'getex' command"));
    assertThat(h.run("GETEX", "k", "EX", "x")).isEqualTo(NOT_INT);
    // A missing key answers nil before the time is checked.
    assertThat(h.run("GETEX", "nokey", "EX", "-1")).isEqualTo(NIL);
    assertThat(h.run("GETEX", "nokey", "BAD")).isEqualTo(SYNTAX);
  }

  // ---- MGET MSET MSETNX -----------------------------------------------------------------

  @Test
  void mset_mget_roundTrip() {
    assertThat(h.run("MSET", "a", "1", "b", "two")).isEqualTo(OK);
    assertThat(h.run("MGET", "a", "b", "c")).isEqualTo("*3\r\n" + bulk("1") + bulk("two") + NIL);
    assertThat(h.run("MSET", "a", "1", "b")).isEqualTo(err("ERR wrong number of arguments for 'mset' command"));
    assertThat(h.run("MSET", "d", "1", "d", "2")).isEqualTo(OK);
    assertThat(h.run("GET", "d")).isEqualTo(bulk("2"));
  }

  @Test
  void msetnx_allOrNothing() {
    assertThat(h.run("MSETNX", "a", "1", "b", "2")).isEqualTo(integer(1));
    assertThat(h.run("MSETNX", "b", "x", "c", "y")).isEqualTo(integer(0));
    assertThat(h.run("MGET", "a", "b", "c")).isEqualTo("*3\r\n" + bulk("1") + bulk("2") + NIL);
    assertThat(h.run("MSETNX", "a")).isEqualTo(err("ERR wrong number of arguments for 'msetnx' command"));
    assertThat(h.run("MSETNX", "e", "1", "f")).isEqualTo(err("ERR wrong number of arguments for 'msetnx' command"));
  }

  // ---- APPEND STRLEN SETRANGE GETRANGE --------------------------------------------------

  @Test
  void append_growsAndReportsLength() {
    assertThat(h.run("APPEND", "k", "123")).isEqualTo(integer(3));
    assertThat(encoding("k")).isEqualTo("int");
    assertThat(h.run("APPEND", "k", "abc")).isEqualTo(integer(6));
    assertThat(encoding("k")).isEqualTo("raw");
    assertThat(h.run("GET", "k")).isEqualTo(bulk("123abc"));
    assertThat(h.run("STRLEN", "k")).isEqualTo(integer(6));
    assertThat(h.run("STRLEN", "nokey")).isEqualTo(integer(0));
    h.run("SET", "n", "-100");
    assertThat(h.run("STRLEN", "n")).isEqualTo(integer(4));
  }

  @Test
  void append_beyondProtoMaxBulkLen_error() {
    h.node().call(() -> h.node().settings().protoMaxBulkLen = 10);
    h.run("SET", "k", "12345678");
    assertThat(h.run("APPEND", "k", "abc"))
        .isEqualTo(err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
    assertThat(h.run("APPEND", "k", "ab")).isEqualTo(integer(10));
    assertThat(h.run("SETRANGE", "k", "10", "x"))
        .isEqualTo(err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
  }

  @Test
  void setrange_padsWithZerosAndOverwrites() {
    assertThat(h.run("SETRANGE", "k", "3", "ab")).isEqualTo(integer(5));
    assertThat(h.run("GET", "k")).isEqualTo(bulk("\0\0\0ab"));
    // offset + length overflows a long: still the size error, never a crash
    assertThat(h.run("SETRANGE", "k", "9223372036854775807", "x"))
        .isEqualTo(err("ERR string exceeds maximum allowed size (proto-max-bulk-len)"));
    assertThat(h.run("SETRANGE", "k", "9223372036854775807", "")).isEqualTo(integer(5));
    assertThat(h.run("SETRANGE", "k", "0", "xy")).isEqualTo(integer(5));
    assertThat(h.run("GET", "k")).isEqualTo(bulk("xy\0ab"));
    assertThat(h.run("SETRANGE", "k", "1", "")).isEqualTo(integer(5));
    assertThat(h.run("SETRANGE", "e", "1", "")).isEqualTo(integer(0));
    assertThat(h.run("GET", "e")).isEqualTo(NIL);
    assertThat(h.run("SETRANGE", "k", "-1", "x")).isEqualTo(err("ERR offset is out of range"));
    assertThat(h.run("SETRANGE", "k", "x", "x")).isEqualTo(NOT_INT);
    h.run("SET", "n", "1234");
    assertThat(h.run("SETRANGE", "n", "1", "9")).isEqualTo(integer(4));
    assertThat(h.run("INCR", "n")).isEqualTo(integer(1935));
  }

  @Test
  void getrange_clampsLikeRedis() {
    h.run("SET", "k", "Hello World");
    assertThat(h.run("GETRANGE", "k", "0", "4")).isEqualTo(bulk("Hello"));
    assertThat(h.run("GETRANGE", "k", "-5", "-1")).isEqualTo(bulk("World"));
    assertThat(h.run("GETRANGE", "k", "0", "-1")).isEqualTo(bulk("Hello World"));
    assertThat(h.run("GETRANGE", "k", "5", "2")).isEqualTo(EMPTY);
    assertThat(h.run("GETRANGE", "k", "-1", "-5")).isEqualTo(EMPTY);
    assertThat(h.run("GETRANGE", "k", "-100", "2")).isEqualTo(bulk("Hel"));
    assertThat(h.run("GETRANGE", "k", "3", "100")).isEqualTo(bulk("lo World"));
    assertThat(h.run("GETRANGE", "k", "100", "200")).isEqualTo(EMPTY);
    assertThat(h.run("SUBSTR", "k", "6", "-1")).isEqualTo(bulk("World"));
    assertThat(h.run("GETRANGE", "nokey", "0", "1")).isEqualTo(EMPTY);
    assertThat(h.run("GETRANGE", "k", "a", "1")).isEqualTo(NOT_INT);
    h.run("SET", "n", "-12345");
    assertThat(h.run("GETRANGE", "n", "1", "3")).isEqualTo(bulk("123"));
  }

  // ---- INCR family ----------------------------------------------------------------------

  @Test
  void incrFamily_countsAndKeepsTtl() {
    assertThat(h.run("INCR", "c")).isEqualTo(integer(1));
    assertThat(h.run("INCRBY", "c", "10")).isEqualTo(integer(11));
    assertThat(h.run("DECR", "c")).isEqualTo(integer(10));
    assertThat(h.run("DECRBY", "c", "-5")).isEqualTo(integer(15));
    assertThat(h.run("GET", "c")).isEqualTo(bulk("15"));
    h.run("SET", "t", "5", "EX", "100");
    assertThat(h.run("INCR", "t")).isEqualTo(integer(6));
    assertThat(expireAt("t")).isEqualTo(NOW + 100_000);
    h.run("SET", "s", "41");
    h.run("APPEND", "s", "");
    assertThat(h.run("INCR", "s")).isEqualTo(integer(42));
    assertThat(encoding("s")).isEqualTo("int");
  }

  @Test
  void incrFamily_errors() {
    String overflow = err("ERR increment or decrement would overflow");
    h.run("SET", "max", "9223372036854775807");
    assertThat(h.run("INCR", "max")).isEqualTo(overflow);
    h.run("SET", "min", "-9223372036854775808");
    assertThat(h.run("DECR", "min")).isEqualTo(overflow);
    assertThat(h.run("INCRBY", "min", "-1")).isEqualTo(overflow);
    assertThat(h.run("DECRBY", "x", "-9223372036854775808")).isEqualTo(err("ERR decrement would overflow"));
    assertThat(h.run("INCRBY", "x", "1.5")).isEqualTo(NOT_INT);
    assertThat(h.run("INCRBY", "x", "9223372036854775808")).isEqualTo(NOT_INT);
    for (String bad : new String[] {"abc", "10 ", " 10", "010", "1e3", "10.0", "-0", "+1", ""}) {
      h.run("SET", "s", bad);
      assertThat(h.run("INCR", "s")).as(bad).isEqualTo(NOT_INT);
    }
  }

  // ---- INCRBYFLOAT ----------------------------------------------------------------------

  @Test
  void incrbyfloat_extendedPrecisionResults() {
    h.run("SET", "k", "10.5");
    assertThat(h.run("INCRBYFLOAT", "k", "0.1")).isEqualTo(bulk("10.6"));
    assertThat(h.run("INCRBYFLOAT", "k", "5.0e3")).isEqualTo(bulk("5010.60000000000000009"));
    assertThat(h.run("INCRBYFLOAT", "k", "1e-20")).isEqualTo(bulk("5010.60000000000000009"));
    assertThat(h.run("INCRBYFLOAT", "k", "-5010.6")).isEqualTo(bulk("0"));
    assertThat(h.run("INCRBYFLOAT", "n", "3.0e-2")).isEqualTo(bulk("0.03"));
    assertThat(h.run("INCRBYFLOAT", "m", "-818.231")).isEqualTo(bulk("-818.23099999999999998"));
    assertThat(h.run("INCRBYFLOAT", "h", "0x1.8p1")).isEqualTo(bulk("3"));
    assertThat(h.run("INCRBYFLOAT", "t", "0.000003814697265625")).isEqualTo(bulk("0.00000381469726562"));
    assertThat(h.run("INCRBYFLOAT", "z", "-0.00000000000000000001")).isEqualTo(bulk("0"));
    h.run("SET", "i", "17");
    assertThat(h.run("INCRBYFLOAT", "i", "1")).isEqualTo(bulk("18"));
    assertThat(encoding("i")).isEqualTo("embstr");
  }

  @Test
  void incrbyfloat_errors() {
    for (String bad : new String[] {"abc", "", " 1", "1 ", "nan", "1e5000", "1e-5000", "1e", ".", "0x"}) {
      assertThat(h.run("INCRBYFLOAT", "k", bad)).as(bad).isEqualTo(NOT_FLOAT);
    }
    String nanOrInf = err("ERR increment would produce NaN or Infinity");
    assertThat(h.run("INCRBYFLOAT", "k", "inf")).isEqualTo(nanOrInf);
    assertThat(h.run("INCRBYFLOAT", "k", "-Infinity")).isEqualTo(nanOrInf);
    h.run("SET", "big", "1.18973149535723176502e4932");
    assertThat(h.run("INCRBYFLOAT", "big", "1.18973149535723176502e4932")).isEqualTo(nanOrInf);
    h.run("SET", "s", "abc");
    assertThat(h.run("INCRBYFLOAT", "s", "1")).isEqualTo(NOT_FLOAT);
    assertThat(h.run("GET", "k")).isEqualTo(NIL);
  }

  @Test
  void incrbyfloat_keepsTtl() {
    h.run("SET", "k", "1", "PX", "5000");
    assertThat(h.run("INCRBYFLOAT", "k", "0.5")).isEqualTo(bulk("1.5"));
    assertThat(expireAt("k")).isEqualTo(NOW + 5000);
  }

  // ---- LCS ------------------------------------------------------------------------------

  @Test
  void lcs_variants() {
    h.run("MSET", "a", "ohmytext", "b", "mynewtext");
    assertThat(h.run("LCS", "a", "b")).isEqualTo(bulk("mytext"));
    assertThat(h.run("LCS", "a", "b", "LEN")).isEqualTo(integer(6));
    assertThat(h.run("LCS", "a", "b", "IDX")).isEqualTo("*4\r\n" + bulk("matches")
        + "*2\r\n"
        + "*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n"
        + "*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n"
        + bulk("len") + integer(6));
    assertThat(h.run("LCS", "a", "b", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN")).isEqualTo("*4\r\n"
        + bulk("matches") + "*1\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n" + bulk("len") + integer(6));
    assertThat(h.run("LCS", "a", "nokey")).isEqualTo(EMPTY);
    assertThat(h.run("LCS", "a", "b", "IDX", "LEN"))
        .isEqualTo(err("ERR If you want both the length and indexes, please just use IDX."));
    assertThat(h.run("LCS", "a", "b", "MINMATCHLEN")).isEqualTo(SYNTAX);
    assertThat(h.run("LCS", "a", "b", "MINMATCHLEN", "x")).isEqualTo(NOT_INT);
  }

  @Test
  void lcs_tableBeyondProtoMaxBulkLen_error() {
    h.node().call(() -> h.node().settings().protoMaxBulkLen = 1000);
    h.run("MSET", "a", "x".repeat(20), "b", "y".repeat(20));
    assertThat(h.run("LCS", "a", "b"))
        .isEqualTo(err("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len"));
  }

  // ---- hot path -------------------------------------------------------------------------

  @Test
  void incr_existingValue_updatesInPlace() {
    h.run("SET", "c", "1000000");
    StringValue before = h.node().call(() -> (StringValue) h.node().keyspace().db(0).peek("c".getBytes(), 0, 1).value());
    h.run("INCR", "c");
    StringValue after = h.node().call(() -> (StringValue) h.node().keyspace().db(0).peek("c".getBytes(), 0, 1).value());
    assertThat(after).isSameAs(before);
    assertThat(after.longValue()).isEqualTo(1_000_001L);
  }
}
