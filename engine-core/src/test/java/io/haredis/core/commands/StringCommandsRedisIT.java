package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the same scripted string commands (including every error path we can
 * reach with strings alone) go to a haredis node over TCP and to a real redis-server 7.0, and
 * the reply bytes must be identical. Commands whose reply depends on the clock are avoided.
 */
class StringCommandsRedisIT {

  private static final String BIG = "x".repeat(100);

  static List<String[]> script() {
    List<String[]> s = new ArrayList<>();
    // GET / SET and every option combination.
    add(s, "GET", "nokey");
    add(s, "SET", "k", "v");
    add(s, "GET", "k");
    add(s, "SET", "k", "12345");
    add(s, "GET", "k");
    add(s, "SET", "k", "v2", "NX");
    add(s, "SET", "k", "v2", "XX");
    add(s, "SET", "nx1", "v", "nx");
    add(s, "SET", "nx1", "v", "xx", "get");
    add(s, "SET", "nx2", "v", "xx", "GET");
    add(s, "SET", "nx2", "v", "NX", "GET");
    add(s, "SET", "nx2", "w", "NX", "GET");
    add(s, "SET", "k", "v", "NX", "XX");
    add(s, "SET", "k", "v", "XX", "NX");
    add(s, "SET", "k", "v", "NX", "NX");
    add(s, "SET", "k", "v", "GET", "GET");
    add(s, "SET", "k", "v", "EX");
    add(s, "SET", "k", "v", "EX", "10", "PX", "100");
    add(s, "SET", "k", "v", "EX", "10", "EX", "20");
    add(s, "SET", "k", "v", "KEEPTTL", "EX", "10");
    add(s, "SET", "k", "v", "EX", "10", "KEEPTTL");
    add(s, "SET", "k", "v", "PXAT", "10", "EXAT", "10");
    add(s, "SET", "k", "v", "PERSIST");
    add(s, "SET", "k", "v", "EX", "0");
    add(s, "SET", "k", "v", "EX", "-5");
    add(s, "SET", "k", "v", "PX", "0");
    add(s, "SET", "k", "v", "EXAT", "0");
    add(s, "SET", "k", "v", "PXAT", "-1");
    add(s, "SET", "k", "v", "EX", "abc");
    add(s, "SET", "k", "v", "EX", "1.5");
    add(s, "SET", "k", "v", "EX", "9223372036854775");
    add(s, "SET", "k", "v", "EX", "9223372036854776");
    add(s, "SET", "k", "v", "EXAT", "9223372036854775");
    add(s, "SET", "k", "v", "PX", "9223372036854775807");
    add(s, "SET", "k", "v", "PXAT", "9223372036854775807");
    add(s, "GET", "k");
    add(s, "SET", "k", "v", "FOO");
    add(s, "SET", "k");
    add(s, "SET", "k", "v", "ex", "100", "get");
    add(s, "SET", "k", "w", "px", "100000", "xx");
    add(s, "SET", "k", "w2", "keepttl", "get");
    add(s, "SET", "k", "w3", "exat", "99999999999", "nx");
    add(s, "SET", "k", "w3", "pxat", "99999999999000", "xx", "get");
    add(s, "GET", "k");
    add(s, "SET", "past", "v", "PXAT", "1");
    add(s, "GET", "past");
    add(s, "SET", "past", "v", "EXAT", "1", "GET");
    add(s, "SET", "past", "v2", "GET");
    add(s, "GET", "past");
    add(s, "SET", "", "empty-key");
    add(s, "GET", "");
    add(s, "SET", "ek", "");
    add(s, "GET", "ek");
    add(s, "SET", "neg", "-0");
    add(s, "SET", "big", BIG);
    add(s, "GET", "big");
    add(s, "GET");
    add(s, "GET", "a", "b");
    // SETNX SETEX PSETEX GETSET GETDEL
    add(s, "SETNX", "snx", "1");
    add(s, "SETNX", "snx", "2");
    add(s, "GET", "snx");
    add(s, "SETNX", "snx");
    add(s, "SETEX", "sx", "100", "v");
    add(s, "GET", "sx");
    add(s, "SETEX", "sx", "0", "v");
    add(s, "SETEX", "sx", "-1", "v");
    add(s, "SETEX", "sx", "x", "v");
    add(s, "SETEX", "sx", "100");
    add(s, "PSETEX", "psx", "100000", "v");
    add(s, "GET", "psx");
    add(s, "PSETEX", "psx", "0", "v");
    add(s, "PSETEX", "psx", "-10", "v");
    add(s, "PSETEX", "psx", "1e3", "v");
    add(s, "GETSET", "gs", "a");
    add(s, "GETSET", "gs", "b");
    add(s, "GETSET", "gs", "100");
    add(s, "INCR", "gs");
    add(s, "GETSET", "gs");
    add(s, "GETDEL", "gs");
    add(s, "GETDEL", "gs");
    add(s, "GET", "gs");
    add(s, "GETDEL", "gs", "x");
    // GETEX
    add(s, "SET", "gx", "val");
    add(s, "GETEX", "gx");
    add(s, "GETEX", "gx", "EX", "100");
    add(s, "GETEX", "gx", "PX", "100000");
    add(s, "GETEX", "gx", "EXAT", "99999999999");
    add(s, "GETEX", "gx", "PXAT", "99999999999999");
    add(s, "GETEX", "gx", "PERSIST");
    add(s, "GETEX", "gx", "PERSIST");
    add(s, "GETEX", "gx", "EX", "0");
    add(s, "GETEX", "gx", "EX", "-1");
    add(s, "GETEX", "gx", "PX", "abc");
    add(s, "GETEX", "gx", "EX", "10", "PX", "10");
    add(s, "GETEX", "gx", "PERSIST", "EX", "10");
    add(s, "GETEX", "gx", "EX", "10", "PERSIST");
    add(s, "GETEX", "gx", "KEEPTTL");
    add(s, "GETEX", "gx", "NX");
    add(s, "GETEX", "gx", "GET");
    add(s, "GETEX", "gx", "EX");
    add(s, "GETEX", "gx", "EX", "10", "EX", "20");
    add(s, "GETEX", "nokey", "EX", "-1");
    add(s, "GETEX", "nokey", "BAD");
    add(s, "GETEX", "gx", "PXAT", "1");
    add(s, "GET", "gx");
    add(s, "SET", "gx", "v");
    add(s, "GETEX", "gx", "EXAT", "1");
    add(s, "GETEX", "gx");
    add(s, "GETEX");
    // MGET MSET MSETNX
    add(s, "MSET", "m1", "1", "m2", "two", "m3", BIG);
    add(s, "MGET", "m1", "m2", "m3", "nokey", "m1");
    add(s, "MSET", "m1", "1", "m2");
    add(s, "MSET", "m1");
    add(s, "MSETNX", "m1", "x", "m9", "y");
    add(s, "MGET", "m1", "m9");
    add(s, "MSETNX", "n1", "x", "n2", "y");
    add(s, "MGET", "n1", "n2");
    add(s, "MSETNX", "n3", "x", "n3", "y");
    add(s, "GET", "n3");
    add(s, "MSETNX", "n4", "x", "n5");
    add(s, "MSET", "d", "1", "d", "2");
    add(s, "GET", "d");
    add(s, "MGET");
    // APPEND STRLEN
    add(s, "APPEND", "ap", "hello");
    add(s, "APPEND", "ap", " world");
    add(s, "GET", "ap");
    add(s, "STRLEN", "ap");
    add(s, "APPEND", "apn", "123");
    add(s, "APPEND", "apn", "456");
    add(s, "INCR", "apn");
    add(s, "APPEND", "apn", "");
    add(s, "STRLEN", "apn");
    add(s, "STRLEN", "nokey");
    add(s, "SET", "i", "-12345");
    add(s, "STRLEN", "i");
    add(s, "APPEND", "i", "0");
    add(s, "GET", "i");
    add(s, "APPEND", "empty", "");
    add(s, "GET", "empty");
    add(s, "STRLEN", "empty");
    // INCR family
    add(s, "INCR", "c");
    add(s, "INCR", "c");
    add(s, "DECR", "c");
    add(s, "INCRBY", "c", "100");
    add(s, "DECRBY", "c", "50");
    add(s, "INCRBY", "c", "-1000");
    add(s, "DECRBY", "c", "-1000");
    add(s, "INCRBY", "c", "abc");
    add(s, "INCRBY", "c", "1.5");
    add(s, "INCRBY", "c", "");
    add(s, "INCRBY", "c", " 1");
    add(s, "INCRBY", "c", "+1");
    add(s, "INCRBY", "c", "9223372036854775808");
    add(s, "DECRBY", "c", "-9223372036854775808");
    add(s, "SET", "max", "9223372036854775807");
    add(s, "INCR", "max");
    add(s, "DECR", "max");
    add(s, "SET", "min", "-9223372036854775808");
    add(s, "DECR", "min");
    add(s, "INCRBY", "min", "-1");
    add(s, "INCR", "min");
    add(s, "SET", "str", "abc");
    add(s, "INCR", "str");
    add(s, "DECR", "str");
    add(s, "SET", "str", "10 ");
    add(s, "INCR", "str");
    add(s, "SET", "str", "010");
    add(s, "INCR", "str");
    add(s, "SET", "str", "1e3");
    add(s, "INCR", "str");
    add(s, "SET", "str", "10.0");
    add(s, "INCR", "str");
    add(s, "SET", "str", "-0");
    add(s, "INCR", "str");
    add(s, "SET", "ex1", "5", "EX", "100");
    add(s, "INCR", "ex1");
    add(s, "GET", "ex1");
    add(s, "INCR", "a", "b");
    // INCRBYFLOAT
    add(s, "SET", "f", "10.5");
    add(s, "INCRBYFLOAT", "f", "0.1");
    add(s, "INCRBYFLOAT", "f", "5.0e3");
    add(s, "INCRBYFLOAT", "f", "1e-20");
    add(s, "INCRBYFLOAT", "f", "-5010.6");
    add(s, "INCRBYFLOAT", "f2", "3.0e-2");
    add(s, "INCRBYFLOAT", "f2", "abc");
    add(s, "INCRBYFLOAT", "f2", "");
    add(s, "INCRBYFLOAT", "f2", " 1");
    add(s, "INCRBYFLOAT", "f2", "1 ");
    add(s, "INCRBYFLOAT", "f2", "inf");
    add(s, "INCRBYFLOAT", "f2", "-INF");
    add(s, "INCRBYFLOAT", "f2", "nan");
    add(s, "INCRBYFLOAT", "f2", "1e5000");
    add(s, "INCRBYFLOAT", "f2", "1e-5000");
    add(s, "INCRBYFLOAT", "f2", "0x10");
    add(s, "INCRBYFLOAT", "f2", "0x1.8p1");
    add(s, "INCRBYFLOAT", "f2", "+.5");
    add(s, "INCRBYFLOAT", "f2", "-5.");
    add(s, "INCRBYFLOAT", "f2", "1e");
    add(s, "INCRBYFLOAT", "f2", ".");
    add(s, "INCRBYFLOAT", "f2", "1e4000");
    add(s, "INCRBYFLOAT", "f2", "-1e4000");
    add(s, "INCRBYFLOAT", "f3", "1.18973149535723176502e4932");
    add(s, "INCRBYFLOAT", "f3", "1.18973149535723176502e4932");
    add(s, "INCRBYFLOAT", "str", "1");
    add(s, "SET", "str", "abc");
    add(s, "INCRBYFLOAT", "str", "1");
    add(s, "INCRBYFLOAT", "str", "x");
    add(s, "SET", "fi", "17");
    add(s, "INCRBYFLOAT", "fi", "-17");
    add(s, "INCRBYFLOAT", "fi", "-0.00000000000000000001");
    add(s, "INCRBYFLOAT", "fi", "0.000003814697265625");
    add(s, "INCRBYFLOAT", "fi", "0.000000000000000015");
    add(s, "INCRBYFLOAT", "fi", "9223372036854775807");
    add(s, "INCRBYFLOAT", "fi", "1");
    for (String v : new String[] {"1\0abc", "\0", "\0" + "5", "1e-4951", "-1e-4951", "3e-4951", "1e-4952",
        "1.18973149535723176502e4932", "1.18973149535723176503e4932", "1.1897314953572317651e4932",
        "1.19e4932", "0x.8", "0X1P-16445", "0x1p-16446", "0x1p-16447", "0x1.0000000000000001p0",
        "0x1.00000000000000008p0", "0x1.00000000000000018p0", "0xffffffffffffffffffp0", "+inf", "infinity",
        "infinit", "-0", "-0.0", "+0", "00001.5000", "1E+3", "1e+", "1.", ".1", "0.1e-1", "5" + "0".repeat(5000),
        "1" + "0".repeat(5119), "0." + "0".repeat(5000) + "1", "9".repeat(40) + "e-40", "\t1", "1\n",
        "0x", "0xg", "0x1p", "0x1p+", "nan(123)", "-nan", "1_000", "1,5", "٣"}) {
      add(s, "SET", "fx", "1");
      add(s, "INCRBYFLOAT", "fx", v);
      add(s, "SET", "fx", v);
      add(s, "INCRBYFLOAT", "fx", "0");
      add(s, "INCRBYFLOAT", "fx", "1e-17");
      add(s, "INCRBYFLOAT", "fx", "-3.3");
    }
    add(s, "SET", "fe", "5", "EX", "100");
    add(s, "INCRBYFLOAT", "fe", "1.5");
    add(s, "INCRBYFLOAT", "fe", "1", "2");
    // GETRANGE SUBSTR SETRANGE
    add(s, "SET", "r", "Hello World");
    for (String[] range : new String[][] {{"0", "4"}, {"-5", "-1"}, {"0", "-1"}, {"5", "2"}, {"-1", "-5"},
        {"-100", "3"}, {"3", "100"}, {"100", "200"}, {"-3", "-100"}, {"0", "0"}, {"-1", "-1"},
        {"-9223372036854775808", "9223372036854775807"}}) {
      add(s, "GETRANGE", "r", range[0], range[1]);
      add(s, "SUBSTR", "r", range[0], range[1]);
    }
    add(s, "GETRANGE", "nokey", "0", "1");
    add(s, "GETRANGE", "r", "a", "1");
    add(s, "GETRANGE", "r", "0", "b");
    add(s, "GETRANGE", "i", "1", "3");
    add(s, "GETRANGE", "ek", "0", "-1");
    add(s, "SETRANGE", "r", "6", "Redis");
    add(s, "GET", "r");
    add(s, "SETRANGE", "r", "15", "!");
    add(s, "GET", "r");
    add(s, "SETRANGE", "r", "0", "");
    add(s, "SETRANGE", "r", "-1", "x");
    add(s, "SETRANGE", "r", "x", "x");
    add(s, "SETRANGE", "sr", "3", "abc");
    add(s, "GET", "sr");
    add(s, "SETRANGE", "sr2", "3", "");
    add(s, "GET", "sr2");
    add(s, "SETRANGE", "sr2", "-1", "");
    add(s, "SETRANGE", "i", "1", "9");
    add(s, "GET", "i");
    add(s, "INCR", "i");
    add(s, "SETRANGE", "big2", "536870912", "x");
    add(s, "SETRANGE", "big2", "536870911", "x".repeat(2));
    add(s, "APPEND", "r", "tail");
    // LCS
    add(s, "MSET", "l1", "ohmytext", "l2", "mynewtext");
    add(s, "LCS", "l1", "l2");
    add(s, "LCS", "l1", "l2", "LEN");
    add(s, "LCS", "l1", "l2", "IDX");
    add(s, "LCS", "l1", "l2", "IDX", "MINMATCHLEN", "4");
    add(s, "LCS", "l1", "l2", "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN");
    add(s, "LCS", "l1", "l2", "IDX", "WITHMATCHLEN");
    add(s, "LCS", "l1", "l2", "IDX", "MINMATCHLEN", "-3");
    add(s, "LCS", "l1", "l2", "IDX", "LEN");
    add(s, "LCS", "l1", "l2", "MINMATCHLEN");
    add(s, "LCS", "l1", "l2", "MINMATCHLEN", "x");
    add(s, "LCS", "l1", "l2", "FOO");
    add(s, "LCS", "l1", "nokey");
    add(s, "LCS", "l1", "nokey", "IDX");
    add(s, "LCS", "nokey", "nokey2", "LEN");
    add(s, "LCS", "i", "c");
    add(s, "LCS", "l1", "l1", "IDX", "WITHMATCHLEN");
    add(s, "MSET", "l3", "abcdefgh", "l4", "xbxdxfxh");
    add(s, "LCS", "l3", "l4", "IDX", "WITHMATCHLEN");
    add(s, "LCS", "l4", "l3", "IDX", "WITHMATCHLEN");
    add(s, "LCS", "l3", "l4");
    add(s, "LCS", "l1");
    return s;
  }

