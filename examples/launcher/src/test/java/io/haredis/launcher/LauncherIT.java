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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the shaded {@code haredis-server.jar} as its own process (built by {@code package},
 * which runs before failsafe), talks to it with {@code redis-cli}, and stops it with SIGTERM.
 */
class LauncherIT {

  private static final Path JAR = Path.of("target", "haredis-server.jar");
  private static final String REDIS_CLI = "/usr/bin/redis-cli";

  @TempDir
  Path dir;

  @BeforeAll
  static void requirements() {
    assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
    if (!Files.isExecutable(Path.of(REDIS_CLI))) {
      Assumptions.abort("redis-cli is not installed");
    }
  }

  /**
   * A started launcher process. Its output goes to a file, not a pipe: {@link Process#destroy}
   * closes the pipes, and the shutdown lines would be lost.
   */
  private static final class Server implements AutoCloseable {
    final Process process;
    final Path log;

    Server(Path dir, String... args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx256m");
      cmd.add("-jar");
      cmd.add(JAR.toString());
      cmd.addAll(List.of(args));
      log = Files.createTempFile(dir, "launcher", ".log");
      process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    List<String> output() throws IOException {
      return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    void awaitReady() throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && process.isAlive()) {
        if (output().stream().anyMatch(l -> l.contains("Ready to accept connections"))) {
          return;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("launcher not ready; output: " + output());
    }

    /** SIGTERM, then the exit status. */
    int terminate() throws Exception {
      process.destroy();
      boolean exited = process.waitFor(30, TimeUnit.SECONDS);
      assertThat(exited).as("exited after SIGTERM; output: %s", output()).isTrue();
      return process.exitValue();
    }

    int awaitExit() throws Exception {
      boolean exited = process.waitFor(30, TimeUnit.SECONDS);
      assertThat(exited).as("exited; output: %s", output()).isTrue();
      return process.exitValue();
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static String cli(int port, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(REDIS_CLI, "-p", Integer.toString(port)));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    boolean done = p.waitFor(20, TimeUnit.SECONDS);
    assertThat(done).as("redis-cli %s finished", List.of(args)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void launcher_portFlag_servesRedisCliAndExitsZeroOnSigterm() throws Exception {
    int port = freePort();
    try (Server server = new Server(dir, "--port", Integer.toString(port), "--dir", dir.toString())) {
      server.awaitReady();
      assertThat(cli(port, "ping")).isEqualTo("PONG");
      assertThat(cli(port, "set", "greeting", "hello world")).isEqualTo("OK");
      assertThat(cli(port, "get", "greeting")).isEqualTo("hello world");
      assertThat(server.terminate()).isZero();
      assertThat(server.output()).anyMatch(l -> l.contains("Received SIGTERM scheduling shutdown"));
      assertThat(server.output()).anyMatch(l -> l.contains("ready to exit, bye bye"));
    }
  }

  @Test
  void launcher_shutdownCommand_savesWithDefaultSavePoints_exitsZero_andTheRestartLoads() throws Exception {
    int port = freePort();
    try (Server server = new Server(dir, "--port", Integer.toString(port), "--dir", dir.toString())) {
      server.awaitReady();
      assertThat(cli(port, "set", "kept", "across restarts")).isEqualTo("OK");
      cli(port, "shutdown"); // no reply: the connection just closes
      assertThat(server.awaitExit()).isZero();
      assertThat(server.output()).anyMatch(l -> l.contains("Saving the final RDB snapshot before exiting."));
    }
    assertThat(dir.resolve("dump.rdb")).exists();
    try (Server again = new Server(dir, "--port", Integer.toString(port), "--dir", dir.toString())) {
      again.awaitReady();
      assertThat(cli(port, "get", "kept")).isEqualTo("across restarts");
      assertThat(again.terminate()).isZero();
    }
  }

  @Test
  void launcher_configFileThenOverrides_overridesWin() throws Exception {
    int port = freePort();
    int filePort = freePort();
    Path conf = dir.resolve("redis.conf");
    // dir: a config file keeps Redis's save points, and SIGTERM saves there
    Files.writeString(conf, "# test configuration\nport " + filePort + "\nrequirepass secret\ndir " + dir + "\n");
    try (Server server = new Server(dir, conf.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1")) {
      server.awaitReady();
      assertThat(cli(port, "ping")).isEqualTo("NOAUTH Authentication required.");
      assertThat(server.terminate()).isZero();
      assertThat(server.output()).anyMatch(l -> l.contains("Configuration loaded"));
    }
  }

  @Test
  void launcher_missingConfigFile_exitsNonZero() throws Exception {
    try (Server server = new Server(dir, dir.resolve("nope.conf").toString())) {
      assertThat(server.awaitExit()).isEqualTo(1);
      assertThat(server.output()).anyMatch(l -> l.contains("can't open config file"));
    }
  }

  @Test
  void launcher_badDirective_exitsNonZero() throws Exception {
    try (Server server = new Server(dir, "--port", Integer.toString(freePort()), "--no-such-directive", "x")) {
      assertThat(server.awaitExit()).isEqualTo(1);
      assertThat(server.output()).anyMatch(l -> l.contains("no-such-directive"));
    }
  }
}
