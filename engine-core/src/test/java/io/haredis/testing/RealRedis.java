package io.haredis.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's 7.0 package) on a free loopback port, in a temporary
 * directory, for interop and differential tests. In CI it must exist ({@code .ci/run} installs
 * it; a missing binary fails there); on a developer machine without it the test is skipped.
 */
public final class RealRedis implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dir;

  private RealRedis(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
  }

  /** Starts {@code redis-server} with persistence off plus {@code extraArgs} (e.g. "--requirepass", "x"). */
  public static RealRedis start(String... extraArgs) {
    String binary = findBinary();
    if (binary == null) {
      if (System.getenv("CI") != null) {
        throw new IllegalStateException("redis-server is not installed (CI must install it: .ci/run)");
      }
      Assumptions.abort("redis-server is not installed");
    }
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("real-redis");
      List<String> cmd = new ArrayList<>(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
          "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no", "--loglevel", "warning"));
      cmd.addAll(List.of(extraArgs));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
      RealRedis r = new RealRedis(p, port, dir);
      r.awaitListening(Duration.ofSeconds(10));
      return r;
    } catch (IOException e) {
      throw new IllegalStateException("could not start redis-server", e);
    }
  }

  private static String findBinary() {
    for (String p : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return null;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private void awaitListening(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException("redis-server exited: see " + dir.resolve("redis.log"));
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    throw new IllegalStateException("redis-server did not listen on " + port + " within " + timeout);
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return port;
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
