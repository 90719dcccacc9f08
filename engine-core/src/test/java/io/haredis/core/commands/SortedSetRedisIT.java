package io.haredis.core.commands;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test of the sorted-set commands against a real redis-server 7.0:
 * same command stream to both, same reply bytes required (errors included). A tiny key space
 * (with a string key among the sorted sets) makes types and options clash; small listpack
 * thresholds are set on both servers in some sequences so the skip-list form is exercised.
 * Nondeterministic replies (ZRANDMEMBER) are compared by shape, ZSCAN as an unordered set when
 * both finish in one call. Lex-range commands on a skip list are only sent when every member of
 * the key has the same score (Redis leaves mixed-score lex ranges unspecified; its skip-list
 * search then depends on random node levels). The whole dataset's DEBUG
 * DIGEST is compared now and then. On a mismatch the seed is printed: rerun with -Dseed=N.
 */
class SortedSetRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("zset.sequences", 8);
  private static final int COMMANDS = Integer.getInteger("zset.commands", 1500);

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

  private static final java.util.Map<String, Integer> STATS = new java.util.TreeMap<>();

  @Test
  void randomSequences_repliesIdenticalToRedis() {
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      runSequence(seeds.nextLong(), s);
    }
    System.out.println("SortedSetRedisIT seed=" + SEED + " replies by command: " + STATS);
  }

  private static final String[] KEYS = {"z1", "z2", "z3", "str"};
  private static final String[] MEMBERS = {"a", "b", "c", "d", "e", "f", "1", "10", "-5", "", "m"};
  private static final String[] SCORES = {"0", "1", "-1", "2", "2.5", "-3.75", "1e3", "inf", "-inf", "+inf", "-0",
      "1.5e-7", "123456789012345678", "0.1", "3", "7", "1", "2", "abc", "nan", " 1", "1e400", "0x1p4", "1e-400"};
  private static final String[] BOUNDS = {"-inf", "+inf", "0", "1", "(1", "2.5", "(2.5", "-1", "(-1", "3", "(7",
      "inf", "(inf", "1e3", "abc", "(", "nan", "7", "-0"};
  private static final String[] LEX = {"-", "+", "[a", "(b", "[c", "(d", "[e", "[", "(", "a", "+x", "[1", "(10"};

  private void runSequence(long seed, int index) {
    Random r = new Random(seed);
    List<String> history = new ArrayList<>();
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      String entries = index % 3 == 0 ? "128" : index % 3 == 1 ? "4" : "0";
      String value = index % 2 == 0 ? "64" : "2";
      for (RawRespClient cl : new RawRespClient[] {a, b}) {
        cl.call("FLUSHALL");
        cl.call("CONFIG", "SET", "zset-max-listpack-entries", entries);
        cl.call("CONFIG", "SET", "zset-max-listpack-value", value);
        cl.call("HELLO", index % 4 == 3 ? "3" : "2");
      }
      for (int i = 0; i < COMMANDS; i++) {
        String[] cmd = next(r, b);
        if (cmd == null) {
          continue;
        }
        String x = a.call(cmd);
        String y = b.call(cmd);
        history.add(String.join(" ", cmd) + " -> " + printable(y));
        STATS.merge(cmd[0] + (y.startsWith("-") ? " error" : " ok"), 1, Integer::sum);
        if (!same(cmd, x, y)) {
          int from = Math.max(0, history.size() - 30);
          throw new AssertionError("reply differs (seed=" + SEED + ", sequence " + index + " seed=" + seed + ", #" + i
              + ")\ncommand: " + String.join(" ", cmd) + "\nours:  " + printable(x) + "\nredis: " + printable(y)
              + "\nlast commands:\n  " + String.join("\n  ", history.subList(from, history.size())));
        }
        if (i % 50 == 49) {
          String dx = a.call("DEBUG", "DIGEST");
          String dy = b.call("DEBUG", "DIGEST");
          if (!dx.equals(dy)) {
            int from = Math.max(0, history.size() - 60);
            throw new AssertionError("digest differs (seed=" + SEED + ", sequence seed=" + seed + ")\nlast commands:\n  "
                + String.join("\n  ", history.subList(from, history.size())));
          }
        }
      }
    }
  }

  private static String printable(String s) {
    return s.replace("\r\n", "\\r\\n");
  }

  private static boolean same(String[] cmd, String x, String y) {
    String name = cmd[0].toUpperCase();
    if (x.startsWith("-") || y.startsWith("-")) {
      return x.equals(y);
    }
    if (name.equals("ZRANDMEMBER")) {
      if (x.startsWith("*") && y.startsWith("*") && cmd.length == 4 && firstLine(x).equals(firstLine(y))) {
        return true;
      }
      return firstLine(x).equals(firstLine(y)) || (x.startsWith("$") && y.startsWith("$") && !x.startsWith("$-1") && !y.startsWith("$-1"));
    }
    if (name.equals("ZSCAN")) {
      String done = "*2\r\n$1\r\n0\r\n";
      if (x.startsWith(done) != y.startsWith(done)) {
        return true; // a skip list's cursor walk differs from Redis's hash table
      }
      if (x.startsWith(done) && y.startsWith(done)) {
        return pairs(x).equals(pairs(y));
      }
      return true;
    }
    return x.equals(y);
  }

  private static String firstLine(String s) {
    return s.substring(0, s.indexOf("\r\n"));
  }

  private static List<String> pairs(String s) {
    String[] lines = s.split("\r\n", -1);
    List<String> out = new ArrayList<>();
    for (int i = 4; i + 3 < lines.length; i += 4) {
      out.add(lines[i + 1] + " " + lines[i + 3]);
    }
    out.sort(null);
    return out;
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static String zkey(Random r) {
    return r.nextInt(12) == 0 ? "str" : KEYS[r.nextInt(3)];
  }

  private static String member(Random r) {
    if (r.nextInt(40) == 0) {
      return "long-member-" + "x".repeat(60) + r.nextInt(3);
    }
    if (r.nextInt(4) == 0) {
      return "n" + r.nextInt(150); // bigger sets: more skip-list levels, listpack → skiplist at 128
    }
    return pick(r, MEMBERS);
  }

  private static String score(Random r) {
    return r.nextInt(6) == 0 ? pick(r, SCORES) : Integer.toString(r.nextInt(7) - 2);
  }

  private static String rank(Random r) {
    return r.nextInt(30) == 0 ? "x" : Integer.toString(r.nextInt(13) - 6);
  }

  /** Whether every member of {@code key} on the reference has one score (lex ranges defined). */
  private static boolean lexSafe(RawRespClient ref, String key) {
    if (ref == null || ref.call("OBJECT", "ENCODING", key).contains("listpack")) {
      return true; // a listpack is walked in order, so even mixed-score lex ranges are defined
    }
    String lo = ref.call("ZRANGE", key, "0", "0", "WITHSCORES");
    String hi = ref.call("ZRANGE", key, "-1", "-1", "WITHSCORES");
    if (lo.startsWith("-")) {
      return true;
    }
    String[] l = lo.split("\r\n");
    String[] h = hi.split("\r\n");
    return l.length < 5 || l[4].equals(h[4]);
  }

  private static void limit(Random r, List<String> a) {
    if (r.nextInt(3) == 0) {
      a.add("LIMIT");
      a.add(Integer.toString(r.nextInt(6) - 1));
      a.add(Integer.toString(r.nextInt(6) - 2));
    }
  }

  private static void keys(Random r, List<String> a, int max) {
    int n = 1 + r.nextInt(max);
    int pick = r.nextInt(50);
    a.add(pick == 0 ? "0" : pick == 1 ? Integer.toString(n + 1) : pick == 2 ? "-1" : pick == 3 ? "x" : Integer.toString(n));
    for (int i = 0; i < n; i++) {
      a.add(r.nextInt(10) == 0 ? "nokey" : zkey(r));
    }
  }

  /** One random sorted-set command ({@code ref} decides whether lex ranges are defined; null: always). */
  static String[] next(Random r, RawRespClient ref) {
    List<String> a = new ArrayList<>();
    String k = zkey(r);
    switch (r.nextInt(34)) {
      case 0, 1, 2, 3, 4 -> {
        a.addAll(List.of("ZADD", k));
        String[] opts = {"NX", "XX", "CH", "INCR", "GT", "LT"};
        for (String o : opts) {
          if (r.nextInt(8) == 0) {
            a.add(o);
          }
        }
        int n = 1 + r.nextInt(r.nextInt(5) == 0 ? 4 : 2);
        for (int i = 0; i < n; i++) {
          a.add(score(r));
          a.add(member(r));
        }
        if (r.nextInt(40) == 0) {
          a.add("dangling");
        }
      }
      case 5 -> a.addAll(List.of("ZINCRBY", k, score(r), member(r)));
      case 6 -> {
        a.addAll(List.of("ZREM", k, member(r)));
        if (r.nextBoolean()) {
          a.add(member(r));
        }
      }
      case 7 -> a.addAll(List.of("ZCARD", k));
      case 8 -> a.addAll(List.of("ZSCORE", k, member(r)));
      case 9 -> a.addAll(List.of("ZMSCORE", k, member(r), member(r)));
      case 10 -> a.addAll(List.of(r.nextBoolean() ? "ZRANK" : "ZREVRANK", k, member(r)));
      case 11 -> a.addAll(List.of("ZCOUNT", k, pick(r, BOUNDS), pick(r, BOUNDS)));
      case 12 -> {
        if (!lexSafe(ref, k)) {
          return null;
        }
        a.addAll(List.of("ZLEXCOUNT", k, pick(r, LEX), pick(r, LEX)));
      }
      case 13, 14, 15 -> {
        boolean store = r.nextInt(4) == 0;
        a.add(store ? "ZRANGESTORE" : "ZRANGE");
        if (store) {
          a.add(r.nextInt(4) == 0 ? "str" : "dst");
        }
        a.add(k);
        int type = r.nextInt(3);
        if (type == 2 && !lexSafe(ref, k)) {
          return null;
        }
        String[] pool = type == 0 ? null : type == 1 ? BOUNDS : LEX;
        a.add(pool == null ? rank(r) : pick(r, pool));
        a.add(pool == null ? rank(r) : pick(r, pool));
        List<String> opts = new ArrayList<>();
        if (type == 1 || (type == 0 && r.nextInt(20) == 0)) {
          opts.add("BYSCORE");
        }
        if (type == 2) {
          opts.add("BYLEX");
        }
        if (r.nextBoolean()) {
          opts.add("REV");
        }
        if (r.nextInt(3) == 0 && (type != 0 || r.nextInt(5) == 0)) {
          opts.add("LIMIT " + (r.nextInt(6) - 1) + " " + (r.nextInt(6) - 2));
        }
        if (r.nextInt(3) == 0) {
          opts.add("WITHSCORES");
        }
        java.util.Collections.shuffle(opts, r);
        for (String o : opts) {
          a.addAll(Arrays.asList(o.split(" ")));
        }
      }
      case 16, 17 -> {
        a.addAll(List.of(r.nextBoolean() ? "ZRANGEBYSCORE" : "ZREVRANGEBYSCORE", k, pick(r, BOUNDS), pick(r, BOUNDS)));
        if (r.nextBoolean()) {
          a.add("WITHSCORES");
        }
        limit(r, a);
      }
      case 18 -> {
        if (!lexSafe(ref, k)) {
          return null;
        }
        a.addAll(List.of(r.nextBoolean() ? "ZRANGEBYLEX" : "ZREVRANGEBYLEX", k, pick(r, LEX), pick(r, LEX)));
        limit(r, a);
        if (r.nextInt(10) == 0) {
          a.add("WITHSCORES");
        }
      }
      case 19 -> {
        a.addAll(List.of("ZREVRANGE", k, rank(r), rank(r)));
        if (r.nextBoolean()) {
          a.add("WITHSCORES");
        }
      }
      case 20 -> a.addAll(List.of("ZREMRANGEBYRANK", k, rank(r), rank(r)));
      case 21 -> a.addAll(List.of("ZREMRANGEBYSCORE", k, pick(r, BOUNDS), pick(r, BOUNDS)));
      case 22 -> {
        if (!lexSafe(ref, k)) {
          return null;
        }
        a.addAll(List.of("ZREMRANGEBYLEX", k, pick(r, LEX), pick(r, LEX)));
      }
      case 23 -> {
        a.addAll(List.of(r.nextBoolean() ? "ZPOPMIN" : "ZPOPMAX", k));
        if (r.nextBoolean()) {
          a.add(Integer.toString(r.nextInt(5) - 1));
        }
      }
      case 24 -> {
        a.add("ZMPOP");
        keys(r, a, 3);
        a.add(r.nextInt(20) == 0 ? "MID" : r.nextBoolean() ? "MIN" : "MAX");
        if (r.nextBoolean()) {
          a.add("COUNT");
          a.add(Integer.toString(r.nextInt(5)));
        }
      }
      case 25, 26, 27 -> {
        String[] ops = {"ZUNION", "ZINTER", "ZDIFF", "ZUNIONSTORE", "ZINTERSTORE", "ZDIFFSTORE"};
        String op = pick(r, ops);
        a.add(op);
        if (op.endsWith("STORE")) {
          a.add(r.nextInt(4) == 0 ? k : "dst");
        }
        int start = a.size();
        keys(r, a, 3);
        int n = a.size() - start - 1;
        if (r.nextInt(3) == 0) {
          a.add("WEIGHTS");
          for (int i = 0; i < n; i++) {
            a.add(r.nextInt(8) == 0 ? pick(r, SCORES) : Integer.toString(r.nextInt(5) - 2));
          }
        }
        if (r.nextInt(3) == 0) {
          a.add("AGGREGATE");
          a.add(r.nextInt(10) == 0 ? "avg" : pick(r, new String[] {"SUM", "MIN", "MAX"}));
        }
        if (r.nextBoolean()) {
          a.add("WITHSCORES");
        }
      }
      case 28 -> {
        a.add("ZINTERCARD");
        keys(r, a, 3);
        if (r.nextBoolean()) {
          a.add("LIMIT");
          a.add(Integer.toString(r.nextInt(5) - 1));
        }
      }
      case 29 -> {
        a.addAll(List.of("ZRANDMEMBER", k));
        if (r.nextBoolean()) {
          a.add(Integer.toString(r.nextInt(15) - 7));
          if (r.nextBoolean()) {
            a.add("WITHSCORES");
          }
        }
      }
      case 30 -> {
        a.addAll(List.of("ZSCAN", k, r.nextInt(10) == 0 ? "x" : "0"));
        if (r.nextBoolean()) {
          a.addAll(List.of("MATCH", pick(r, new String[] {"*", "a*", "[a-c]", "1*", "*e*"})));
        }
        if (r.nextBoolean()) {
          a.addAll(List.of("COUNT", Integer.toString(r.nextInt(4) * 50)));
        }
      }
      case 31 -> a.addAll(List.of("OBJECT", "ENCODING", r.nextInt(3) == 0 ? "dst" : k));
      case 32 -> {
        if (r.nextInt(4) == 0) {
          a.addAll(List.of("SET", "str", "v"));
        } else {
          a.addAll(List.of("DEL", zkey(r)));
        }
      }
      default -> a.addAll(List.of("TYPE", k));
    }
    return a.toArray(new String[0]);
  }
}
