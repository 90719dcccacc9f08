package io.haredis.launcher;

import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one haredis node from the command line, taking arguments the way {@code redis-server}
 * does:
 *
 * <pre>
 * java -jar examples/launcher/target/haredis-server.jar [/path/to/redis.conf] [--port 7777] [--bind 127.0.0.1 ::1] [--requirepass pw] [--dir /tmp] [--any-directive value ...]
 * </pre>
 *
 * <h2>Arguments</h2>
 * An optional configuration file comes first; then each {@code --name} starts a directive whose
 * values are the following arguments up to the next {@code --name}, so
 * {@code --bind 127.0.0.1 ::1} gives {@code bind 127.0.0.1 ::1}. Directives given on the command
 * line override the file's, as in Redis. Without a file or {@code --port} the node listens on
 * port 6379 and on the builder's default bind addresses (loopback).
 *
 * <h2>Shutdown</h2>
 * SIGTERM and SIGINT close the node cleanly through a shutdown hook and the process exits with
 * status 0, as {@code redis-server} does.
 *
 * <h2>Logging</h2>
 * Logs go to standard output through slf4j-simple, formatted like Redis's log lines
 * ({@code 22 Nov 2026 03:56:14.123 [main] INFO ...}). Any {@code org.slf4j.simpleLogger.*}
 * system property given on the command line wins over these defaults, and {@code --loglevel}
 * (debug, verbose, notice, warning, nothing) sets the level.
 */
public final class Launcher {

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private Launcher() {}

  public static void main(String[] args) {
    configureLogging(logLevelArgument(args));
    Logger log = LoggerFactory.getLogger("haredis");
    if (args.length > 0 && (args[0].equals("-v") || args[0].equals("--version"))) {
      System.out.println("haredis server v=" + VERSION + " (Redis 7.0 compatible)");
      return;
    }
    if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
      usage();
      return;
    }
    RedisServer.Builder builder = RedisServer.builder();
    if (builder instanceof io.haredis.core.node.ServerBuilder sb) {
      sb.redisServerDefaults(); // like redis-server: default save points even without a config file
    }
    Path configFile;
    try {
      configFile = parseArgs(args, builder);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      usage();
      System.exit(1);
      return;
    }
    long pid = ProcessHandle.current().pid();
    log.info("oO0OoO0OoO0Oo haredis is starting oO0OoO0OoO0Oo");
    log.info("haredis version={}, bits=64, pid={}, just started", VERSION, pid);
    if (configFile == null) {
      log.warn("Warning: no config file specified, using the default config. In order to specify a config file use java -jar haredis-server.jar /path/to/redis.conf");
    } else {
      log.info("Configuration loaded");
    }
    RedisServer server;
    try {
      server = builder.start();
    } catch (RedisException e) {
      log.error("{}", e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      log.info("User requested shutdown...");
      try {
        server.close();
      } finally {
        stopped.countDown();
      }
    }, "haredis-shutdown"));
    if (server instanceof io.haredis.core.node.ServerNode node) {
      node.onShutdown(stopped::countDown); // the SHUTDOWN command: the process exits, as redis-server does
    }
    installSignalHandlers(log);
    log.info("Running mode=standalone, port={}.", server.address().port());
    log.info("Ready to accept connections");
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Applies {@code args} to {@code builder}: the configuration file (when the first argument is
   * not a {@code --directive}), then every {@code --directive value...} in order.
   *
   * @return the configuration file, or {@code null}
   * @throws IllegalArgumentException if the file does not exist or a value comes before any directive
   */
  static Path parseArgs(String[] args, RedisServer.Builder builder) {
    int i = 0;
    Path configFile = null;
    if (args.length > 0 && !args[0].startsWith("--")) {
      configFile = Path.of(args[0]);
      if (!Files.isReadable(configFile)) {
        throw new IllegalArgumentException("Fatal error, can't open config file '" + args[0] + "'");
      }
      builder.configFile(configFile);
      i = 1;
    }
    String name = null;
    List<String> values = new ArrayList<>();
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--") && a.length() > 2) {
        if (name != null) {
          builder.config(name, values.toArray(new String[0]));
        }
        name = a.substring(2);
        values.clear();
      } else if (name == null) {
        throw new IllegalArgumentException("Unexpected argument '" + a + "': directives must start with --");
      } else {
        values.add(a);
      }
    }
    if (name != null) {
      builder.config(name, values.toArray(new String[0]));
    }
    return configFile;
  }

  /**
   * The slf4j-simple level for a {@code --loglevel} given on the command line (Redis's debug,
   * verbose, notice, warning, nothing), or {@code null}. The logging backend is set up before the
   * node reads its configuration, so a {@code loglevel} in the file only reaches the node.
   */
  static String logLevelArgument(String[] args) {
    String level = null;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("--loglevel")) {
        level = switch (args[i + 1]) {
          case "debug", "verbose" -> "debug";
          case "notice" -> "info";
          case "warning" -> "warn";
          case "nothing" -> "off";
          default -> level;
        };
      }
    }
    return level;
  }

  private static void configureLogging(String level) {
    if (level != null) {
      setDefault("org.slf4j.simpleLogger.defaultLogLevel", level);
    }
    setDefault("org.slf4j.simpleLogger.logFile", "System.out");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "dd MMM yyyy HH:mm:ss.SSS");
    setDefault("org.slf4j.simpleLogger.showThreadName", "false");
    setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
    setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
    setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  /**
   * Logs the signal in Redis's words and exits with status 0; the shutdown hook closes the node.
   * Without this the JVM would exit with 128+signal.
   */
  @SuppressWarnings("removal")
  private static void installSignalHandlers(Logger log) {
    for (String sig : new String[] {"TERM", "INT"}) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> {
          log.info("Received SIG{} scheduling shutdown...", s.getName());
          new Thread(() -> System.exit(0), "haredis-exit").start();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        log.debug("Cannot handle SIG{}: {}", sig, e.getMessage());
      }
    }
  }

  private static void usage() {
    System.err.println("Usage: java -jar haredis-server.jar [/path/to/redis.conf] [options]");
    System.err.println("       java -jar haredis-server.jar -v or --version");
    System.err.println("       java -jar haredis-server.jar -h or --help");
    System.err.println();
    System.err.println("Examples:");
    System.err.println("       java -jar haredis-server.jar (run the server with default conf)");
    System.err.println("       java -jar haredis-server.jar /etc/redis/6379.conf");
    System.err.println("       java -jar haredis-server.jar --port 7777");
    System.err.println("       java -jar haredis-server.jar /etc/myredis.conf --loglevel verbose --requirepass secret");
  }
}