  /** String commands against a list key (run only once the node has lists). */
  static List<String[]> wrongTypeScript() {
    List<String[]> s = new ArrayList<>();
    add(s, "RPUSH", "lst", "a", "b");
    add(s, "SET", "sk", "abc");
    add(s, "GET", "lst");
    add(s, "SET", "lst", "v", "GET");
    add(s, "SET", "lst", "v", "NX", "GET");
    add(s, "SET", "lst", "v", "EX", "0", "GET");
    add(s, "GETSET", "lst", "v");
    add(s, "GETDEL", "lst");
    add(s, "GETEX", "lst");
    add(s, "GETEX", "lst", "EX", "0");
    add(s, "GETEX", "lst", "PERSIST");
    add(s, "MGET", "lst", "sk", "nokey");
    add(s, "APPEND", "lst", "x");
    add(s, "STRLEN", "lst");
    add(s, "INCR", "lst");
    add(s, "DECRBY", "lst", "2");
    add(s, "INCRBYFLOAT", "lst", "1");
    add(s, "INCRBYFLOAT", "lst", "x");
    add(s, "GETRANGE", "lst", "0", "1");
    add(s, "GETRANGE", "lst", "x", "1");
    add(s, "SETRANGE", "lst", "0", "x");
    add(s, "SETRANGE", "lst", "0", "");
    add(s, "SETRANGE", "lst", "-1", "x");
    add(s, "LCS", "lst", "sk");
    add(s, "LCS", "sk", "lst", "BAD");
    add(s, "MSETNX", "lst", "1", "other", "2");
    add(s, "SETNX", "lst", "1");
    add(s, "SET", "lst", "v", "XX");
    add(s, "GET", "lst");
    add(s, "RPUSH", "lst2", "a");
    add(s, "MSET", "lst2", "1");
    add(s, "INCR", "lst2");
    return s;
  }

