package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Randomized differential test of the set commands against a real redis-server 7.0, over raw
 * sockets, in RESP2 and RESP3. Replies must be byte-identical, except where Redis leaves the
 * result open:
 *
 * <ul>
 *   <li>Multi-member replies (SMEMBERS, SINTER, SUNION, SDIFF) are compared as sets, and byte for
 *       byte when Redis's order is fixed: the walked set (SMEMBERS's key, SINTER's smallest input)
 *       or the result (SUNION/SDIFF, observed through the STORE variant into a scratch key) is an
 *       intset. The scratch STORE also compares the result's OBJECT ENCODING.
 *   <li>SPOP/SRANDMEMBER: size, distinctness and membership; after an SPOP both sides are rebuilt
 *       from Redis's remaining members (same SADD on both) so the sequences stay in step.
 *   <li>SSCAN on a hashtable: full iterations compared as sets (cursors are implementation detail).
 * </ul>
 *
 * The seed is printed on a mismatch: rerun with {@code -Dseed=N}.
 */
class SetRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("diff.sequences", 6);
  private static final int COMMANDS = Integer.getInteger("diff.commands", 1500);

  private static RealRedis redis;
  private static RedisServer ours;

  @BeforeAll
  static void start() {
    redis = RealRedis.start();
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
  void randomSequences_repliesMatchRedis() {
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      new Sequence(seeds.nextLong(), s % 2 == 1).run();
    }
  }

  private static final class Sequence {
    final long seed;
    final boolean resp3;
    final List<String> history = new ArrayList<>();
    RawRespClient a;
    RawRespClient b;
    long maxIntset = 512;

    Sequence(long seed, boolean resp3) {
      this.seed = seed;
      this.resp3 = resp3;
    }

    void run() {
      try (RawRespClient ours0 = new RawRespClient(ours.address().host(), ours.address().port());
           RawRespClient redis0 = new RawRespClient(redis.host(), redis.port())) {
        a = ours0;
        b = redis0;
        both("FLUSHALL");
        both("CONFIG", "SET", "set-max-intset-entries", "512");
        if (resp3) {
          a.call("HELLO", "3");
          b.call("HELLO", "3");
        }
        SetCommandGen gen = new SetCommandGen(new Random(seed));
        for (int i = 0; i < COMMANDS; i++) {
          step(gen.next(), i);
        }
        assertThat(a.call("DBSIZE")).isEqualTo(b.call("DBSIZE"));
        for (String k : SetCommandGen.KEYS) {
          check(a.call("TYPE", k).equals(b.call("TYPE", k)), "TYPE " + k, "", "");
          check(a.call("OBJECT", "ENCODING", k).equals(b.call("OBJECT", "ENCODING", k)), "OBJECT ENCODING " + k, "", "");
        }
        both("CONFIG", "SET", "set-max-intset-entries", "512");
      }
    }

    private String both(String... args) {
      a.call(args);
      return b.call(args);
    }

    private void check(boolean ok, String what, String x, String y) {
      if (!ok) {
        int from = Math.max(0, history.size() - 30);
        throw new AssertionError("differs from redis-server (seed=" + SEED + ", sequence seed=" + seed + ", resp3=" + resp3 + ")\n"
            + "command: " + what + "\nours:  " + RandomCommands.printable(x) + "\nredis: " + RandomCommands.printable(y)
            + "\nlast commands:\n  " + String.join("\n  ", history.subList(from, history.size())));
      }
    }

    private String encoding(RawRespClient c, String key) {
      return c.call("OBJECT", "ENCODING", key);
    }

    private boolean isIntset(String encodingReply) {
      return encodingReply.contains("intset");
    }

    void step(String[] cmd, int i) {
      String name = cmd[0];
      String line = String.join(" ", cmd);
      switch (name) {
        case "SMEMBERS" -> {
          boolean exact = isIntset(encoding(b, cmd[1]));
          compareMulti(cmd, line, exact);
        }
        case "SINTER" -> compareMulti(cmd, line, sinterOrderFixed(Arrays.copyOfRange(cmd, 1, cmd.length)));
        case "SUNION", "SDIFF" -> {
          String x = a.call(cmd);
          String y = b.call(cmd);
          history.add(line + " -> " + RandomCommands.printable(y));
          boolean exact = false;
          if (!y.startsWith("-")) {
            String[] store = new String[cmd.length + 1];
            store[0] = name + "STORE";
            store[1] = "tmp";
            System.arraycopy(cmd, 1, store, 2, cmd.length - 1);
            String sx = a.call(store);
            String sy = b.call(store);
            check(sx.equals(sy), String.join(" ", store), sx, sy);
            String ex = encoding(a, "tmp");
            String ey = encoding(b, "tmp");
            check(ex.equals(ey), "OBJECT ENCODING tmp after " + String.join(" ", store), ex, ey);
            exact = isIntset(ey);
            both("DEL", "tmp");
          }
          compareReplies(line, x, y, exact);
        }
        case "SPOP" -> spop(cmd, line);
        case "SRANDMEMBER" -> srandmember(cmd, line);
        case "SSCAN" -> sscan(cmd, line);
        case "CONFIG" -> {
          maxIntset = Long.parseLong(cmd[3]);
          simple(cmd, line);
        }
        default -> simple(cmd, line);
      }
      if (i % 50 == 0) {
        for (String k : SetCommandGen.KEYS) {
          String ex = encoding(a, k);
          String ey = encoding(b, k);
          check(ex.equals(ey), "OBJECT ENCODING " + k + " (periodic check)", ex, ey);
        }
      }
    }

    private void simple(String[] cmd, String line) {
      String x = a.call(cmd);
      String y = b.call(cmd);
      history.add(line + " -> " + RandomCommands.printable(y));
      check(x.equals(y), line, x, y);
    }

    private void compareMulti(String[] cmd, String line, boolean exact) {
      String x = a.call(cmd);
      String y = b.call(cmd);
      history.add(line + " -> " + RandomCommands.printable(y));
      compareReplies(line, x, y, exact);
    }

    private void compareReplies(String line, String x, String y, boolean exact) {
      if (exact || y.startsWith("-") || x.startsWith("-")) {
        check(x.equals(y), line, x, y);
        return;
      }
      check(header(x).equals(header(y)), line, x, y);
      check(new TreeSet<>(elements(x)).equals(new TreeSet<>(elements(y))), line + " (as sets)", x, y);
    }

    /** SINTER walks its smallest input (stable by size): Redis's order is fixed iff that is an intset. */
    private boolean sinterOrderFixed(String[] keys) {
      String first = null;
      long best = Long.MAX_VALUE;
      for (String k : keys) {
        String card = b.call("SCARD", k);
        if (!card.startsWith(":")) {
          return true; // WRONGTYPE: compared exactly
        }
        long n = Long.parseLong(card.substring(1).trim());
        if (n == 0) {
          return true; // empty reply
        }
        if (n < best) {
          best = n;
          first = k;
        }
      }
      return isIntset(encoding(b, first));
    }

    private void spop(String[] cmd, String line) {
      String key = cmd[1];
      Set<String> before = new HashSet<>(elements(a.call("SMEMBERS", key)));
      boolean wasSet = a.call("TYPE", key).contains("set");
      // A whole-set SPOP replies the union of the one set: a fresh set, an intset iff it can be.
      boolean exactOrder = before.size() <= maxIntset && before.stream().allMatch(SetRedisIT::canonicalLong);
      String x = a.call(cmd);
      String y = b.call(cmd);
      history.add(line + " -> " + RandomCommands.printable(y));
      if (y.startsWith("-") || x.startsWith("-") || !wasSet || y.startsWith("$-1") || y.startsWith("_")
          || y.equals("*0\r\n") || y.equals("~0\r\n")) {
        check(x.equals(y), line, x, y);
        return;
      }
      if (cmd.length == 2) {
        check(x.startsWith("$") && before.contains(elements("*1\r\n" + x).get(0)), line + " (member of the set)", x, y);
      } else {
        List<String> ex = elements(x);
        check(header(x).equals(header(y)), line + " (count)", x, y);
        check(new HashSet<>(ex).size() == ex.size() && before.containsAll(ex), line + " (distinct members of the set)", x, y);
        if (ex.size() == before.size()) {
          compareReplies(line + " (whole set)", x, y, exactOrder);
        }
      }
      // The members differ (random). The encoding is deterministic unless the set mixed integers
      // and strings: SPOP's "keep few" strategy builds a new set for whichever members survive.
      long ints = before.stream().filter(SetRedisIT::canonicalLong).count();
      if (ints == 0 || ints == before.size()) {
        String ex = encoding(a, key);
        String ey = encoding(b, key);
        check(ex.equals(ey), "OBJECT ENCODING " + key + " after " + line, ex, ey);
      }
      resync(key);
    }

    /** Rebuilds {@code key} on both sides from Redis's members, by the same commands. */
    private void resync(String key) {
      List<String> members = elements(b.call("SMEMBERS", key));
      both("DEL", key);
      if (!members.isEmpty()) {
        List<String> args = new ArrayList<>(List.of("SADD", key));
        args.addAll(members);
        both(args.toArray(String[]::new));
      }
      history.add("(resync " + key + " to " + members + ")");
    }

    private void srandmember(String[] cmd, String line) {
      String key = cmd[1];
      List<String> members = elements(a.call("SMEMBERS", key));
      boolean exactOrder = isIntset(encoding(b, key));
      String x = a.call(cmd);
      String y = b.call(cmd);
      history.add(line + " -> " + RandomCommands.printable(y));
      if (y.startsWith("-") || x.startsWith("-") || y.startsWith("$-1") || y.startsWith("_") || y.equals("*0\r\n")) {
        check(x.equals(y), line, x, y);
        return;
      }
      if (cmd.length == 2) {
        check(x.startsWith("$") && members.contains(elements("*1\r\n" + x).get(0)), line + " (member)", x, y);
        return;
      }
      List<String> ex = elements(x);
      check(header(x).equals(header(y)), line + " (count)", x, y);
      check(members.containsAll(ex), line + " (members of the set)", x, y);
      long count = Long.parseLong(cmd[2]);
      if (count > 0) {
        check(new HashSet<>(ex).size() == ex.size(), line + " (distinct)", x, y);
        if (count >= members.size()) {
          compareReplies(line + " (whole set)", x, y, exactOrder);
        }
      }
    }

    private void sscan(String[] cmd, String line) {
      String x = a.call(cmd);
      String y = b.call(cmd);
      history.add(line + " -> " + RandomCommands.printable(y));
      if (y.startsWith("-") || x.startsWith("-") || isIntset(encoding(b, cmd[1])) || !b.call("TYPE", cmd[1]).contains("set")) {
        check(x.equals(y), line, x, y);
        return;
      }
      check(fullScan(a, cmd).equals(fullScan(b, cmd)), line + " (full iteration as sets)", x, y);
    }

    private Set<String> fullScan(RawRespClient c, String[] cmd) {
      String[] args = cmd.clone();
      Set<String> all = new TreeSet<>();
      String cursor = "0";
      int guard = 0;
      do {
        args[2] = cursor;
        List<String> parts = elements(c.call(args));
        cursor = parts.get(0);
        all.addAll(parts.subList(1, parts.size()));
      } while (!cursor.equals("0") && ++guard < 10_000);
      return all;
    }
  }

  static boolean canonicalLong(String s) {
    try {
      return Long.toString(Long.parseLong(s)).equals(s);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The first line of a reply. */
  static String header(String resp) {
    return resp.substring(0, resp.indexOf("\r\n"));
  }

  /** Every bulk string in a reply (nested arrays flattened), in order. */
  static List<String> elements(String resp) {
    List<String> out = new ArrayList<>();
    int p = 0;
    while (p < resp.length()) {
      int eol = resp.indexOf("\r\n", p);
      char t = resp.charAt(p);
      if (t == '$') {
        int n = Integer.parseInt(resp.substring(p + 1, eol));
        if (n < 0) {
          p = eol + 2;
          continue;
        }
        out.add(new String(resp.substring(eol + 2, eol + 2 + n).getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1));
        p = eol + 2 + n + 2;
      } else {
        p = eol + 2;
      }
    }
    return out;
  }
}
