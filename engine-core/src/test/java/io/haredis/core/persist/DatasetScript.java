package io.haredis.core.persist;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded script of write commands that builds keys of every type in every encoding Redis 7.0
 * has (int, embstr and raw strings, compressible and incompressible text, HyperLogLogs; lists of
 * one and many quicklist nodes with small, integer and large elements; intsets of each width and
 * hashtable sets; listpack and hashtable hashes; listpack and skiplist sorted sets with integral,
 * fractional and infinite scores), some with TTLs, in databases 0 and 3. Running the same script
 * on our node and on redis-server gives the same data in the same encodings.
 *
 * <p>Key names say whether Redis's DUMP bytes are deterministic for them: keys starting with
 * {@code ht:} are hashtable sets and hashes, whose element order follows each server's hash
 * function, and {@code lp:} lists were built with LPUSH (our list dumps as if built by RPUSH).
 */
final class DatasetScript {

  private final Random r;
  private final List<byte[][]> commands = new ArrayList<>();
  private int n;

  private DatasetScript(long seed) {
    r = new Random(seed);
  }

  static List<byte[][]> build(long seed, int scale) {
    DatasetScript s = new DatasetScript(seed);
    s.generate(scale);
    return s.commands;
  }

  /** Whether DUMP of {@code key} is byte-identical between our node and Redis. */
  static boolean deterministicDump(String key) {
    return !key.startsWith("ht:") && !key.startsWith("lp:");
  }