  /** Random INCRBYFLOAT operands, to cover extended-precision rounding broadly. */
  static List<String[]> floatScript(long seed, int n) {
    Random r = new Random(seed);
    List<String[]> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = "rf" + r.nextInt(4);
      String v;
      switch (r.nextInt(6)) {
        case 0 -> v = Integer.toString(r.nextInt(2001) - 1000) + "." + r.nextInt(1000);
        case 1 -> v = Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
        case 2 -> v = String.format("%.3e", r.nextDouble() * 10).replace(",", ".");
        case 3 -> v = "0." + "0".repeat(r.nextInt(20)) + (1 + r.nextInt(99999));
        case 4 -> v = Long.toString(r.nextLong() >> r.nextInt(63));
        default -> v = (r.nextBoolean() ? "-" : "") + r.nextInt(100) + "." + Long.toString(Math.abs(r.nextLong()));
      }
      if (r.nextInt(10) == 0) {
        add(s, "SET", key, v);
      } else {
        add(s, "INCRBYFLOAT", key, v);
      }
    }
    return s;
  }

  /** Extreme operands: long digit strings, huge and tiny magnitudes, hex floats, ties. */
  static List<String[]> exoticFloatScript(long seed, int n) {
    Random r = new Random(seed);
    List<String[]> s = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String key = "xf" + r.nextInt(3);
      String v;
      switch (r.nextInt(8)) {
        case 0 -> v = "1e" + (r.nextInt(9900) - 4950);
        case 1 -> v = (r.nextInt(9) + 1) + "." + digits(r, 1 + r.nextInt(60)) + "e" + (r.nextInt(200) - 100);
        case 2 -> v = "0x" + Long.toHexString(r.nextLong()) + "." + Long.toHexString(r.nextLong()) + "p" + (r.nextInt(200) - 100);
        case 3 -> v = digits(r, 1 + r.nextInt(40)) + "." + digits(r, r.nextInt(40));
        case 4 -> v = Double.toString(Double.longBitsToDouble(r.nextLong()));
        case 5 -> v = "-" + digits(r, 1 + r.nextInt(25));
        case 6 -> v = "0." + "0".repeat(r.nextInt(17)) + "5";
        default -> v = (r.nextInt(2000) - 1000) / 8.0 + "";
      }
      if (r.nextInt(6) == 0) {
        add(s, "SET", key, r.nextBoolean() ? v : Long.toString(r.nextInt()));
      } else {
        add(s, "INCRBYFLOAT", key, v);
      }
    }
    return s;
  }

  private static String digits(Random r, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + r.nextInt(10)));
    }
    return sb.toString();
  }

  private static void add(List<String[]> s, String... cmd) {
    s.add(cmd);
  }

  @Test
  void scriptedCommands_haredisAndRedis_identicalReplies() throws IOException {
    List<String[]> script = script();
    script.addAll(floatScript(42, 600));
    script.addAll(exoticFloatScript(7, 1500));
    try (RealRedis real = RealRedis.start();
        RedisServer server = RedisServer.builder().port(0).start();
        RespConnection ours = new RespConnection(server.address().host(), server.address().port());
        RespConnection theirs = new RespConnection(real.host(), real.port())) {
      theirs.call("CONFIG", "SET", "proto-max-bulk-len", "536870912");
      if (!ours.call("RPUSH", "probe", "x").startsWith("-ERR unknown command")) {
        theirs.call("RPUSH", "probe", "x");
        script.addAll(wrongTypeScript());
      }
      List<String> diffs = new ArrayList<>();
      for (String[] cmd : script) {
        String want = theirs.call(cmd);
        String got = ours.call(cmd);
        if (!want.equals(got)) {
          diffs.add(String.join(" ", cmd) + "\n   redis:   " + want.replace("\r\n", "\\r\\n")
              + "\n   haredis: " + got.replace("\r\n", "\\r\\n"));
        }
      }
      assertThat(diffs).as(String.join("\n", diffs)).isEmpty();
    }
  }

  /** A minimal RESP2 client that returns each reply's raw bytes. */
  static final class RespConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RespConnection(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    String call(String... args) throws IOException {
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      req.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (String a : args) {
        byte[] b = a.getBytes(StandardCharsets.UTF_8);
        req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        req.write(b);
        req.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write(req.toByteArray());
      out.flush();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      readReply(reply);
      return reply.toString(StandardCharsets.ISO_8859_1);
    }

    private void readReply(ByteArrayOutputStream sink) throws IOException {
      String line = readLine(sink);
      char type = line.charAt(0);
      switch (type) {
        case '$' -> {
          int n = Integer.parseInt(line.substring(1));
          if (n >= 0) {
            sink.write(in.readNBytes(n + 2));
          }
        }
        case '*', '%', '~' -> {
          int n = Integer.parseInt(line.substring(1));
          int items = type == '%' ? 2 * n : n;
          for (int i = 0; i < items; i++) {
            readReply(sink);
          }
        }
        default -> { }
      }
    }

    private String readLine(ByteArrayOutputStream sink) throws IOException {
      StringBuilder sb = new StringBuilder();
      int prev = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("connection closed");
        }
        sink.write(b);
        if (prev == '\r' && b == '\n') {
          return sb.substring(0, sb.length() - 1);
        }
        sb.append((char) b);
        prev = b;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
