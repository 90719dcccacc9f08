package io.haredis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.GenericMapOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolVersion;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The real tools and clients against the shaded {@code haredis-server.jar} started as its own
 * process: redis-cli (commands, {@code --scan}, {@code --pipe}), redis-benchmark, Jedis and
 * Lettuce under RESP2 and RESP3. One launcher serves the whole class; each test starts from an
 * empty keyspace.
 */
class LauncherClientsIT {

  private static final Path JAR = Path.of("target", "haredis-server.jar");
  private static final String REDIS_CLI = "/usr/bin/redis-cli";
  private static final String REDIS_BENCHMARK = "/usr/bin/redis-benchmark";
  private static final int KEYS = 10_000;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static Process launcher;
  private static Path launcherLog;
  private static int port;

  @BeforeAll
  static void startLauncher() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
    port = freePort();
    List<String> cmd = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-jar", JAR.toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString());
    launcherLog = dir.resolve("launcher.log");
    // Output to a file, not a pipe: destroy() closes the pipes and the shutdown lines would be lost.
    launcher = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(launcherLog.toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!launcherOutput().contains("Ready to accept connections")) {
      if (!launcher.isAlive() || System.nanoTime() > deadline) {
        launcher.destroyForcibly();
        throw new AssertionError("launcher not ready; output: " + launcherOutput());
      }
      Thread.sleep(50);
    }
  }

  @AfterAll
  static void stopLauncher() throws Exception {
    if (launcher == null) {
      return;
    }
    try {
      launcher.destroy(); // SIGTERM
      assertThat(launcher.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM; output: %s", launcherOutput()).isTrue();
      assertThat(launcher.exitValue()).as("exit status; output: %s", launcherOutput()).isZero();
      assertThat(launcherOutput()).contains("ready to exit, bye bye");
    } finally {
      launcher.destroyForcibly();
    }
  }

  @BeforeEach
  void emptyKeyspace() {
    try (Jedis jedis = jedis()) {
      assertThat(jedis.flushAll()).isEqualTo("OK");
    }
  }

  // ---- redis-cli ----

  @Test
  void redisCli_setGet() throws Exception {
    requireTool(REDIS_CLI);
    assertThat(cli("set", "cli:key", "hello world")).isEqualTo("OK");
    assertThat(cli("get", "cli:key")).isEqualTo("hello world");
    assertThat(cli("incr", "cli:n")).isEqualTo("1");
    assertThat(cli("-3", "hello")).contains("proto").contains("3");
  }

  @Test
  void redisCliScan_10kKeys_eachKeyExactlyOnce() throws Exception {
    requireTool(REDIS_CLI);
    try (Jedis jedis = jedis()) {
      Pipeline p = jedis.pipelined();
      for (int i = 0; i < KEYS; i++) {
        p.set("cliscan:" + i, Integer.toString(i));
      }
      p.sync();
    }
    List<String> keys = cli("--scan").lines().toList();
    assertThat(keys).hasSize(KEYS).doesNotHaveDuplicates().allMatch(k -> k.startsWith("cliscan:"));
    // cliscan:99, cliscan:990..999, cliscan:9900..9999
    List<String> matched = cli("--scan", "--pattern", "cliscan:99*").lines().toList();
    assertThat(matched).hasSize(1 + 10 + 100).doesNotHaveDuplicates().allMatch(k -> k.startsWith("cliscan:99"));
  }

  @Test
  void redisCliPipe_10kCommands_allReplied_noErrors() throws Exception {
    requireTool(REDIS_CLI);
    Path input = dir.resolve("pipe.resp");
    StringBuilder resp = new StringBuilder();
    for (int i = 0; i < KEYS; i++) {
      appendCommand(resp, "SET", "clipipe:" + i, "v" + i);
    }
    Files.writeString(input, resp, StandardCharsets.UTF_8);
    String out = run(cliCommand("--pipe"), input);
    assertThat(out).contains("errors: 0, replies: " + KEYS);
    try (Jedis jedis = jedis()) {
      assertThat(jedis.dbSize()).isEqualTo(KEYS);
      assertThat(jedis.get("clipipe:0")).isEqualTo("v0");
      assertThat(jedis.get("clipipe:9999")).isEqualTo("v9999");
    }
  }

  // ---- redis-benchmark ----

  @Test
  void redisBenchmark_setGetIncrLpush_completesAndTheDataIsThere() throws Exception {
    requireTool(REDIS_BENCHMARK);
    String out = run(List.of(REDIS_BENCHMARK, "-h", "127.0.0.1", "-p", Integer.toString(port),
        "-t", "set,get,incr,lpush", "-n", "20000", "-c", "20", "-P", "16", "-q"), null);
    for (String test : List.of("SET", "GET", "INCR", "LPUSH")) {
      Matcher m = Pattern.compile("(?m)(?:^|\\r)" + test + ": ([0-9.]+) requests per second").matcher(out);
      assertThat(m.find()).as("%s result in: %s", test, out).isTrue();
      assertThat(Double.parseDouble(m.group(1))).as(test + " requests per second").isPositive();
    }
    // Without -r, redis-benchmark keeps the __rand_int__ placeholder in its key names.
    try (Jedis jedis = jedis()) {
      assertThat(jedis.get("counter:__rand_int__")).isEqualTo("20000");
      assertThat(jedis.llen("mylist")).isEqualTo(20000);
      assertThat(jedis.get("key:__rand_int__")).hasSize(3); // the default -d 3 payload
    }
  }

  // ---- Jedis ----

  @Test
  void jedisPipeline_10kSetsThen10kGets_allRepliesInOrder() {
    try (Jedis jedis = jedis()) {
      Pipeline p = jedis.pipelined();
      List<Response<String>> sets = new ArrayList<>();
      List<Response<String>> gets = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        sets.add(p.set("jpipe:" + i, "v" + i));
      }
      for (int i = 0; i < KEYS; i++) {
        gets.add(p.get("jpipe:" + i));
      }
      p.sync();
      for (int i = 0; i < KEYS; i++) {
        assertThat(sets.get(i).get()).as("SET reply %d", i).isEqualTo("OK");
        assertThat(gets.get(i).get()).as("GET reply %d", i).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void jedisScanWithCount_10kKeys_eachKeyExactlyOnce() {
    try (Jedis jedis = jedis()) {
      Pipeline p = jedis.pipelined();
      for (int i = 0; i < KEYS; i++) {
        p.set("jscan:" + i, Integer.toString(i));
      }
      p.sync();
      Map<String, Integer> seen = new HashMap<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      int pages = 0;
      do {
        ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(100));
        page.getResult().forEach(k -> seen.merge(k, 1, Integer::sum));
        cursor = page.getCursor();
        assertThat(++pages).as("SCAN terminates").isLessThan(100 * KEYS);
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      assertThat(seen).hasSize(KEYS);
      assertThat(seen).allSatisfy((k, n) -> assertThat(n).as("times %s was returned", k).isEqualTo(1));
      assertThat(seen.keySet()).allMatch(k -> k.startsWith("jscan:"));
    }
  }

  // ---- Lettuce ----

  @ParameterizedTest
  @EnumSource(value = ProtocolVersion.class, names = {"RESP2", "RESP3"})
  void lettuceAsyncPipeline_10kSets_thenGets_thenScan(ProtocolVersion protocol) {
    RedisClient client = lettuce(protocol);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> sync = connection.sync();
      assertThat(sync.clientInfo()).contains("resp=" + (protocol == ProtocolVersion.RESP3 ? 3 : 2));
      String prefix = "lettuce:" + protocol + ":";

      RedisAsyncCommands<String, String> async = connection.async();
      connection.setAutoFlushCommands(false);
      List<RedisFuture<String>> sets = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        sets.add(async.set(prefix + i, "v" + i));
      }
      connection.flushCommands();
      assertThat(LettuceFutures.awaitAll(TIMEOUT, sets.toArray(new RedisFuture<?>[0]))).as("all SETs replied").isTrue();
      List<RedisFuture<String>> gets = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        gets.add(async.get(prefix + i));
      }
      connection.flushCommands();
      assertThat(LettuceFutures.awaitAll(TIMEOUT, gets.toArray(new RedisFuture<?>[0]))).as("all GETs replied").isTrue();
      connection.setAutoFlushCommands(true);
      for (int i = 0; i < KEYS; i++) {
        assertThat(sets.get(i).toCompletableFuture().getNow(null)).as("SET reply %d", i).isEqualTo("OK");
        assertThat(gets.get(i).toCompletableFuture().getNow(null)).as("GET reply %d", i).isEqualTo("v" + i);
      }

      Map<String, Integer> seen = new HashMap<>();
      ScanArgs args = ScanArgs.Builder.limit(100).match(prefix + "*");
      KeyScanCursor<String> page = sync.scan(args);
      int pages = 1;
      page.getKeys().forEach(k -> seen.merge(k, 1, Integer::sum));
      while (!page.isFinished()) {
        page = sync.scan(ScanCursor.of(page.getCursor()), args);
        page.getKeys().forEach(k -> seen.merge(k, 1, Integer::sum));
        assertThat(++pages).as("SCAN terminates").isLessThan(100 * KEYS);
      }
      assertThat(seen).hasSize(KEYS);
      assertThat(seen).allSatisfy((k, n) -> assertThat(n).as("times %s was returned", k).isEqualTo(1));

      assertThat(sync.hset(prefix + "hash", Map.of("f1", "a", "f2", "b"))).isEqualTo(2);
      assertThat(sync.hgetall(prefix + "hash")).containsExactlyInAnyOrderEntriesOf(Map.of("f1", "a", "f2", "b"));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(10));
    }
  }

  @Test
  void lettuceResp3_helloRepliesAMap() {
    RedisClient client = lettuce(ProtocolVersion.RESP3);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      Map<String, Object> hello = connection.sync().dispatch(CommandType.HELLO,
          new GenericMapOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8).add(3));
      assertThat(hello).containsEntry("server", "redis").containsEntry("proto", 3L).containsKeys("version", "id", "mode", "role");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(10));
    }
  }

  // ---- helpers ----

  private static Jedis jedis() {
    return new Jedis("127.0.0.1", port, 30_000);
  }

  private static String launcherOutput() throws IOException {
    return Files.readString(launcherLog, StandardCharsets.UTF_8);
  }

  private static void requireTool(String path) {
    if (!Files.isExecutable(Path.of(path))) {
      Assumptions.abort(path + " is not installed");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static RedisClient lettuce(ProtocolVersion protocol) {
    RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
    client.setOptions(ClientOptions.builder().protocolVersion(protocol).build());
    client.setDefaultTimeout(TIMEOUT);
    return client;
  }

  private static void appendCommand(StringBuilder out, String... args) {
    out.append('*').append(args.length).append("\r\n");
    for (String a : args) {
      out.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    }
  }

  private static List<String> cliCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(REDIS_CLI, "-h", "127.0.0.1", "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static String cli(String... args) throws IOException, InterruptedException {
    return run(cliCommand(args), null);
  }

  /** Runs a tool to completion (bounded), asserts exit 0, returns its output (stdout and stderr). */
  private static String run(List<String> cmd, Path stdin) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "tool", ".out");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.start();
    try {
      assertThat(p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("%s finished", cmd).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String text = Files.readString(out, StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as("%s exit status; output: %s", cmd, text).isZero();
    return text;
  }
}
