package io.haredis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * A launcher killed with SIGKILL in the middle of a BGSAVE leaves the previous {@code dump.rdb}
 * whole: the new snapshot was going to a temporary file, and only a complete, fsynced file is
 * renamed over the old one. The restart loads the old snapshot.
 */
class RdbCrashIT {

  private static final Path JAR = Path.of("target", "haredis-server.jar");

  @TempDir
  Path dir;

  @Test
  void kill9_duringBgsave_leavesThePreviousSnapshotLoadable() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    Process p = launch(port, data, "first.log");
    byte[] saved;
    try {
      awaitReady(p, dir.resolve("first.log"));
      try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
        load(j, 0, 50_000, "first");
        assertThat(j.save()).isEqualTo("OK");
        saved = Files.readAllBytes(data.resolve("dump.rdb"));
        load(j, 0, 400_000, "second"); // a bigger dataset: the next save takes a while
        assertThat(j.bgsave()).isEqualTo("Background saving started");
        assertThat(info(j, "rdb_bgsave_in_progress")).isEqualTo("1");
      }
      p.destroyForcibly(); // SIGKILL in the middle of the background save
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(Files.readAllBytes(data.resolve("dump.rdb"))).as("the old snapshot is untouched").isEqualTo(saved);
    Process again = launch(port, data, "second.log");
    try {
      awaitReady(again, dir.resolve("second.log"));
      try (Jedis j = new Jedis("127.0.0.1", port, 30_000)) {
        assertThat(j.dbSize()).isEqualTo(50_000);
        assertThat(j.get("key:42")).isEqualTo("first-42");
      }
    } finally {
      again.destroyForcibly();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void load(Jedis j, int from, int to, String tag) {
    Pipeline pl = j.pipelined();
    for (int i = from; i < to; i++) {
      pl.set("key:" + i, tag + "-" + i);
      if (i % 1000 == 999) {
        pl.sync();
      }
    }
    pl.sync();
  }

  private static String info(Jedis j, String field) {
    for (String line : j.info("persistence").split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1);
      }
    }
    throw new AssertionError("no " + field);
  }

  private Process launch(int port, Path data, String logName) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of("--port", Integer.toString(port), "--dir", data.toString(), "--save", ""));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
  }

  private static void awaitReady(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.readString(log, StandardCharsets.UTF_8).contains("Ready to accept connections")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("launcher not ready; output: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
