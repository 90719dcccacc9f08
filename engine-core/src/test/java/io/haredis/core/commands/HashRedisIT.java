package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the hash family against a real redis-server 7.0: random sequences over
 * a tiny key space (strings clash with hashes), random listpack thresholds so conversions
 * happen, every reply compared byte for byte, except where Redis leaves the order unspecified
 * (HGETALL/HKEYS/HVALS/HSCAN of a hashtable: compared as sets; HRANDFIELD: checked by size,
 * membership and uniqueness). DEBUG DIGEST is compared along the way. Rerun with {@code -Dseed=N}.
 */
class HashRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("hash.sequences", 6);
  private static final int COMMANDS = Integer.getInteger("hash.commands", 1500);

  private static RealRedis redis;
  private static RedisServer ours;

  @BeforeAll
  static void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
    ours = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    if (ours != null) {
      ours.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void randomSequences_repliesIdenticalToRedis() {
    System.out.println("HashRedisIT seed=" + SEED);
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      runSequence(seeds.nextLong());
    }
  }

  private static final String[] KEYS = {"h0", "h1", "h2", "x"};

  private void runSequence(long seed) {
    Random r = new Random(seed);
    List<String> history = new ArrayList<>();
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      for (RawRespClient cl : new RawRespClient[] {a, b}) {
        cl.call("FLUSHALL");
      }
      String entries = String.valueOf(new int[] {2, 5, 8, 128}[r.nextInt(4)]);
      String valueMax = String.valueOf(new int[] {4, 16, 64}[r.nextInt(3)]);
      for (RawRespClient cl : new RawRespClient[] {a, b}) {
        cl.call("CONFIG", "SET", "hash-max-listpack-entries", entries);
        cl.call("CONFIG", "SET", "hash-max-listpack-value", valueMax);
      }
      boolean resp3 = r.nextBoolean();
      if (resp3) {
        a.call("HELLO", "3");
        b.call("HELLO", "3");
      }
      history.add("CONFIG entries=" + entries + " value=" + valueMax + " resp3=" + resp3);
      for (int i = 0; i < COMMANDS; i++) {
        String[] cmd = next(r);
        String name = cmd[0];
        String desc = String.join(" ", cmd);
        String ctx = "seed=" + SEED + " sequence seed=" + seed + " command #" + i + ": " + desc
            + "\nlast commands:\n  " + String.join("\n  ",
                history.subList(Math.max(0, history.size() - 25), history.size()));
        if (name.equals("HRANDFIELD")) {
          checkRandfield(a, b, cmd, ctx);
          history.add(desc);
          continue;
        }
        if (name.equals("HSCAN")) {
          checkScan(a, b, cmd, ctx);
          history.add(desc);
          continue;
        }
        String encoding = b.call("OBJECT", "ENCODING", cmd[1]);
        String x = a.call(cmd);
        String y = b.call(cmd);
        history.add(desc + " -> " + RandomCommands.printable(y));
        if ((name.equals("HGETALL") || name.equals("HKEYS") || name.equals("HVALS"))
            && encoding.contains("hashtable")) {
          boolean pairs = name.equals("HGETALL");
          assertThat(sorted(x, pairs)).as(ctx).isEqualTo(sorted(y, pairs));
        } else {
          assertThat(RandomCommands.printable(x)).as(ctx).isEqualTo(RandomCommands.printable(y));
        }
        if (i % 50 == 49) {
          assertThat(a.call("DEBUG", "DIGEST")).as("digest " + ctx).isEqualTo(b.call("DEBUG", "DIGEST"));
        }
      }
      assertThat(a.call("DEBUG", "DIGEST")).as("final digest, sequence seed " + seed)
          .isEqualTo(b.call("DEBUG", "DIGEST"));
    }
  }

  private static String pick(Random r, String... s) {
    return s[r.nextInt(s.length)];
  }

  private static String field(Random r) {
    int k = r.nextInt(100);
    if (k < 4) {
      return "long-field-" + "f".repeat(r.nextInt(80));
    }
    if (k < 6) {
      return "";
    }
    return "f" + r.nextInt(k < 50 ? 6 : 20);
  }

  private static String value(Random r) {
    return switch (r.nextInt(14)) {
      case 0, 1, 2 -> String.valueOf(r.nextInt(200) - 50);
      case 3 -> "9223372036854775800";
      case 4 -> "-9223372036854775807";
      case 5 -> pick(r, "1.5", "0.1", "-3.25", "1e3", "0x1p3", "5.0e-2");
      case 6 -> pick(r, "abc", "", " 1", "1 ", "+1", "007", "inf", "nan", "-0");
      case 7 -> "v".repeat(r.nextInt(90));
      default -> "v" + r.nextInt(30);
    };
  }

  static String[] next(Random r) {
    String key = KEYS[r.nextInt(KEYS.length)];
    int k = r.nextInt(100);
    if (k < 20) {
      int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 12 : 3);
      List<String> a = new ArrayList<>(List.of(r.nextInt(8) == 0 ? "HMSET" : "HSET", key));
      for (int i = 0; i < n; i++) {
        a.add(field(r));
        a.add(value(r));
      }
      if (r.nextInt(30) == 0) {
        a.remove(a.size() - 1); // odd argument count
      }
      return a.toArray(new String[0]);
    }
    if (k < 25) {
      return new String[] {"HSETNX", key, field(r), value(r)};
    }
    if (k < 32) {
      List<String> a = new ArrayList<>(List.of("HDEL", key));
      for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
        a.add(field(r));
      }
      return a.toArray(new String[0]);
    }
    if (k < 37) {
      return new String[] {"HGET", key, field(r)};
    }
    if (k < 40) {
      return new String[] {"HMGET", key, field(r), field(r), field(r)};
    }
    if (k < 42) {
      return new String[] {"HLEN", key};
    }
    if (k < 44) {
      return new String[] {"HSTRLEN", key, field(r)};
    }
    if (k < 46) {
      return new String[] {"HEXISTS", key, field(r)};
    }
    if (k < 48) {
      return new String[] {"HKEYS", key};
    }
    if (k < 50) {
      return new String[] {"HVALS", key};
    }
    if (k < 55) {
      return new String[] {"HGETALL", key};
    }
    if (k < 61) {
      return new String[] {"HINCRBY", key, field(r),
          pick(r, "1", "-3", "100", "9223372036854775807", "-9223372036854775808", "x", "1.5")};
    }
    if (k < 67) {
      return new String[] {"HINCRBYFLOAT", key, field(r),
          pick(r, "1", "0.1", "-3.5", "1e10", "10.5", "inf", "-inf", "nan", "abc", "1.7976931348623157e308", "0x10")};
    }
    if (k < 75) {
      int form = r.nextInt(5);
      String count = pick(r, "0", "1", "-1", "2", "3", "-5", "5", "10", "50", "-50", "x",
          "-9223372036854775808", "9223372036854775807");
      return switch (form) {
        case 0 -> new String[] {"HRANDFIELD", key};
        case 1 -> new String[] {"HRANDFIELD", key, count};
        case 2 -> new String[] {"HRANDFIELD", key, count, "WITHVALUES"};
        case 3 -> new String[] {"HRANDFIELD", key, count, pick(r, "withvalues", "foo")};
        default -> new String[] {"HRANDFIELD", key, count, "WITHVALUES", "x"};
      };
    }
    if (k < 82) {
      List<String> a = new ArrayList<>(List.of("HSCAN", key, pick(r, "0", "0", "0", "abc", "-1", "")));
      if (r.nextBoolean()) {
        a.add(pick(r, "MATCH", "match", "COUNT"));
        a.add(pick(r, "f*", "*", "f1?", "0", "-1", "3", "*1*"));
      }
      if (r.nextInt(4) == 0) {
        a.add(pick(r, "COUNT", "TYPE", "NOVALUES"));
        a.add(pick(r, "1", "2", "100"));
      }
      return a.toArray(new String[0]);
    }
    if (k < 86) {
      return new String[] {"OBJECT", "ENCODING", key};
    }
    if (k < 89) {
      return new String[] {"SET", key, value(r)};
    }
    if (k < 91) {
      return new String[] {"DEL", key};
    }
    if (k < 93) {
      return new String[] {"TYPE", key};
    }
    if (k < 95) {
      return new String[] {"DEBUG", "DIGEST-VALUE", key};
    }
    if (k < 97) {
      return new String[] {"COPY", key, KEYS[r.nextInt(KEYS.length)], "REPLACE"};
    }
    return new String[] {"EXPIRE", key, "100"};
  }

  // ---- RESP parsing (flat arrays of bulk strings / nulls) --------------------------------

  /** Flat array reply to its elements (null for a null bulk); null if not an array. */
  static List<String> elements(String resp) {
    if (!resp.startsWith("*") && !resp.startsWith("%")) {
      return null;
    }
    int[] pos = {0};
    return parseArray(resp, pos);
  }

  private static List<String> parseArray(String s, int[] pos) {
    int lf = s.indexOf("\r\n", pos[0]);
    int n = Integer.parseInt(s.substring(pos[0] + 1, lf)) * (s.charAt(pos[0]) == '%' ? 2 : 1);
    pos[0] = lf + 2;
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      char t = s.charAt(pos[0]);
      lf = s.indexOf("\r\n", pos[0]);
      if (t == '$') {
        int len = Integer.parseInt(s.substring(pos[0] + 1, lf));
        if (len < 0) {
          out.add(null);
          pos[0] = lf + 2;
        } else {
          out.add(s.substring(lf + 2, lf + 2 + len));
          pos[0] = lf + 2 + len + 2;
        }
      } else if (t == '*') {
        out.add("[" + String.join(",", parseArray(s, pos)) + "]");
      } else {
        out.add(s.substring(pos[0], lf));
        pos[0] = lf + 2;
      }
    }
    return out;
  }

  /** RESP3 HRANDFIELD WITHVALUES nests [field,value] pairs: flattened (test values hold no comma). */
  private static List<String> flatten(List<String> e) {
    if (e == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : e) {
      if (s != null && s.startsWith("[") && s.endsWith("]") && s.contains(",")) {
        int comma = s.indexOf(',');
        out.add(s.substring(1, comma));
        out.add(s.substring(comma + 1, s.length() - 1));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  private static List<String> sorted(String resp, boolean pairs) {
    List<String> e = elements(resp);
    if (e == null) {
      return List.of(resp);
    }
    List<String> out = new ArrayList<>();
    if (pairs) {
      for (int i = 0; i + 1 < e.size(); i += 2) {
        out.add(e.get(i) + "=" + e.get(i + 1));
      }
    } else {
      out.addAll(e);
    }
    out.sort(null);
    return out;
  }

  private static Map<String, String> content(RawRespClient b, String key) {
    String type = b.call("TYPE", key);
    Map<String, String> m = new HashMap<>();
    if (!type.equals("+hash\r\n")) {
      return m;
    }
    List<String> e = elements(b.call("HGETALL", key));
    for (int i = 0; i < e.size(); i += 2) {
      m.put(e.get(i), e.get(i + 1));
    }
    return m;
  }

  private void checkRandfield(RawRespClient a, RawRespClient b, String[] cmd, String ctx) {
    String encoding = b.call("OBJECT", "ENCODING", cmd[1]);
    Map<String, String> content = content(b, cmd[1]);
    String x = a.call(cmd);
    String y = b.call(cmd);
    List<String> ex = flatten(elements(x));
    List<String> ey = flatten(elements(y));
    if (ex == null || ey == null || ey.isEmpty()) {
      if (cmd.length == 2 && x.startsWith("$") && y.startsWith("$") && !y.startsWith("$-1")) {
        String f = elements("*1\r\n" + x).get(0);
        assertThat(content).as(ctx).containsKey(f);
        return;
      }
      assertThat(RandomCommands.printable(x)).as(ctx).isEqualTo(RandomCommands.printable(y));
      return;
    }
    assertThat(ex).as(ctx).hasSameSizeAs(ey);
    boolean withValues = cmd.length == 4;
    long count = Long.parseLong(cmd[2]);
    List<String> fields = new ArrayList<>();
    for (int i = 0; i < ex.size(); i += withValues ? 2 : 1) {
      String f = ex.get(i);
      fields.add(f);
      assertThat(content).as(ctx).containsKey(f);
      if (withValues) {
        assertThat(ex.get(i + 1)).as(ctx).isEqualTo(content.get(f));
      }
    }
    if (count > 0) {
      assertThat(new HashSet<>(fields)).as("unique " + ctx).hasSize(fields.size());
      if (count >= content.size() && encoding.contains("listpack")) {
        assertThat(x).as("whole listpack in order " + ctx).isEqualTo(y);
      }
    }
  }

  private void checkScan(RawRespClient a, RawRespClient b, String[] cmd, String ctx) {
    String encoding = b.call("OBJECT", "ENCODING", cmd[1]);
    String x = a.call(cmd);
    String y = b.call(cmd);
    if (!y.startsWith("*") || !encoding.contains("hashtable")) {
      assertThat(RandomCommands.printable(x)).as(ctx).isEqualTo(RandomCommands.printable(y));
      return;
    }
    if (!cmd[2].equals("0") && !cmd[2].isEmpty()) {
      assertThat(x).as(ctx).startsWith("*2\r\n"); // a mid-scan cursor means different buckets
      return;
    }
    assertThat(fullScan(a, cmd, x)).as(ctx).isEqualTo(fullScan(b, cmd, y));
  }

  /** Continues an HSCAN to the end; the set of field=value pairs seen. */
  private static List<String> fullScan(RawRespClient cl, String[] cmd, String first) {
    java.util.TreeSet<String> seen = new java.util.TreeSet<>();
    String reply = first;
    for (int guard = 0; guard < 100_000; guard++) {
      List<String> top = elements(reply);
      String cursor = top.get(0);
      String inner = top.get(1);
      List<String> items = inner.equals("[]") ? List.of()
          : List.of(inner.substring(1, inner.length() - 1).split(",", -1));
      for (int i = 0; i + 1 < items.size(); i += 2) {
        seen.add(items.get(i) + "=" + items.get(i + 1));
      }
      if (cursor.equals("0")) {
        break;
      }
      String[] next = cmd.clone();
      next[2] = cursor;
      reply = cl.call(next);
    }
    return new ArrayList<>(seen);
  }
}
