package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the HyperLogLog commands against a real redis-server 7.0: random PFADD
 * (small and large batches, so values turn dense), PFCOUNT of one and several keys, PFMERGE,
 * PFDEBUG, GET of the raw values (compared byte for byte), values moved between the servers
 * with GET/SET both ways, WRONGTYPE clashes with plain strings and lists, corrupted values
 * (INVALIDOBJ paths) and random {@code hll-sparse-max-bytes}, in RESP2 or RESP3. Every reply must
 * be identical.
 * Rerun with {@code -Dseed=N}.
 */
class HyperLogLogRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("hll.sequences", 6);
  private static final int COMMANDS = Integer.getInteger("hll.commands", 1200);

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
    System.out.println("HyperLogLogRedisIT seed=" + SEED);
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      runSequence(seeds.nextLong());
    }
  }

  @Test
  void rawValues_crossLoadedBothWays_workOnTheOtherServer() {
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      a.call("FLUSHALL");
      b.call("FLUSHALL");
      Random r = new Random(SEED);
      for (int round = 0; round < 6; round++) {
        int n = new int[] {1, 10, 200, 1500, 4000, 20000}[round];
        List<byte[]> els = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          els.add(("el" + r.nextInt(1_000_000)).getBytes(StandardCharsets.US_ASCII));
        }
        // built on redis, loaded into ours
        addAll(b, "fromRedis", els);
        byte[] v = bulkBytes(b.call("GET", "fromRedis"));
        a.call(bytes("SET"), bytes("fromRedis"), v);
        assertThat(a.call("PFCOUNT", "fromRedis")).isEqualTo(b.call("PFCOUNT", "fromRedis"));
        assertThat(a.call("PFADD", "fromRedis", "extra1", "extra2")).isEqualTo(b.call("PFADD", "fromRedis", "extra1", "extra2"));
        assertThat(a.call("GET", "fromRedis")).isEqualTo(b.call("GET", "fromRedis"));
        // built on ours, loaded into redis
        addAll(a, "fromOurs", els);
        byte[] w = bulkBytes(a.call("GET", "fromOurs"));
        b.call(bytes("SET"), bytes("fromOurs"), w);
        assertThat(b.call("PFCOUNT", "fromOurs")).isEqualTo(a.call("PFCOUNT", "fromOurs"));
        assertThat(b.call("PFADD", "fromOurs", "extra3")).isEqualTo(a.call("PFADD", "fromOurs", "extra3"));
        assertThat(b.call("GET", "fromOurs")).isEqualTo(a.call("GET", "fromOurs"));
        assertThat(b.call("PFCOUNT", "fromOurs", "fromRedis")).isEqualTo(a.call("PFCOUNT", "fromOurs", "fromRedis"));
        a.call("DEL", "fromOurs", "fromRedis");
        b.call("DEL", "fromOurs", "fromRedis");
      }
    }
  }

  private static void addAll(RawRespClient c, String key, List<byte[]> els) {
    for (int i = 0; i < els.size(); i += 500) {
      List<byte[]> argv = new ArrayList<>();
      argv.add(bytes("PFADD"));
      argv.add(bytes(key));
      argv.addAll(els.subList(i, Math.min(els.size(), i + 500)));
      c.call(argv.toArray(new byte[0][]));
    }
  }

  private static final String[] HLL_KEYS = {"h0", "h1", "h2", "h3"};
  private static final String[] OTHER_KEYS = {"s", "l", "c", "missing"};

  private void runSequence(long seed) {
    Random r = new Random(seed);
    List<String> history = new ArrayList<>();
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      for (RawRespClient cl : new RawRespClient[] {a, b}) {
        cl.call("FLUSHALL");
        cl.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
      }
      int universe = new int[] {50, 1000, 100_000}[r.nextInt(3)];
      if (r.nextBoolean()) {
        a.call("HELLO", "3");
        b.call("HELLO", "3");
      }
      for (int i = 0; i < COMMANDS; i++) {
        byte[][] cmd = next(r, universe, a, b);
        String x = a.call(cmd);
        String y = b.call(cmd);
        String line = describe(cmd) + " -> " + shorten(y);
        history.add(line);
        if (!x.equals(y)) {
          int from = Math.max(0, history.size() - 25);
          throw new AssertionError("reply differs from redis-server (seed=" + SEED + ", sequence seed=" + seed + ", command #" + i + ")\n"
              + "command: " + describe(cmd) + "\nours:  " + shorten(x) + "\nredis: "
              + shorten(y) + "\nlast commands:\n  " + String.join("\n  ", history.subList(from, history.size())));
        }
      }
      for (String k : HLL_KEYS) {
        assertThat(a.call("GET", k)).as("final value of %s, sequence seed %d", k, seed).isEqualTo(b.call("GET", k));
      }
      assertThat(a.call("DEBUG", "DIGEST")).isEqualTo(b.call("DEBUG", "DIGEST"));
    }
  }

  private static String shorten(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && i < 400; i++) {
      char ch = s.charAt(i);
      if (ch == '\r') {
        sb.append("\\r");
      } else if (ch == '\n') {
        sb.append("\\n");
      } else if (ch < 32 || ch > 126 || ch == '\\') {
        sb.append(String.format("\\x%02x", (int) ch));
      } else {
        sb.append(ch);
      }
    }
    return s.length() > 400 ? sb + "...(" + s.length() + " chars)" : sb.toString();
  }

  private static String describe(byte[][] cmd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cmd.length && i < 8; i++) {
      String s = new String(cmd[i], StandardCharsets.ISO_8859_1);
      sb.append(shorten(s.length() > 40 ? s.substring(0, 40) + "..." : s)).append(' ');
    }
    if (cmd.length > 8) {
      sb.append("... (").append(cmd.length).append(" args)");
    }
    return sb.toString().trim();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** The payload of a bulk reply, or null. */
  static byte[] bulkBytes(String reply) {
    if (!reply.startsWith("$") || reply.startsWith("$-1")) {
      return null;
    }
    int crlf = reply.indexOf("\r\n");
    int n = Integer.parseInt(reply.substring(1, crlf));
    return reply.substring(crlf + 2, crlf + 2 + n).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String anyKey(Random r) {
    return r.nextInt(5) == 0 ? OTHER_KEYS[r.nextInt(OTHER_KEYS.length)] : HLL_KEYS[r.nextInt(HLL_KEYS.length)];
  }

  private static byte[] element(Random r, int universe) {
    if (r.nextInt(20) == 0) {
      byte[] e = new byte[r.nextInt(20)];
      r.nextBytes(e);
      return e;
    }
    return bytes("e" + r.nextInt(universe));
  }

  static byte[][] next(Random r, int universe, RawRespClient a, RawRespClient b) {
    List<byte[]> argv = new ArrayList<>();
    int pick = r.nextInt(100);
    if (pick < 40) {
      argv.add(bytes("PFADD"));
      argv.add(bytes(anyKey(r)));
      int n = r.nextInt(10) == 0 ? 100 + r.nextInt(700) : r.nextInt(6);
      for (int i = 0; i < n; i++) {
        argv.add(element(r, universe));
      }
    } else if (pick < 55) {
      argv.add(bytes("PFCOUNT"));
      int n = r.nextInt(3) == 0 ? 2 + r.nextInt(3) : 1;
      for (int i = 0; i < n; i++) {
        argv.add(bytes(anyKey(r)));
      }
    } else if (pick < 63) {
      argv.add(bytes("PFMERGE"));
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        argv.add(bytes(anyKey(r)));
      }
    } else if (pick < 75) {
      argv.add(bytes(r.nextBoolean() ? "GET" : "STRLEN"));
      argv.add(bytes(anyKey(r)));
    } else if (pick < 80) {
      argv.add(bytes("PFDEBUG"));
      String[] subs = {"ENCODING", "DECODE", "TODENSE", "GETREG", "nosuch"};
      argv.add(bytes(subs[r.nextInt(r.nextInt(8) == 0 ? 5 : 3)]));
      argv.add(bytes(anyKey(r)));
    } else if (pick < 84) {
      // move a value from one server to both (our bytes, or redis's bytes)
      String from = HLL_KEYS[r.nextInt(HLL_KEYS.length)];
      String to = HLL_KEYS[r.nextInt(HLL_KEYS.length)];
      byte[] v = bulkBytes((r.nextBoolean() ? a : b).call("GET", from));
      if (v == null) {
        return new byte[][] {bytes("EXISTS"), bytes(from)};
      }
      return new byte[][] {bytes("SET"), bytes(to), v};
    } else if (pick < 88) {
      // a corrupted copy: truncated, or one byte of the body changed
      String from = HLL_KEYS[r.nextInt(HLL_KEYS.length)];
      byte[] v = bulkBytes(b.call("GET", from));
      if (v == null || v.length <= 16) {
        return new byte[][] {bytes("DEL"), bytes("c")};
      }
      if (r.nextBoolean()) {
        v = java.util.Arrays.copyOf(v, v.length - 1 - r.nextInt(Math.min(3, v.length - 16)));
      } else {
        v[16 + r.nextInt(v.length - 16)] = (byte) r.nextInt(256);
      }
      return new byte[][] {bytes("SET"), bytes(r.nextBoolean() ? "c" : HLL_KEYS[r.nextInt(HLL_KEYS.length)]), v};
    } else if (pick < 91) {
      return r.nextBoolean()
          ? new byte[][] {bytes("SET"), bytes("s"), bytes(r.nextBoolean() ? "hello" : "12345")}
          : new byte[][] {bytes("RPUSH"), bytes("l"), bytes("x")};
    } else if (pick < 95) {
      argv.add(bytes("DEL"));
      argv.add(bytes(anyKey(r)));
    } else if (pick < 97) {
      String[] limits = {"3000", "3000", "200", "50", "0", "6000"};
      return new byte[][] {bytes("CONFIG"), bytes("SET"), bytes("hll-sparse-max-bytes"), bytes(limits[r.nextInt(limits.length)])};
    } else {
      argv.add(bytes("OBJECT"));
      argv.add(bytes("ENCODING"));
      argv.add(bytes(anyKey(r)));
    }
    return argv.toArray(new byte[0][]);
  }
}
