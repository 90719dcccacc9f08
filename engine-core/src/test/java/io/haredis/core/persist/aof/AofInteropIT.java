package io.haredis.core.persist.aof;

import static io.haredis.core.persist.aof.AofTestSupport.await;
import static io.haredis.core.persist.aof.AofTestSupport.digest;
import static io.haredis.core.persist.aof.AofTestSupport.infoField;
import static io.haredis.core.persist.aof.AofTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.commands.CommandWireClient;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AOF directories both ways with a real {@code redis-server} 7.0: ours load there with the same
 * DEBUG DIGEST and pass {@code redis-check-aof}; Redis's load here. Also INFO's aof fields.
 */
class AofInteropIT {

  @TempDir
  Path dir;

  /** A deterministic mix of writes in several databases, with TTLs and transactions. */
  static void workload(Consumer<Object[]> run, long seed) {
    Random r = new Random(seed);
    for (int i = 0; i < 300; i++) {
      int db = r.nextInt(3);
      run.accept(new Object[] {"SELECT", Integer.toString(db)});
      String k = "k" + r.nextInt(40);
      switch (r.nextInt(12)) {
        case 0 -> run.accept(new Object[] {"SET", k, "v" + r.nextInt(1000)});
        case 1 -> run.accept(new Object[] {"INCRBY", "n" + r.nextInt(5), Integer.toString(r.nextInt(100))});
        case 2 -> run.accept(new Object[] {"RPUSH", "l" + k, "a" + i, "b" + i});
        case 3 -> run.accept(new Object[] {"SADD", "s" + k, Integer.toString(r.nextInt(50)), "m" + r.nextInt(5)});
        case 4 -> run.accept(new Object[] {"ZADD", "z" + k, Double.toString(r.nextDouble() * 100), "m" + r.nextInt(20)});
        case 5 -> run.accept(new Object[] {"HSET", "h" + k, "f" + r.nextInt(10), "v" + i});
        case 6 -> run.accept(new Object[] {"EXPIRE", k, Integer.toString(1000 + r.nextInt(1000))});
        case 7 -> run.accept(new Object[] {"DEL", "l" + k});
        case 8 -> {
          run.accept(new Object[] {"MULTI"});
          run.accept(new Object[] {"INCR", "tx"});
          run.accept(new Object[] {"LPUSH", "txl", "x" + i});
          run.accept(new Object[] {"EXEC"});
        }
        case 9 -> run.accept(new Object[] {"INCRBYFLOAT", "fl", "0.5"});
        case 10 -> run.accept(new Object[] {"PFADD", "hll", "e" + r.nextInt(100)});
        default -> run.accept(new Object[] {"SPOP", "s" + k});
      }
    }
  }

  @Test
  void ourAofDirectory_loadsIntoRedis_withTheSameDigest_andPassesRedisCheckAof() throws Exception {
    String ours;
    try (ServerNode n = start(dir)) {
      workload(args -> n.client().execute(args), 1);
      n.client().execute("BGREWRITEAOF");
      await("rewrite", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      workload(args -> n.client().execute(args), 2);
      ours = digest(n);
    }
    String check = checkAof(dir.resolve("appendonlydir").resolve("appendonly.aof.manifest"));
    assertThat(check).contains("All AOF files and manifest are valid");
    try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--dir", dir.toString(), "--enable-debug-command", "yes");
        CommandWireClient c = new CommandWireClient(redis.host(), redis.port())) {
      awaitDigest(c, ours);
    }
  }

  @Test
  void ourAofDirectory_withRdbPreamble_loadsIntoRedis_withTheSameDigest() throws Exception {
    String ours;
    try (ServerNode n = start(dir, "aof-use-rdb-preamble", "yes")) {
      workload(args -> n.client().execute(args), 5);
      n.client().execute("BGREWRITEAOF");
      await("rewrite", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      workload(args -> n.client().execute(args), 6);
      ours = digest(n);
    }
    assertThat(checkAof(dir.resolve("appendonlydir").resolve("appendonly.aof.manifest"))).contains("All AOF files and manifest are valid");
    try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--dir", dir.toString(), "--enable-debug-command", "yes");
        CommandWireClient c = new CommandWireClient(redis.host(), redis.port())) {
      awaitDigest(c, ours);
    }
  }

