package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.KeyspaceEventLog;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential test of keyspace notifications against a real redis-server 7.0: the same long
 * random sequences of every family's commands (drawn by the families' own random generators,
 * over their small key spaces) run on both servers, with {@code notify-keyspace-events} on, and
 * the notifications each command caused must be the same bytes in the same order.
 *
 * <h2>Variants</h2>
 * Sequences rotate through: {@code KEA} with a RESP2 subscriber; {@code KEA} plus {@code n} and
 * {@code m} with a RESP3 subscriber; a random choice of classes and channel families; and a
 * RESP3 client that subscribes itself and runs the commands, so the order of its pushes
 * against its own replies is compared too (replies there stand in as {@code <reply>}: their
 * content is the other differential tests' business).
 *
 * <h2>Keeping both servers in step</h2>
 * Active expiry is off on both (DEBUG SET-ACTIVE-EXPIRE 0), so keys expire only when a command
 * touches them: every so often a key gets a 5 ms TTL and the test waits past it, so the next
 * access fires {@code expired} on both. Relative TTLs the generators draw under 1000 s are
 * raised to 100000 s, so nothing expires on one server and not yet on the other. SPOP's random
 * choice is resynchronized (from Redis's members, through both servers, events compared). Now
 * and then a client blocks (BLPOP, BLMOVE, BZPOPMIN, ...) and another connection pushes, so
 * served blocking pops are compared as the pop they become. On a mismatch the seed is printed:
 * rerun with {@code -Dseed=N}.
 */
class KeyspaceNotificationsRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());
  private static final int SEQUENCES = Integer.getInteger("notify.sequences", 8);
  private static final int COMMANDS = Integer.getInteger("notify.commands", 1500);
  private static final int HISTORY = Integer.getInteger("notify.history", 30);

  private static RealRedis redis;
  private static RedisServer ours;
  /** How often each event name was compared, printed at the end (what the run covered). */
  private static final java.util.Map<String, Integer> SEEN = new java.util.TreeMap<>();

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
  void randomSequences_notificationsIdenticalToRedis() {
    Random seeds = new Random(SEED);
    for (int s = 0; s < SEQUENCES; s++) {
      long seed = seeds.nextLong();
      Random r = new Random(seed);
      Mode mode = Mode.values()[s % Mode.values().length];
      String classes = switch (mode) {
        case KEA_RESP2 -> "KEA";
        case KEANM_RESP3, SELF_RESP3 -> "KEAnm";
        case RANDOM_CLASSES -> randomClasses(r);
      };
      new Sequence(seed, r, mode, classes).run();
    }
    System.out.println("KeyspaceNotificationsRedisIT seed=" + SEED + ", keyspace events compared: " + SEEN);
    assertThat(SEEN).as("events compared").containsKeys("set", "del", "expire", "expired", "new", "keymiss",
        "lpush", "rpop", "sadd", "hset", "zadd", "setbit", "pfadd", "sortstore");
  }

  private static void count(List<String> frames) {
    for (String f : frames) {
      if (!f.equals("<reply>") && KeyspaceEventLog.channel(f).startsWith("__keyspace@")) {
        SEEN.merge(KeyspaceEventLog.message(f), 1, Integer::sum);
      }
    }
  }

  /** A random {@code notify-keyspace-events} value: some classes, one or both channel families. */
  private static String randomClasses(Random r) {
    StringBuilder b = new StringBuilder();
    for (char c : "g$lshzxetdnmA".toCharArray()) {
      if (r.nextInt(c == 'A' ? 8 : 2) == 0) {
        b.append(c);
      }
    }
    b.append(switch (r.nextInt(3)) {
      case 0 -> "K";
      case 1 -> "E";
      default -> "EK";
    });
    return b.toString();
  }

  enum Mode { KEA_RESP2, KEANM_RESP3, RANDOM_CLASSES, SELF_RESP3 }

  /**
   * Keys the lazy-expiry step may give a short TTL: some of every generator's keys, but none a
   * generator reads on one server only (the sorted-set generator probes its keys on Redis, the
   * HyperLogLog one reads h0..h3 from either side): that read would expire the key there alone.
   */
  private static final String[] EXPIRY_KEYS = {"k0", "k1", "k2", "l0", "l1", "l2", "s1", "s2", "s3", "b0", "b1",
      "x", "w_1", "w_2", "h_1", "d1", "d2"};
  private static final String[] LIST_KEYS = {"l0", "l1", "l2"};
  private static final String[] ZSET_KEYS = {"z1", "z2", "z3"};

  private static final class Sequence {
    final long seed;
    final Random r;
    final Mode mode;
    final String classes;
    final List<String> history = new ArrayList<>();
    final RandomCommands strings;
    final ListRandomCommands lists;
    final SetCommandGen sets;
    final BitmapRandomCommands bitmaps;
    final SortRedisIT.Gen sorts;
    final int hllUniverse;
    Side a;
    Side b;
    boolean inMulti;
    int step;

    Sequence(long seed, Random r, Mode mode, String classes) {
      this.seed = seed;
      this.r = r;
      this.mode = mode;
      this.classes = classes;
      this.strings = new RandomCommands(r);
      this.lists = new ListRandomCommands(r, true);
      this.sets = new SetCommandGen(r);
      this.bitmaps = new BitmapRandomCommands(r, true);
      this.sorts = new SortRedisIT.Gen(r);
      this.hllUniverse = new int[] {50, 1000}[r.nextInt(2)];
    }

    void run() {
      try (Side x = new Side(ours.address().host(), ours.address().port(), mode);
           Side y = new Side(redis.host(), redis.port(), mode)) {
        a = x;
        b = y;
        for (Side s : new Side[] {a, b}) {
          s.setUp(classes);
        }
        assertThat(a.plain.call("CONFIG", "GET", "notify-keyspace-events"))
            .as("CONFIG GET of %s", classes).isEqualTo(b.plain.call("CONFIG", "GET", "notify-keyspace-events"));
        history.add("mode=" + mode + " notify-keyspace-events=" + classes);
        for (step = 0; step < COMMANDS; step++) {
          int k = r.nextInt(1000);
          if (!inMulti && k < 15) {
            lazyExpiry();
          } else if (!inMulti && k < 35) {
            servedBlockingPop();
          } else {
            byte[][] cmd = next();
            if (cmd != null) {
              run(cmd);
            }
          }
        }
      } finally {
        resetServer(ours.address().host(), ours.address().port());
        resetServer(redis.host(), redis.port());
      }
    }

    /** One command from one family's generator (null: none drawn this time). */
    private byte[][] next() {
      int f = r.nextInt(100);
      String[] cmd;
      if (f < 18) {
        cmd = strings.next().args();
        if (mode == Mode.SELF_RESP3 && (cmd[0].equals("MULTI") || cmd[0].equals("EXEC"))) {
          return null; // a self-subscribed RESP3 client's pushes would land inside EXEC's array
        }
      } else if (f < 32) {
        cmd = lists.next();
      } else if (f < 46) {
        cmd = sets.next();
        if (inMulti && cmd[0].equals("SPOP")) {
          return null; // its random choice is resynchronized after it runs, not possible in MULTI
        }
      } else if (f < 58) {
        cmd = HashRedisIT.next(r);
      } else if (f < 72) {
        cmd = SortedSetRedisIT.next(r, b.plain);
        discardReads();
      } else if (f < 82) {
        cmd = bitmaps.next();
      } else if (f < 90) {
        byte[][] hll = HyperLogLogRedisIT.next(r, hllUniverse, a.plain, b.plain);
        discardReads();
        return hll;
      } else {
        cmd = r.nextInt(100) < 45 ? sorts.mutation() : sorts.sortCommand();
      }
      return cmd == null ? null : BitmapRandomCommands.bytes(deterministicTimes(cmd));
    }

    /**
     * Takes the clock out of the generated commands' outcomes: relative TTLs under 1000 s are
     * raised to 100000 s, so no key expires on one server while the other still has it (expiry
     * is tested by {@link #lazyExpiry} instead); and EXPIRE/PEXPIRE with GT or LT become
     * EXPIREAT/PEXPIREAT in the far future, since comparing "now + n" with a TTL set the same way
     * a moment earlier hinges on whether a millisecond ticked in between, which the two servers
     * need not agree on (Redis 7.0 even reads the clock anew inside EXEC).
     */
    private static String[] deterministicTimes(String[] cmd) {
      String name = cmd[0].toUpperCase(java.util.Locale.ROOT);
      String[] c = cmd.clone();
      if ((name.equals("EXPIRE") || name.equals("PEXPIRE")) && c.length > 3 && comparesTtl(c)) {
        boolean ms = name.equals("PEXPIRE");
        c[0] = ms ? "PEXPIREAT" : "EXPIREAT";
        try {
          long v = Long.parseLong(c[2]);
          c[2] = Long.toString((ms ? 4_000_000_000_000L : 4_000_000_000L) + Math.floorMod(v, 1000));
        } catch (NumberFormatException e) {
          // an error either way
        }
      } else if ((name.equals("EXPIRE") || name.equals("SETEX")) && c.length > 2) {
        c[2] = raised(c[2]);
      } else if (name.equals("SET") || name.equals("GETEX")) {
        for (int i = 2; i + 1 < c.length; i++) {
          if (c[i].equalsIgnoreCase("EX")) {
            c[i + 1] = raised(c[i + 1]);
          }
        }
      }
      return c;
    }

    private static boolean comparesTtl(String[] c) {
      for (int i = 3; i < c.length; i++) {
        if (c[i].equalsIgnoreCase("GT") || c[i].equalsIgnoreCase("LT")) {
          return true;
        }
      }
      return false;
    }

    private static String raised(String seconds) {
      try {
        long v = Long.parseLong(seconds);
        return v >= 1 && v < 1000 ? "100000" : seconds;
      } catch (NumberFormatException e) {
        return seconds;
      }
    }

    /** Runs one command on both servers and compares what it notified. */
    private void run(byte[][] cmd) {
      String line = describe(cmd);
      String name = new String(cmd[0], StandardCharsets.ISO_8859_1).toUpperCase(java.util.Locale.ROOT);
      // SCAN and KEYS meet keys in hash-table order, and so do the expirations they trigger;
      // SORT loads a set or a sorted set in hash-table order too, and ties keep it, so the BY
      // and GET lookups (keymiss) come in an order Redis leaves open. Lists and intsets have
      // their own order.
      boolean unordered = name.equals("SCAN") || name.equals("KEYS");
      if (inMulti && (name.equals("SCAN") || name.startsWith("SORT"))) {
        // their events may come in an order Redis leaves open, and EXEC's are compared in order
        history.add(line + " (skipped inside MULTI)");
        return;
      }
      boolean unorderedSort = false;
      if (name.startsWith("SORT") && cmd.length > 1) {
        String src = new String(cmd[1], StandardCharsets.ISO_8859_1);
        a.plain.call("OBJECT", "ENCODING", src); // on both: the probe may expire the key
        String enc = b.plain.call("OBJECT", "ENCODING", src);
        unordered = enc.contains("hashtable") || enc.contains("skiplist") || enc.contains("listpack");
        unorderedSort = unordered;
        if (unordered && mode == Mode.SELF_RESP3) {
          // the pushes land inside SORT's array reply, at places that order decides
          history.add(line + " (skipped: unordered SORT with its own pushes inside the reply)");
          return;
        }
      }
      if (name.startsWith("SORT")) {
        // 7.0's numeric SORT checks errno after strtod without clearing it, so an ERANGE left
        // by an earlier command (a weight of 1e-400) fails it; a seconds timeout parse clears
        // errno, and this one fails before any key is read
        a.plain.call("BLPOP", "__errno_reset__", "-1");
        b.plain.call("BLPOP", "__errno_reset__", "-1");
      }
      String x = a.execute(cmd);
      String y = b.execute(cmd);
      List<String> ex = a.events();
      List<String> ey = b.events();
      if (unorderedSort) {
        // ties under a narrowing LIMIT even decide which elements get their GET keys read
        ex.removeIf(f -> f.contains("keymiss"));
        ey.removeIf(f -> f.contains("keymiss"));
      }
      if (unordered) {
        ex.sort(null);
        ey.sort(null);
      }
      history.add(line + " -> " + shorten(y) + (x.equals(y) ? "" : "   (ours: " + shorten(x) + ")")
          + (ey.isEmpty() ? "" : "\n      " + summary(ey)));
      count(ey);
      if (!ex.equals(ey)) {
        int from = Math.max(0, history.size() - HISTORY);
        throw new AssertionError("notifications differ from redis-server (seed=" + SEED + ", sequence seed=" + seed
            + ", mode=" + mode + ", classes=" + classes + ", step #" + step + ")\ncommand: " + line
            + "\nours:\n  " + String.join("\n  ", printable(ex)) + "\nredis:\n  " + String.join("\n  ", printable(ey))
            + "\nlast commands:\n  " + String.join("\n  ", history.subList(from, history.size())));
      }
      trackState(name, cmd, y);
      if (unorderedSort && y.startsWith(":") && !y.equals(":0\r\n")) {
        resyncSortStore(cmd);
      }
    }

    /**
     * A SORT ... STORE over an unordered source stored a list whose order Redis leaves open:
     * rebuild it on both sides from Redis's, so later commands see the same list.
     */
    private void resyncSortStore(byte[][] cmd) {
      String dst = null;
      for (int j = 2; j + 1 < cmd.length; j++) {
        if (new String(cmd[j], StandardCharsets.ISO_8859_1).equalsIgnoreCase("STORE")) {
          dst = new String(cmd[j + 1], StandardCharsets.ISO_8859_1);
        }
      }
      if (dst == null) {
        return;
      }
      List<String> elements = HashRedisIT.elements(b.plain.call("LRANGE", dst, "0", "-1"));
      discardReads();
      run("DEL", dst);
      List<String> args = new ArrayList<>(List.of("RPUSH", dst));
      args.addAll(elements);
      run(args.toArray(new String[0]));
    }

    private void run(String... cmd) {
      run(BitmapRandomCommands.bytes(cmd));
    }

    private void trackState(String name, byte[][] cmd, String redisReply) {
      switch (name) {
        case "MULTI" -> inMulti |= redisReply.startsWith("+OK");
        case "EXEC", "DISCARD" -> inMulti = false;
        default -> { }
      }
      if (name.equals("SELECT") || name.equals("EXEC")) {
        a.followDb();
        b.followDb();
      }
      if (name.equals("SPOP") && !inMulti && !redisReply.startsWith("-")) {
        resync(new String(cmd[1], StandardCharsets.ISO_8859_1));
      }
    }

    /**
     * Drops the notifications of the reads a generator made on the plain connections (a miss
     * there notifies on one server only).
     */
    private void discardReads() {
      a.events();
      b.events();
    }

    /** SPOP chose members at random: rebuild the set on both sides from Redis's members. */
    private void resync(String key) {
      List<String> members = HashRedisIT.elements(b.plain.call("SMEMBERS", key));
      discardReads();
      if (members == null) {
        return;
      }
      run("DEL", key);
      if (!members.isEmpty()) {
        List<String> args = new ArrayList<>(List.of("SADD", key));
        args.addAll(members);
        run(args.toArray(new String[0]));
      }
    }

    /**
     * Gives a key a 5 ms TTL and waits past it, so the next command touching it expires it
     * lazily. (Not 1 ms: Redis 7.0 reads the clock twice in EXPIRE, and a millisecond tick
     * between the two makes it delete the key at once.)
     */
    private void lazyExpiry() {
      run("PEXPIRE", EXPIRY_KEYS[r.nextInt(EXPIRY_KEYS.length)], "5");
      try {
        Thread.sleep(8);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /**
     * A client blocks on missing keys (or pops at once if they hold something), another client
     * pushes to one of them, and the blocked client is served: the events of both, including
     * the pop the blocking command became, must match.
     */
    private void servedBlockingPop() {
      boolean list = r.nextBoolean();
      String[] keys = list ? LIST_KEYS : ZSET_KEYS;
      String k1 = keys[r.nextInt(3)];
      String k2 = keys[r.nextInt(3)];
      String[] block;
      if (list) {
        String dst = LIST_KEYS[r.nextInt(3)];
        block = switch (r.nextInt(5)) {
          case 0 -> new String[] {"BLPOP", k1, k2, "0"};
          case 1 -> new String[] {"BRPOP", k1, "0"};
          case 2 -> new String[] {"BLMOVE", k1, dst, r.nextBoolean() ? "LEFT" : "RIGHT", r.nextBoolean() ? "LEFT" : "RIGHT", "0"};
          case 3 -> new String[] {"BRPOPLPUSH", k1, dst, "0"};
          default -> new String[] {"BLMPOP", "0", "2", k1, k2, r.nextBoolean() ? "LEFT" : "RIGHT", "COUNT", "2"};
        };
      } else {
        block = switch (r.nextInt(3)) {
          case 0 -> new String[] {"BZPOPMIN", k1, k2, "0"};
          case 1 -> new String[] {"BZPOPMAX", k1, "0"};
          default -> new String[] {"BZMPOP", "0", "2", k1, k2, r.nextBoolean() ? "MIN" : "MAX", "COUNT", "2"};
        };
      }
      boolean twoKeys = block[0].equals("BLPOP") || block[0].equals("BLMPOP") || block[0].equals("BZPOPMIN")
          || block[0].equals("BZMPOP");
      String target = twoKeys && r.nextBoolean() ? k2 : k1;
      // The pusher first makes sure the key can take the push (a blocked client waits on
      // missing keys only, so this never deletes what it waits for).
      String[] clear = {"DEL", target};
      // With two keys, a transaction may fill the second key after the target: Redis serves the
      // blocked client from the key that became ready first, whatever the argument order.
      String other = twoKeys ? (target.equals(k1) ? k2 : k1) : target;
      String[][] pushes;
      if (list) {
        pushes = r.nextBoolean()
            ? new String[][] {{"RPUSH", target, "a", "b", "c"}}
            : new String[][] {{"MULTI"}, {"LPUSH", target, "x"}, {"RPUSH", other, "y"}, {"EXEC"}};
      } else {
        pushes = r.nextBoolean()
            ? new String[][] {{"ZADD", target, "1", "a", "2", "b", "3", "c"}}
            : new String[][] {{"MULTI"}, {"ZADD", target, "5", "x"}, {"ZADD", other, "0", "y"}, {"EXEC"}};
      }
      String line = describe(BitmapRandomCommands.bytes(block));
      b.blocker.call("TYPE", target); // on both: a miss notifies
      String wrong = a.blocker.call("TYPE", target);
      if (!wrong.equals("+none\r\n") && !wrong.contains(list ? "list" : "zset")) {
        a.pusher.call(clear);
        b.pusher.call(clear);
        line += " (after DEL " + target + ")";
      }
      String x = a.blockThenPush(block, pushes);
      String y = b.blockThenPush(block, pushes);
      List<String> ex = a.events();
      List<String> ey = b.events();
      history.add("[blocked] " + line + " then " + describePushes(pushes) + " -> " + shorten(y)
          + (x.equals(y) ? "" : "   (ours: " + shorten(x) + ")") + (ey.isEmpty() ? "" : "\n      " + summary(ey)));
      count(ey);
      if (!ex.equals(ey)) {
        int from = Math.max(0, history.size() - HISTORY);
        throw new AssertionError("notifications of a served blocking command differ (seed=" + SEED + ", sequence seed="
            + seed + ", mode=" + mode + ", step #" + step + ")\ncommand: " + line + "\nours:\n  "
            + String.join("\n  ", printable(ex)) + "\nredis:\n  " + String.join("\n  ", printable(ey))
            + "\nlast commands:\n  " + String.join("\n  ", history.subList(from, history.size())));
      }
    }
  }

  private static void resetServer(String host, int port) {
    try (RawRespClient c = new RawRespClient(host, port)) {
      c.call("CONFIG", "SET", "notify-keyspace-events", "");
      c.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
      c.call("FLUSHALL");
    }
  }

  /**
   * One server's connections: the command client (in {@link Mode#SELF_RESP3}, subscribed itself),
   * the subscriber otherwise, a plain client that follows the command client's database (for
   * generators that read state), and a blocker and a pusher in database 0.
   */
  private static final class Side implements AutoCloseable {
    final String host;
    final int port;
    final Mode mode;
    final RawRespClient cmd;
    final RawRespClient plain;
    final RawRespClient blocker;
    final RawRespClient pusher;
    KeyspaceEventLog log;
    long cmdId;
    long blockerId;
    int markers;
    List<String> selfFrames = new ArrayList<>();

    Side(String host, int port, Mode mode) {
      this.host = host;
      this.port = port;
      this.mode = mode;
      this.cmd = new RawRespClient(host, port);
      this.plain = new RawRespClient(host, port);
      this.blocker = new RawRespClient(host, port);
      this.pusher = new RawRespClient(host, port);
    }

    void setUp(String classes) {
      plain.call("FLUSHALL");
      assertThat(plain.call("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("+OK\r\n");
      plain.call("CONFIG", "SET", "proto-max-bulk-len", BitmapRandomCommands.MAX_BULK);
      plain.call("CONFIG", "SET", "set-max-intset-entries", "512");
      plain.call("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
      String ok = plain.call("CONFIG", "SET", "notify-keyspace-events", classes);
      assertThat(ok).as("CONFIG SET notify-keyspace-events %s", classes).isEqualTo("+OK\r\n");
      cmdId = Long.parseLong(cmd.call("CLIENT", "ID").substring(1).trim());
      blockerId = Long.parseLong(blocker.call("CLIENT", "ID").substring(1).trim());
      if (mode == Mode.SELF_RESP3) {
        cmd.call("HELLO", "3");
        cmd.call("PSUBSCRIBE", KeyspaceEventLog.PATTERN);
      } else {
        log = KeyspaceEventLog.open(host, port, mode == Mode.KEANM_RESP3 ? 3 : 2);
      }
    }

    /** Sends a command; returns its reply (its pushes to itself, in SELF mode, wait for {@link #events}). */
    String execute(byte[][] args) {
      if (mode != Mode.SELF_RESP3) {
        return cmd.call(args);
      }
      cmd.send(args);
      String marker = "__keymarker__:" + (markers++);
      cmd.send(BitmapRandomCommands.bytes(new String[] {"PUBLISH", marker, "m"}));
      selfFrames = new ArrayList<>();
      String reply = null;
      while (true) {
        String f = cmd.readReply();
        if (f.startsWith(">") && KeyspaceEventLog.channel(f).equals(marker)) {
          cmd.readReply(); // PUBLISH's own reply
          return reply == null ? "" : reply;
        }
        if (f.startsWith(">")) {
          selfFrames.add(f);
        } else {
          reply = f;
          selfFrames.add("<reply>");
        }
      }
    }

    /** What the last command (or blocking step) notified, as raw message bytes. */
    List<String> events() {
      if (mode != Mode.SELF_RESP3) {
        return log.drainRaw();
      }
      List<String> out = selfFrames;
      selfFrames = new ArrayList<>();
      if (!out.contains("<reply>")) {
        out.addAll(drainSelf()); // after a blocking step: only pushes
      }
      return out;
    }

    private List<String> drainSelf() {
      String marker = "__keymarker__:" + (markers++);
      cmd.send(BitmapRandomCommands.bytes(new String[] {"PUBLISH", marker, "m"}));
      List<String> out = new ArrayList<>();
      while (true) {
        String f = cmd.readReply();
        if (f.startsWith(">") && KeyspaceEventLog.channel(f).equals(marker)) {
          cmd.readReply();
          return out;
        }
        out.add(f);
      }
    }

    /** Points {@link #plain} at the database the command client is in now. */
    void followDb() {
      String info = plain.call("CLIENT", "LIST", "ID", Long.toString(cmdId));
      int at = info.indexOf(" db=");
      if (at >= 0) {
        int end = info.indexOf(' ', at + 4);
        plain.call("SELECT", info.substring(at + 4, end));
      }
    }

    /**
     * Sends {@code block} on the blocker, waits until the server has run it (blocked or
     * answered), runs {@code pushes} on the pusher, and returns the blocker's reply.
     */
    String blockThenPush(String[] block, String[][] pushes) {
      blocker.call("CLIENT", "ID"); // so "cmd=" below names this step's command once it has run
      blocker.send(BitmapRandomCommands.bytes(block));
      String name = block[0].toLowerCase(java.util.Locale.ROOT);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!plain.call("CLIENT", "LIST", "ID", Long.toString(blockerId)).contains(" cmd=" + name + " ")) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the blocking command never ran: " + Arrays.toString(block));
        }
        Thread.onSpinWait();
      }
      for (String[] p : pushes) {
        pusher.call(p);
      }
      return blocker.readReply();
    }

    @Override
    public void close() {
      cmd.close();
      plain.close();
      blocker.close();
      pusher.close();
      if (log != null) {
        log.close();
      }
    }
  }

  private static String describe(byte[][] cmd) {
    StringBuilder b = new StringBuilder();
    for (byte[] a : cmd) {
      if (b.length() > 0) {
        b.append(' ');
      }
      String s = new String(a, StandardCharsets.ISO_8859_1);
      b.append(s.isEmpty() ? "\"\"" : s.length() > 40 ? s.substring(0, 40) + "..." : s);
    }
    return RandomCommands.printable(b.length() > 300 ? b.substring(0, 300) + "..." : b.toString());
  }

  private static String describePushes(String[][] pushes) {
    List<String> out = new ArrayList<>();
    for (String[] p : pushes) {
      out.add(String.join(" ", p));
    }
    return String.join("; ", out);
  }

  private static String shorten(String reply) {
    String p = RandomCommands.printable(reply);
    return p.length() > 120 ? p.substring(0, 120) + "..." : p;
  }

  private static List<String> printable(List<String> frames) {
    List<String> out = new ArrayList<>();
    for (String f : frames) {
      out.add(RandomCommands.printable(f));
    }
    return out;
  }

  /** The events as "channel message" pairs, for the history. */
  private static String summary(List<String> frames) {
    List<String> out = new ArrayList<>();
    for (String f : frames) {
      out.add(f.equals("<reply>") ? f : KeyspaceEventLog.channel(f) + " " + KeyspaceEventLog.message(f));
    }
    return String.join(", ", out);
  }
}
