package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** SAVE, BGSAVE, save points, MISCONF, -LOADING and restarts, over TCP, with real redis-server interop. */
class RdbPersistenceIT {

  @TempDir
  Path dir;

  private ServerNode start(String... directives) {
    var b = (io.haredis.core.node.ServerBuilder) RedisServer.builder().port(0).dir(dir);
    for (int i = 0; i < directives.length; i += 2) {
      b.config(directives[i], directives[i + 1].split(" ", -1));
    }
    return b.start();
  }

  private static Jedis jedis(ServerNode n) {
    return new Jedis(n.address().host(), n.address().port(), 10_000);
  }

  private static void fill(Jedis j, int n) {
    Pipeline p = j.pipelined();
    for (int i = 0; i < n; i++) {
      switch (i % 6) {
        case 0 -> p.set("s:" + i, "value-" + i);
        case 1 -> p.incrBy("n:" + i, i);
        case 2 -> p.hset("h:" + i, java.util.Map.of("a", "1", "b", "x".repeat(i % 100), "c", Integer.toString(i)));
        case 3 -> p.rpush("l:" + i, "a", "b", Integer.toString(i));
        case 4 -> p.sadd("set:" + i, "1", "2", Integer.toString(i));
        default -> p.zadd("z:" + i, i, "m" + i);
      }
      if (i % 50 == 0) {
        p.pexpire("s:" + (i - i % 6), 10_000_000);
      }
    }
    p.select(3);
    p.set("db3", "x".repeat(500)); // compressible
    p.select(0);
    p.sync();
  }