  private void cmd(Object... args) {
    byte[][] a = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      a[i] = args[i] instanceof byte[] b ? b : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
    }
    commands.add(a);
  }

  private String key(String prefix) {
    return prefix + (n++);
  }

  private String word(int len) {
    StringBuilder sb = new StringBuilder(len);
    for (int i = 0; i < len; i++) {
      sb.append((char) ('a' + r.nextInt(26)));
    }
    return sb.toString();
  }

  private byte[] binary(int len) {
    byte[] b = new byte[len];
    r.nextBytes(b);
    return b;
  }

  private String compressible(int len) {
    String unit = word(1 + r.nextInt(6));
    StringBuilder sb = new StringBuilder(len);
    while (sb.length() < len) {
      sb.append(unit);
      if (r.nextInt(8) == 0) {
        sb.append(word(1 + r.nextInt(3)));
      }
    }
    return sb.substring(0, len);
  }

  private long someInt() {
    return switch (r.nextInt(7)) {
      case 0 -> r.nextInt(256) - 128;
      case 1 -> r.nextInt(65536) - 32768;
      case 2 -> r.nextInt();
      case 3 -> r.nextLong();
      case 4 -> r.nextInt(13);
      case 5 -> r.nextInt(1 << 24) - (1 << 23);
      default -> r.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
    };
  }

  private String element() {
    return switch (r.nextInt(6)) {
      case 0 -> Long.toString(someInt());
      case 1 -> word(1 + r.nextInt(10));
      case 2 -> word(60 + r.nextInt(10));
      case 3 -> compressible(100 + r.nextInt(300));
      case 4 -> "0" + r.nextInt(100); // looks numeric, is not (leading zero)
      default -> word(r.nextInt(3));
    };
  }

  private String score() {
    return switch (r.nextInt(9)) {
      case 0 -> Integer.toString(r.nextInt(2000) - 1000);
      case 1 -> Double.toString(r.nextDouble() * 100);
      case 2 -> "inf";
      case 3 -> "-inf";
      case 4 -> "1e20";
      case 5 -> Long.toString(r.nextLong() >> 2);
      case 6 -> "0.1";
      case 7 -> "-2.5e-7";
      default -> Double.toString(-r.nextDouble() * 1e9);
    };
  }

  private void maybeExpire(String key) {
    if (r.nextInt(5) == 0) {
      cmd("PEXPIREAT", key, 4_000_000_000_000L + r.nextInt(1_000_000));
    }
  }

  private void generate(int scale) {
    for (int db : new int[] {0, 3}) {
      cmd("SELECT", db);
      for (int i = 0; i < scale; i++) {
        strings();
        lists(scale);
        sets();
        hashes();
        zsets();
      }
    }
    cmd("SELECT", 0);
  }

  private void strings() {
    String k = key("s:int:");
    cmd("SET", k, someInt());
    maybeExpire(k);
    cmd("SET", key("s:embstr:"), word(r.nextInt(45)));
    cmd("SET", key("s:raw:"), word(45 + r.nextInt(200)));
    cmd("SET", key("s:lzf:"), compressible(21 + r.nextInt(2000)));
    cmd("SET", key("s:bin:"), binary(r.nextInt(100)));
    cmd("SET", key("s:empty:"), "");
    String a = key("s:append:");
    cmd("SET", a, r.nextInt(1000));
    cmd("APPEND", a, compressible(r.nextInt(40)));
    cmd("SET", key("s:float:"), "3.14159");
    cmd("INCRBYFLOAT", key("s:incrbyfloat:"), "1.5");
    cmd("SET", key(Long.toString(r.nextInt(1000))), "numeric key");
    String h = key("s:hll:");
    cmd("PFADD", h, "a", "b", "c", word(5));
    if (r.nextInt(3) == 0) {
      String d = key("s:hlldense:");
      Object[] args = new Object[2002];
      args[0] = "PFADD";
      args[1] = d;
      for (int i = 0; i < 2000; i++) {
        args[i + 2] = "e" + i;
      }
      cmd(args);
    }
    if (r.nextInt(4) == 0) {
      cmd("SET", key("s:big:"), compressible(20_000 + r.nextInt(50_000)));
      cmd("SET", key("s:bigbin:"), binary(70_000));
    }
  }

  private void lists(int scale) {
    String k = key("l:small:");
    int n = 1 + r.nextInt(10);
    Object[] args = new Object[n + 2];
    args[0] = "RPUSH";
    args[1] = k;
    for (int i = 0; i < n; i++) {
      args[i + 2] = element();
    }
    cmd(args);
    maybeExpire(k);
    String many = key("l:many:");
    int count = 200 + r.nextInt(400 * Math.max(1, scale / 2));
    for (int i = 0; i < count; i += 50) {
      Object[] a = new Object[52];
      a[0] = "RPUSH";
      a[1] = many;
      for (int j = 0; j < 50; j++) {
        a[j + 2] = r.nextInt(3) == 0 ? Long.toString(someInt()) : word(5 + r.nextInt(40));
      }
      cmd(a);
    }
    if (r.nextInt(3) == 0) {
      String big = key("l:bigelem:");
      cmd("RPUSH", big, "x", compressible(9000 + r.nextInt(5000)), "y", binary(5000), "z");
    }
    String lp = key("lp:");
    for (int i = 0; i < 30; i++) {
      cmd("LPUSH", lp, element());
    }
  }

  private void sets() {
    String k = key("set:i16:");
    cmd("SADD", k, 1, 2, 3, -5, 32767);
    maybeExpire(k);
    cmd("SADD", key("set:i32:"), 70000, -1, 5);
    cmd("SADD", key("set:i64:"), Long.MAX_VALUE, 0, Long.MIN_VALUE);
    String many = key("set:intmany:");
    Object[] args = new Object[302];
    args[0] = "SADD";
    args[1] = many;
    for (int i = 0; i < 300; i++) {
      args[i + 2] = r.nextInt(1_000_000);
    }
    cmd(args);
    String ht = key("ht:set:");
    cmd("SADD", ht, "a", "b", word(8), 17);
    if (r.nextInt(3) == 0) {
      String big = key("ht:set:ints:");
      Object[] b = new Object[602];
      b[0] = "SADD";
      b[1] = big;
      for (int i = 0; i < 600; i++) {
        b[i + 2] = i * 7;
      }
      cmd(b);
    }
  }

  private void hashes() {
    String k = key("h:lp:");
    int n = 1 + r.nextInt(12);
    Object[] args = new Object[2 + 2 * n];
    args[0] = "HSET";
    args[1] = k;
    for (int i = 0; i < n; i++) {
      args[2 + 2 * i] = "f" + i + (r.nextBoolean() ? word(3) : "");
      args[3 + 2 * i] = r.nextBoolean() ? Long.toString(someInt()) : word(r.nextInt(60));
    }
    cmd(args);
    maybeExpire(k);
    cmd("HSET", key("h:intfields:"), 1, 2, 300, word(4), -7, 99999999999L);
    String ht = key("ht:h:");
    cmd("HSET", ht, "a", word(100), "b", "c");
    if (r.nextInt(3) == 0) {
      String big = key("ht:h:many:");
      Object[] b = new Object[2 + 2 * 600];
      b[0] = "HSET";
      b[1] = big;
      for (int i = 0; i < 600; i++) {
        b[2 + 2 * i] = "field" + i;
        b[3 + 2 * i] = i;
      }
      cmd(b);
    }
  }

  private void zsets() {
    String k = key("z:lp:");
    int n = 1 + r.nextInt(12);
    Object[] args = new Object[2 + 2 * n];
    args[0] = "ZADD";
    args[1] = k;
    for (int i = 0; i < n; i++) {
      args[2 + 2 * i] = score();
      args[3 + 2 * i] = r.nextBoolean() ? "m" + i : Long.toString(someInt());
    }
    cmd(args);
    maybeExpire(k);
    String sl = key("z:skiplist:");
    int m = 129 + r.nextInt(100);
    Object[] b = new Object[2 + 2 * m];
    b[0] = "ZADD";
    b[1] = sl;
    for (int i = 0; i < m; i++) {
      b[2 + 2 * i] = score();
      b[3 + 2 * i] = "member" + i;
    }
    cmd(b);
    cmd("ZADD", key("z:longmember:"), 1, word(80), 2, "b");
  }
}
