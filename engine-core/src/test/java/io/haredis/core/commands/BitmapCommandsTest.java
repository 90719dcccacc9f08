package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Exact RESP replies of the bitmap commands, RESP2 and RESP3. The expected replies were
 * recorded from redis-server 7.0.15 running the same commands on an empty database.
 */
class BitmapCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** Runs a command whose arguments are ISO-8859-1 text (one char per byte). */
  private String run(String... args) {
    Object[] bytes = new Object[args.length];
    for (int i = 0; i < args.length; i++) {
      bytes[i] = args[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return h.run(bytes);
  }

  @Test
  void setbitGetbit_variousArguments_matchRedis() {
    assertThat(run("SETBIT", "k", "7", "1")).isEqualTo(":0\r\n");
    assertThat(run("GETBIT", "k", "7")).isEqualTo(":1\r\n");
    assertThat(run("GETBIT", "k", "6")).isEqualTo(":0\r\n");
    assertThat(run("GETBIT", "k", "100")).isEqualTo(":0\r\n");
    assertThat(run("STRLEN", "k")).isEqualTo(":1\r\n");
    assertThat(run("SETBIT", "k", "7", "1")).isEqualTo(":1\r\n");
    assertThat(run("SETBIT", "k", "7", "0")).isEqualTo(":1\r\n");
    assertThat(run("SETBIT", "k", "23", "1")).isEqualTo(":0\r\n");
    assertThat(run("GETRANGE", "k", "0", "-1")).isEqualTo("$3\r\n\u0000\u0000\u0001\r\n");
    assertThat(run("SETBIT", "k", "4294967296", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "k", "4294967295")).isEqualTo(":0\r\n"); // the last valid offset
    assertThat(run("SETBIT", "k", "-1", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "abc", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "1", "2")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "1", "-1")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "1", "x")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "1", "")).isEqualTo("-ERR bit is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "k", "-1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "k", "4294967296")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "k", "x")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "missing", "0")).isEqualTo(":0\r\n");
    assertThat(run("SET", "n", "12345")).isEqualTo("+OK\r\n");
    assertThat(run("GETBIT", "n", "2")).isEqualTo(":1\r\n");
    assertThat(run("GETBIT", "n", "39")).isEqualTo(":1\r\n");
    assertThat(run("GETBIT", "n", "40")).isEqualTo(":0\r\n");
    assertThat(run("SETBIT", "n", "0", "0")).isEqualTo(":0\r\n");
    assertThat(run("GET", "n")).isEqualTo("$5\r\n12345\r\n");
    assertThat(run("SETBIT", "n", "47", "1")).isEqualTo(":0\r\n");
    assertThat(run("GET", "n")).isEqualTo("$6\r\n12345\u0001\r\n");
    assertThat(run("LPUSH", "l", "a")).isEqualTo(":1\r\n");
    assertThat(run("SETBIT", "l", "0", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("GETBIT", "l", "0")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("SETBIT", "l", "x", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
  }

  @Test
  void bitcount_rangesAndUnits_matchRedis() {
    assertThat(run("SET", "f", "foobar")).isEqualTo("+OK\r\n");
    assertThat(run("BITCOUNT", "f")).isEqualTo(":26\r\n");
    assertThat(run("BITCOUNT", "f", "1", "1")).isEqualTo(":6\r\n");
    assertThat(run("BITCOUNT", "f", "0", "0", "BYTE")).isEqualTo(":4\r\n");
    assertThat(run("BITCOUNT", "f", "5", "30", "BIT")).isEqualTo(":17\r\n");
    assertThat(run("BITCOUNT", "f", "5", "30", "bit")).isEqualTo(":17\r\n");
    assertThat(run("BITCOUNT", "f", "-5", "-1", "BIT")).isEqualTo(":2\r\n");
    assertThat(run("BITCOUNT", "f", "-1", "-2")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "-1", "-2", "bogus")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "-100", "100")).isEqualTo(":26\r\n");
    assertThat(run("BITCOUNT", "f", "100", "200")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "3", "1")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "0", "-1", "bits")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITCOUNT", "f", "0")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITCOUNT", "f", "0", "1", "BIT", "extra")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITCOUNT", "missing", "0")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "missing", "x", "y")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "x", "1")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITCOUNT", "f", "1", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITCOUNT", "f", "9223372036854775807", "-9223372036854775808")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "f", "-9223372036854775808", "9223372036854775807", "BIT")).isEqualTo(":26\r\n");
    assertThat(run("SET", "n", "255")).isEqualTo("+OK\r\n");
    assertThat(run("BITCOUNT", "n")).isEqualTo(":11\r\n");
    assertThat(run("BITCOUNT", "n", "1", "1")).isEqualTo(":4\r\n");
    assertThat(run("SET", "e", "")).isEqualTo("+OK\r\n");
    assertThat(run("BITCOUNT", "e")).isEqualTo(":0\r\n");
    assertThat(run("BITCOUNT", "e", "0", "-1")).isEqualTo(":0\r\n");
    assertThat(run("LPUSH", "l", "a")).isEqualTo(":1\r\n");
    assertThat(run("BITCOUNT", "l")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
  }

  @Test
  void bitpos_rangesAndClearBitRules_matchRedis() {
    assertThat(run("SET", "z", "\u00ff\u00f0\u0000")).isEqualTo("+OK\r\n");
    assertThat(run("BITPOS", "z", "0")).isEqualTo(":12\r\n");
    assertThat(run("BITPOS", "z", "1")).isEqualTo(":0\r\n");
    assertThat(run("BITPOS", "z", "1", "2")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "0", "0", "0")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "0", "0", "1")).isEqualTo(":12\r\n");
    assertThat(run("BITPOS", "z", "1", "7", "15", "BIT")).isEqualTo(":7\r\n");
    assertThat(run("BITPOS", "z", "0", "7", "11", "BIT")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "0", "3", "-1", "bit")).isEqualTo(":12\r\n");
    assertThat(run("BITPOS", "z", "1", "-1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "1", "-1", "-1", "BYTE")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "1", "2", "1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "z", "2")).isEqualTo("-ERR The bit argument must be 1 or 0.\r\n");
    assertThat(run("BITPOS", "z", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITPOS", "z", "1", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITPOS", "z", "1", "0", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITPOS", "z", "1", "0", "1", "bogus")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITPOS", "z", "1", "x", "1", "bogus")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITPOS", "z", "1", "0", "x", "bogus")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITPOS", "z", "1", "0", "1", "BIT", "extra")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITPOS", "missing", "0")).isEqualTo(":0\r\n");
    assertThat(run("BITPOS", "missing", "1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "missing", "1", "0", "0", "bogus")).isEqualTo(":-1\r\n");
    assertThat(run("SET", "ones", "\u00ff\u00ff")).isEqualTo("+OK\r\n");
    assertThat(run("BITPOS", "ones", "0")).isEqualTo(":16\r\n");
    assertThat(run("BITPOS", "ones", "0", "1")).isEqualTo(":16\r\n");
    assertThat(run("BITPOS", "ones", "0", "0", "-1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "ones", "0", "3", "15", "BIT")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "ones", "0", "3")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "ones", "1", "100")).isEqualTo(":-1\r\n");
    assertThat(run("SET", "zeros", "\u0000\u0000")).isEqualTo("+OK\r\n");
    assertThat(run("BITPOS", "zeros", "1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "zeros", "0", "1")).isEqualTo(":8\r\n");
    assertThat(run("BITPOS", "zeros", "1", "3", "12", "BIT")).isEqualTo(":-1\r\n");
    assertThat(run("SET", "e", "")).isEqualTo("+OK\r\n");
    assertThat(run("BITPOS", "e", "0")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "e", "1")).isEqualTo(":-1\r\n");
    assertThat(run("BITPOS", "e", "0", "0")).isEqualTo(":-1\r\n");
    assertThat(run("SET", "n", "10")).isEqualTo("+OK\r\n");
    assertThat(run("BITPOS", "n", "1")).isEqualTo(":2\r\n");
    assertThat(run("BITPOS", "n", "0", "1")).isEqualTo(":8\r\n");
    assertThat(run("LPUSH", "l", "a")).isEqualTo(":1\r\n");
    assertThat(run("BITPOS", "l", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("BITPOS", "l", "7")).isEqualTo("-ERR The bit argument must be 1 or 0.\r\n");
  }

  @Test
  void bitop_operationsAndEmptyResults_matchRedis() {
    assertThat(run("SET", "a", "foobar")).isEqualTo("+OK\r\n");
    assertThat(run("SET", "b", "abcdef")).isEqualTo("+OK\r\n");
    assertThat(run("SET", "c", "12")).isEqualTo("+OK\r\n");
    assertThat(run("BITOP", "AND", "d", "a", "b")).isEqualTo(":6\r\n");
    assertThat(run("GET", "d")).isEqualTo("$6\r\n`bc`ab\r\n");
    assertThat(run("OBJECT", "ENCODING", "d")).isEqualTo("$3\r\nraw\r\n");
    assertThat(run("BITOP", "OR", "d", "a", "b", "c")).isEqualTo(":6\r\n");
    assertThat(run("GET", "d")).isEqualTo("$6\r\nw\u007fofev\r\n");
    assertThat(run("BITOP", "XOR", "d", "a", "c")).isEqualTo(":6\r\n");
    assertThat(run("GET", "d")).isEqualTo("$6\r\nW]obar\r\n");
    assertThat(run("BITOP", "NOT", "d", "c")).isEqualTo(":2\r\n");
    assertThat(run("GET", "d")).isEqualTo("$2\r\n\u00ce\u00cd\r\n");
    assertThat(run("BITOP", "and", "d", "a", "missing")).isEqualTo(":6\r\n");
    assertThat(run("GET", "d")).isEqualTo("$6\r\n\u0000\u0000\u0000\u0000\u0000\u0000\r\n");
    assertThat(run("BITOP", "NOT", "d", "a", "b")).isEqualTo("-ERR BITOP NOT must be called with a single source key.\r\n");
    assertThat(run("BITOP", "nand", "d", "a")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITOP", "or", "d", "missing1", "missing2")).isEqualTo(":0\r\n");
    assertThat(run("EXISTS", "d")).isEqualTo(":0\r\n");
    assertThat(run("BITOP", "or", "d", "missing1")).isEqualTo(":0\r\n");
    assertThat(run("EXISTS", "d")).isEqualTo(":0\r\n");
    assertThat(run("SET", "d", "x")).isEqualTo("+OK\r\n");
    assertThat(run("EXPIRE", "d", "100")).isEqualTo(":1\r\n");
    assertThat(run("BITOP", "OR", "d", "a")).isEqualTo(":6\r\n");
    assertThat(run("TTL", "d")).isEqualTo(":-1\r\n");
    assertThat(run("LPUSH", "l", "x")).isEqualTo(":1\r\n");
    assertThat(run("BITOP", "OR", "d", "a", "l")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("BITOP", "OR", "l", "a")).isEqualTo(":6\r\n");
    assertThat(run("TYPE", "l")).isEqualTo("+string\r\n");
    assertThat(run("BITOP", "AND", "d", "missing", "l")).isEqualTo(":6\r\n");
  }

  @Test
  void bitfield_getSetIncrbyOverflow_matchRedis() {
    assertThat(run("BITFIELD", "bf", "SET", "i8", "0", "100", "INCRBY", "i8", "0", "100", "OVERFLOW", "SAT", "INCRBY", "i8", "0", "100", "OVERFLOW", "FAIL", "INCRBY", "i8", "0", "100", "GET", "u4", "#1")).isEqualTo("*5\r\n:0\r\n:-56\r\n:44\r\n$-1\r\n:12\r\n");
    assertThat(run("GET", "bf")).isEqualTo("$1\r\n,\r\n");
    assertThat(run("OBJECT", "ENCODING", "bf")).isEqualTo("$3\r\nraw\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "u8", "#1", "-1", "OVERFLOW", "SAT", "SET", "u8", "#2", "-1", "OVERFLOW", "WRAP", "SET", "u8", "#3", "300")).isEqualTo("*3\r\n:0\r\n:0\r\n:0\r\n");
    assertThat(run("BITFIELD", "bf", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "incrby", "u2", "102", "-1", "overflow", "fail", "INCRBY", "u2", "104", "5", "get", "u2", "104")).isEqualTo("*4\r\n:1\r\n:0\r\n$-1\r\n:0\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-1", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-1", "INCRBY", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "9223372036854775807")).isEqualTo("*5\r\n:3242590821173690368\r\n:9223372036854775807\r\n:9223372036854775806\r\n:9223372036854775807\r\n:9223372036854775807\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "u63", "0", "9223372036854775807", "INCRBY", "u63", "0", "1", "OVERFLOW", "SAT", "INCRBY", "u63", "0", "5", "INCRBY", "u63", "0", "-9223372036854775808")).isEqualTo("*4\r\n:4611686018427387903\r\n:0\r\n:5\r\n:0\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "i1", "0", "1", "GET", "i1", "0", "GET", "u1", "0", "SET", "i3", "5", "-5", "GET", "i3", "5", "GET", "u3", "5")).isEqualTo("*6\r\n:0\r\n:-1\r\n:1\r\n:0\r\n:3\r\n:3\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i64", "3", "GET", "u63", "5", "GET", "i8", "#100")).isEqualTo("*3\r\n:1729382256910270472\r\n:3458764513820540944\r\n:0\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "u64", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i65", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i0", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "x8", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "I8", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i08", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8", "-1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8", "#-1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8", "##1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8", "4294967296")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8", "4294967295")).isEqualTo("*1\r\n:0\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "i8", "0", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "i8", "0", "1.5")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "bf", "OVERFLOW", "bogus")).isEqualTo("-ERR Invalid OVERFLOW type specified\r\n");
    assertThat(run("BITFIELD", "bf", "OVERFLOW")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITFIELD", "bf", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "i8")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITFIELD", "bf", "SET", "i8", "0")).isEqualTo("-ERR syntax error\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "u64", "0", "OVERFLOW", "bogus")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "bf", "OVERFLOW", "bogus", "GET", "u64", "0")).isEqualTo("-ERR Invalid OVERFLOW type specified\r\n");
    assertThat(run("BITFIELD", "bf")).isEqualTo("*0\r\n");
    assertThat(run("BITFIELD", "missing")).isEqualTo("*0\r\n");
    assertThat(run("BITFIELD", "missing", "GET", "i8", "0")).isEqualTo("*1\r\n:0\r\n");
    assertThat(run("EXISTS", "missing")).isEqualTo(":0\r\n");
    assertThat(run("BITFIELD_RO", "bf", "SET", "i8", "0", "1")).isEqualTo("-ERR BITFIELD_RO only supports the GET subcommand\r\n");
    assertThat(run("BITFIELD_RO", "bf", "GET", "i8", "0", "INCRBY", "i8", "0", "1")).isEqualTo("-ERR BITFIELD_RO only supports the GET subcommand\r\n");
    assertThat(run("BITFIELD_RO", "bf", "GET", "i8", "0", "GET", "u16", "#3")).isEqualTo("*2\r\n:-125\r\n:1\r\n");
    assertThat(run("BITFIELD_RO", "missing", "GET", "i8", "0")).isEqualTo("*1\r\n:0\r\n");
    assertThat(run("BITFIELD_RO", "bf")).isEqualTo("*0\r\n");
    assertThat(run("BITFIELD_RO", "bf", "GET", "u64", "0")).isEqualTo("-ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.\r\n");
    assertThat(run("BITFIELD", "new", "OVERFLOW", "FAIL", "SET", "u8", "0", "256")).isEqualTo("*1\r\n$-1\r\n");
    assertThat(run("EXISTS", "new")).isEqualTo(":1\r\n");
    assertThat(run("GET", "new")).isEqualTo("$1\r\n\u0000\r\n");
    assertThat(run("SET", "n", "1234")).isEqualTo("+OK\r\n");
    assertThat(run("BITFIELD", "n", "GET", "u8", "0", "GET", "u8", "8")).isEqualTo("*2\r\n:49\r\n:50\r\n");
    assertThat(run("BITFIELD_RO", "n", "GET", "u16", "0")).isEqualTo("*1\r\n:12594\r\n");
    assertThat(run("OBJECT", "ENCODING", "n")).isEqualTo("$3\r\nint\r\n");
    assertThat(run("BITFIELD", "n", "SET", "u8", "0", "49")).isEqualTo("*1\r\n:49\r\n");
    assertThat(run("OBJECT", "ENCODING", "n")).isEqualTo("$3\r\nraw\r\n");
    assertThat(run("GET", "n")).isEqualTo("$4\r\n1234\r\n");
    assertThat(run("LPUSH", "l", "a")).isEqualTo(":1\r\n");
    assertThat(run("BITFIELD", "l", "GET", "i8", "0")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("BITFIELD", "l", "SET", "i8", "0", "1")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("BITFIELD_RO", "l", "GET", "i8", "0")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    assertThat(run("BITFIELD", "l")).isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    run("HELLO", "3");
    assertThat(run("BITFIELD", "bf", "OVERFLOW", "FAIL", "SET", "i8", "0", "200", "GET", "i8", "0")).isEqualTo("*2\r\n_\r\n:-125\r\n");
    assertThat(run("BITFIELD", "bf", "GET", "u8", "0")).isEqualTo("*1\r\n:131\r\n");
    assertThat(run("BITCOUNT", "bf", "0", "0")).isEqualTo(":3\r\n");
    run("HELLO", "2");
  }

  @Test
  void bitfield_setFarOutOfRange_overflowDirectionAsRedis() {
    // Redis computes the headroom with 64-bit wrap-around: a SET of a value near -2^63 counts
    // as an overflow upwards, so SAT stores the maximum.
    assertThat(run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "i23", "0", "-9223372036854775808", "GET", "i23", "0")).isEqualTo("*2\r\n:0\r\n:4194303\r\n");
    assertThat(run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "i8", "0", "-4611686018427387904", "GET", "i8", "0")).isEqualTo("*2\r\n:127\r\n:-128\r\n");
    assertThat(run("BITFIELD", "q", "OVERFLOW", "WRAP", "SET", "i8", "0", "-9223372036854775807", "GET", "i8", "0")).isEqualTo("*2\r\n:-128\r\n:1\r\n");
    assertThat(run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "i64", "0", "-9223372036854775808", "INCRBY", "i64", "0", "-9223372036854775808", "INCRBY", "i8", "0", "-9223372036854775808")).isEqualTo("*3\r\n:144112989052600320\r\n:-9223372036854775808\r\n:-128\r\n");
    assertThat(run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "u8", "0", "-9223372036854775808", "INCRBY", "u8", "0", "-9223372036854775808", "INCRBY", "u8", "0", "9223372036854775807")).isEqualTo("*3\r\n:128\r\n:0\r\n:255\r\n");
    assertThat(run("BITFIELD", "q", "OVERFLOW", "SAT", "SET", "i8", "0", "9223372036854775807", "SET", "i8", "0", "-129", "SET", "i8", "0", "-128")).isEqualTo("*3\r\n:-1\r\n:127\r\n:-128\r\n");
  }

  @Test
  void offsets_limitedByProtoMaxBulkLen_matchRedis() {
    assertThat(run("CONFIG", "SET", "proto-max-bulk-len", "1048576")).isEqualTo("+OK\r\n");
    assertThat(run("SETBIT", "k", "8388608", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("GETBIT", "k", "8388608")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("SETBIT", "k", "8388607", "1")).isEqualTo(":0\r\n");
    assertThat(run("STRLEN", "k")).isEqualTo(":1048576\r\n");
    assertThat(run("BITFIELD", "k", "SET", "u8", "8388607", "255", "GET", "u8", "8388607")).isEqualTo("*2\r\n:128\r\n:255\r\n");
    assertThat(run("STRLEN", "k")).isEqualTo(":1048577\r\n");
    assertThat(run("BITFIELD", "k", "GET", "u8", "8388608")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "k", "SET", "u8", "#1048576", "1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("BITFIELD", "k", "SET", "i64", "#131071", "-1")).isEqualTo("*1\r\n:1\r\n");
    assertThat(run("BITFIELD", "k", "SET", "i64", "#131072", "-1")).isEqualTo("-ERR bit offset is not an integer or out of range\r\n");
    assertThat(run("STRLEN", "k")).isEqualTo(":1048577\r\n");
    assertThat(run("BITCOUNT", "k")).isEqualTo(":71\r\n");
    assertThat(run("BITPOS", "k", "1", "-2")).isEqualTo(":8388600\r\n");
    assertThat(run("CONFIG", "SET", "proto-max-bulk-len", "536870912")).isEqualTo("+OK\r\n");
  }
}