  private static String info(Jedis j, String field) {
    for (String line : j.info("persistence").split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    throw new AssertionError("no INFO field " + field);
  }

  private static String digest(Jedis j) {
    Object r = j.sendCommand(() -> redis.clients.jedis.util.SafeEncoder.encode("DEBUG"), "DIGEST");
    return redis.clients.jedis.util.SafeEncoder.encode((byte[]) r);
  }

  private static void await(BooleanSupplier cond, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void bgsaveWhileClientsWrite_savesTheStartInstant_andLoadsHereAndInRedis() throws Exception {
    String digest;
    try (ServerNode node = start(); Jedis j = jedis(node); Jedis w = jedis(node)) {
      fill(j, 60_000);
      digest = digest(j);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong writes = new AtomicLong();
      // the snapshot's instant is BGSAVE's execution: the writer starts after its reply
      assertThat(j.bgsave()).isEqualTo("Background saving started");
      CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
        int i = 0;
        while (!stop.get()) {
          w.set("s:" + (i * 6 % 60_000), "changed"); // keys the snapshot may not have reached
          w.del("l:" + ((i * 6 + 3) % 60_000));
          w.hset("h:" + ((i * 6 + 2) % 60_000), "new", "field");
          writes.incrementAndGet();
          i++;
        }
      });
      await(() -> info(j, "rdb_bgsave_in_progress").equals("0"), "the background save");
      stop.set(true);
      writer.get(10, TimeUnit.SECONDS);
      assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("ok");
      assertThat(writes.get()).isPositive();
      assertThat(digest(j)).isNotEqualTo(digest);
    }
    Path file = dir.resolve("dump.rdb");
    assertThat(file).exists();
    assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("temp-"))).isEmpty();
    Process check = new ProcessBuilder("redis-check-rdb", file.toString()).redirectErrorStream(true).start();
    String out = new String(check.getInputStream().readAllBytes());
    assertThat(check.waitFor()).as(out).isZero();
    assertThat(out).contains("RDB looks OK!");
    try (ServerNode again = start(); Jedis j = jedis(again)) {
      assertThat(digest(j)).isEqualTo(digest);
      assertThat(info(j, "rdb_last_load_keys_loaded")).isEqualTo("60001");
    }
    try (RealRedis real = RealRedis.start("--dir", dir.toString(), "--dbfilename", "dump.rdb",
        "--enable-debug-command", "yes");
        Jedis j = new Jedis(real.host(), real.port())) {
      assertThat(digest(j)).isEqualTo(digest);
    }
  }

  @Test
  void saveAndLastsave_thenRestartLoadsTheData() {
    try (ServerNode node = start(); Jedis j = jedis(node)) {
      j.set("k", "v");
      j.rpush("list", "a", "b");
      assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("3"); // RPUSH counts its elements
      long before = j.lastsave();
      assertThat(j.save()).isEqualTo("OK");
      assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("0");
      assertThat(j.lastsave()).isGreaterThanOrEqualTo(before);
      assertThat(info(j, "rdb_saves")).isEqualTo("1");
    }
    try (ServerNode node = start(); Jedis j = jedis(node)) {
      assertThat(j.get("k")).isEqualTo("v");
      assertThat(j.lrange("list", 0, -1)).containsExactly("a", "b");
    }
  }

  @Test
  void savePoints_triggerABackgroundSave() {
    try (ServerNode node = start("save", "1 1"); Jedis j = jedis(node)) {
      j.set("k", "v");
      await(() -> info(j, "rdb_saves").equals("1") && info(j, "rdb_bgsave_in_progress").equals("0"), "a save point");
      assertThat(info(j, "rdb_changes_since_last_save")).isEqualTo("0");
    }
  }

  @Test
  void failedBgsave_refusesWritesWithMisconf_untilASaveSucceeds() throws IOException {
    try (ServerNode node = start("save", "3600 1"); Jedis j = jedis(node); RawRespClient raw = new RawRespClient(
        node.address().host(), node.address().port())) {
      Files.createDirectories(dir.resolve("dump.rdb").resolve("sub")); // renaming onto a non-empty directory fails
      j.set("k", "v");
      assertThat(j.bgsave()).isEqualTo("Background saving started");
      await(() -> info(j, "rdb_bgsave_in_progress").equals("0"), "the failing background save");
      assertThat(info(j, "rdb_last_bgsave_status")).isEqualTo("err");
      assertThat(raw.call("SET", "k", "w")).startsWith("-MISCONF Redis is configured to save RDB snapshots");
      assertThat(raw.call("PING")).startsWith("-MISCONF");
      assertThat(raw.call("GET", "k")).isEqualTo("$1\r\nv\r\n");
      assertThat(raw.call("SAVE")).isEqualTo("-ERR\r\n");
      deleteTree(dir.resolve("dump.rdb"));
      assertThat(raw.call("SAVE")).isEqualTo("+OK\r\n");
      assertThat(raw.call("SET", "k", "w")).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void shutdownSave_writesTheFile_andNosaveDoesNot() {
    ServerNode node = start();
    try (RawRespClient raw = new RawRespClient(node.address().host(), node.address().port())) {
      raw.call("SET", "k", "v");
      raw.send("SHUTDOWN".getBytes(), "SAVE".getBytes());
      await(raw::closedByPeer, "the shutdown");
    }
    await(node::isClosed, "the node to close");
    assertThat(dir.resolve("dump.rdb")).exists();
    try (ServerNode again = start("save", "3600 1"); Jedis j = jedis(again)) {
      assertThat(j.get("k")).isEqualTo("v");
      j.set("k", "later");
      try (RawRespClient raw = new RawRespClient(again.address().host(), again.address().port())) {
        raw.send("SHUTDOWN".getBytes(), "NOSAVE".getBytes());
        await(raw::closedByPeer, "the shutdown");
      }
    }
    try (ServerNode again = start(); Jedis j = jedis(again)) {
      assertThat(j.get("k")).isEqualTo("v");
    }
  }

  @Test
  void idleOpcodes_setTheLoadedKeysIdleTime() throws IOException {
    RdbOutput out = new RdbOutput(256);
    RdbWriter w = new RdbWriter(out, true);
    w.header();
    w.selectDb(0);
    w.resizeDb(2, 0);
    w.keyValue("old".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), -1, 5000, -1);
    w.keyValue("fresh".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), -1, -1, -1);
    w.eof();
    byte[] body = java.util.Arrays.copyOf(out.array(), out.length());
    long crc = Crc64.update(0, body, 0, body.length);
    byte[] file = java.util.Arrays.copyOf(body, body.length + 8);
    for (int i = 0; i < 8; i++) {
      file[body.length + i] = (byte) (crc >>> (8 * i));
    }
    Files.write(dir.resolve("dump.rdb"), file);
    try (ServerNode node = start(); Jedis j = jedis(node)) {
      assertThat(j.objectIdletime("old")).isBetween(5000L, 5002L);
      assertThat(j.objectIdletime("fresh")).isLessThan(3L);
    }
  }

  @Test
  void corruptFile_refusesToStart_andIsLeftAsItWas() throws IOException {
    try (ServerNode node = start(); Jedis j = jedis(node)) {
      fill(j, 600);
      j.save();
    }
    Path file = dir.resolve("dump.rdb");
    byte[] bytes = Files.readAllBytes(file);
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
    Files.write(file, truncated);
    assertThatThrownBy(() -> start("save", "1 1")).isInstanceOf(RedisException.class);
    assertThat(Files.readAllBytes(file)).isEqualTo(truncated);
  }

  @Test
  void whileLoading_commandsGetLoading_andInfoShowsProgress() throws Exception {
    try (ServerNode node = start(); Jedis j = jedis(node)) {
      fill(j, 3000);
      j.save();
    }
    byte[] bytes = Files.readAllBytes(dir.resolve("dump.rdb"));
    Path fifoDir = Files.createDirectory(dir.resolve("fifo"));
    Path fifo = fifoDir.resolve("dump.rdb");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    int port = freePort();
    CompletableFuture<ServerNode> starting = CompletableFuture.supplyAsync(() -> RedisServer.builder()
        .port(port).dir(fifoDir).start()).thenApply(ServerNode.class::cast);
    try (OutputStream feed = Files.newOutputStream(fifo)) {
      feed.write(bytes, 0, bytes.length / 2);
      feed.flush();
      RawRespClient raw = connect(port);
      assertThat(raw.call("PING")).isEqualTo("-LOADING Redis is loading the dataset in memory\r\n");
      assertThat(raw.call("GET", "s:0")).isEqualTo("-LOADING Redis is loading the dataset in memory\r\n");
      String info = raw.call("INFO", "persistence");
      assertThat(info).contains("loading:1\r\n").contains("loading_loaded_perc:").contains("loading_eta_seconds:");
      feed.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
      feed.close();
      try (ServerNode node = starting.get(20, TimeUnit.SECONDS)) {
        await(() -> raw.call("PING").equals("+PONG\r\n"), "the end of loading");
        assertThat(raw.call("INFO", "persistence")).contains("loading:0\r\n").doesNotContain("loading_eta_seconds");
        assertThat(raw.call("DBSIZE")).isEqualTo(":3000\r\n");
        raw.close();
      }
    }
  }

  private static RawRespClient connect(int port) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        return new RawRespClient("127.0.0.1", port);
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          throw new AssertionError(ie);
        }
      }
    }
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
    }
  }
}