  /**
   * The fixture written by redis-server 7.0.15, without its stream key (streams do not exist
   * here yet): redis-server loads it, deletes the stream and rewrites it (an RDB-preamble base
   * holding every other type and encoding); that directory loads here with Redis's digest.
   */
  @Test
  void redisFixture_withoutTheStream_rewrittenByRedis_loadsHere_withTheSameDigest() throws Exception {
    AofFixtureTest.copyFixture(dir);
    String theirs;
    try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--dir", dir.toString(), "--enable-debug-command", "yes");
        CommandWireClient c = new CommandWireClient(redis.host(), redis.port())) {
      awaitDigest(c, Files.readString(AofFixtureTest.fixture().resolve("appendonlydir-7.0.digest")).trim());
      assertThat(c.text("TYPE", "stream:s")).isEqualTo("stream");
      c.call("DEL", "stream:s");
      c.call("BGREWRITEAOF");
      awaitRedis(c);
      c.call("SET", "after", "rewrite");
      theirs = c.text("DEBUG", "DIGEST");
    }
    try (ServerNode n = start(dir, "aof-use-rdb-preamble", "yes")) {
      assertThat(digest(n)).isEqualTo(theirs);
    }
  }

  @Test
  void redisAofDirectory_withoutPreamble_loadsHere_withTheSameDigest() throws Exception {
    String theirs;
    try (RealRedis redis = RealRedis.start("--appendonly", "yes", "--aof-use-rdb-preamble", "no", "--dir", dir.toString(),
        "--enable-debug-command", "yes");
        CommandWireClient c = new CommandWireClient(redis.host(), redis.port())) {
      workload(args -> c.call(args), 3);
      c.call("BGREWRITEAOF");
      awaitRedis(c);
      workload(args -> c.call(args), 4);
      theirs = c.text("DEBUG", "DIGEST");
    }
    try (ServerNode n = start(dir)) {
      assertThat(digest(n)).isEqualTo(theirs);
    }
  }

  @Test
  void infoPersistence_aofFieldNames_asRedisPrintsThem_onAndOff() throws Exception {
    for (String onOff : List.of("yes", "no")) {
      Path d = Files.createDirectories(dir.resolve(onOff));
      Files.createDirectories(d.resolve("real"));
      List<String> theirs;
      try (RealRedis redis = RealRedis.start("--appendonly", onOff, "--dir", d.resolve("real").toString());
          CommandWireClient c = new CommandWireClient(redis.host(), redis.port())) {
        theirs = fieldNames(c.text("INFO", "persistence"));
      }
      try (ServerNode n = start(d.resolve("ours"), "appendonly", onOff)) {
        assertThat(fieldNames((String) n.client().execute("INFO", "persistence"))).as("appendonly %s", onOff)
            .containsExactlyElementsOf(theirs);
      }
    }
  }

  private static List<String> fieldNames(String info) {
    List<String> out = new ArrayList<>();
    for (String l : info.split("\r\n")) {
      if (l.contains(":") && !l.startsWith("#")) {
        out.add(l.substring(0, l.indexOf(':')));
      }
    }
    return out;
  }

  /** redis-server listens while it loads, and DEBUG runs during loading: wait for the whole dataset. */
  /**
   * Waits for redis-server to hold {@code want}: Redis 7.0 clears loading:1 between the files of
   * a multi-part AOF, so loading:0 alone may be seen after the base and before the incr file.
   */
  private static void awaitDigest(CommandWireClient c, String want) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!c.text("DEBUG", "DIGEST").equals(want) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    awaitLoaded(c);
    assertThat(c.text("DEBUG", "DIGEST")).isEqualTo(want);
  }

  private static void awaitLoaded(CommandWireClient c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!c.text("INFO", "persistence").contains("loading:0\r\n")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("redis-server did not finish loading");
      }
      Thread.sleep(20);
    }
  }

  private static void awaitRedis(CommandWireClient c) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      String info = c.text("INFO", "persistence");
      if (info.contains("aof_rewrite_in_progress:0") && info.contains("aof_rewrite_scheduled:0")) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("redis-server's rewrite did not finish");
  }

  /** Runs {@code redis-check-aof} on a manifest and returns its output (it must exit 0). */
  static String checkAof(Path manifest) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/redis-check-aof", manifest.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out;
  }

  static List<String> lines(String s) {
    return Arrays.asList(s.split("\n"));
  }
}
