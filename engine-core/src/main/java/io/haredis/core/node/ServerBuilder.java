package io.haredis.core.node;

import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import io.haredis.api.time.Clock;
import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Transport;
import io.haredis.core.config.ConfigError;
import io.haredis.core.config.ConfigFile;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.config.ConfigTable;
import io.haredis.core.net.TcpTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/** Builds a {@link ServerNode}: configuration from a file and/or directives, then start. */
public final class ServerBuilder implements RedisServer.Builder {

  private Path configFile;
  private final List<String[]> directives = new ArrayList<>();
  private Transport transport;
  private Clock clock = Clock.system();
  private Long seed;
  private Scheduler loop;
  private boolean redisServerDefaults;

  @Override
  public ServerBuilder configFile(Path path) {
    this.configFile = Objects.requireNonNull(path, "path");
    return this;
  }

  @Override
  public ServerBuilder config(String name, String... values) {
    String[] d = new String[values.length + 1];
    d[0] = name;
    System.arraycopy(values, 0, d, 1, values.length);
    directives.add(d);
    return this;
  }

  @Override
  public ServerBuilder port(int port) {
    return config("port", Integer.toString(port));
  }

  @Override
  public ServerBuilder bind(String... addresses) {
    return config("bind", addresses);
  }

  @Override
  public ServerBuilder requirePass(String password) {
    return config("requirepass", password);
  }

  @Override
  public ServerBuilder dir(Path dir) {
    return config("dir", dir.toString());
  }

  @Override
  public ServerBuilder transport(Transport t) {
    this.transport = Objects.requireNonNull(t, "transport");
    return this;
  }

  @Override
  public ServerBuilder clock(Clock c) {
    this.clock = Objects.requireNonNull(c, "clock");
    return this;
  }

  @Override
  public ServerBuilder seed(long s) {
    this.seed = s;
    return this;
  }

  /**
   * Keeps Redis's default save points even without a configuration file, as {@code redis-server}
   * started from a command line does (the launcher). Otherwise a node built without a file
   * writes no snapshots unless told to ({@code config("save", "900 1")}): an embedded node in a
   * test or a service should not leave {@code dump.rdb} files in its working directory.
   */
  public ServerBuilder redisServerDefaults() {
    this.redisServerDefaults = true;
    return this;
  }

  /** Runs the node on a loop the caller owns (a simulated scheduler in tests). */
  public ServerBuilder loop(Scheduler l) {
    this.loop = Objects.requireNonNull(l, "loop");
    return this;
  }

  @Override
  public ServerNode start() {
    ServerSettings settings = new ServerSettings();
    ConfigTable table = new ConfigTable();
    CoreConfig.register(table, settings);
    // An embedded node listens on loopback unless told otherwise.
    applyDirective(table, new String[] {"bind", "127.0.0.1", "-::1"}, "builder");
    if (configFile == null && !redisServerDefaults) {
      applyDirective(table, new String[] {"save", ""}, "builder");
    }
    if (configFile != null) {
      try {
        ConfigFile.load(configFile, table);
      } catch (ConfigError e) {
        throw new RedisException(e.getMessage(), e);
      }
    }
    for (String[] d : directives) {
      applyDirective(table, d, "builder");
    }
    table.applyAll();
    long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    NodeLoop owned = null;
    Scheduler l = loop;
    if (l == null) {
      owned = new NodeLoop("haredis-" + settings.port);
      l = owned;
    }
    Transport t = transport != null ? transport : new TcpTransport();
    NodeContext ctx = NodeContext.of(clock, l, s);
    ServerNode node = new ServerNode(ctx, table, settings, t, owned, configFile == null ? null : configFile.toAbsolutePath().toString());
    node.start();
    return node;
  }

  private static void applyDirective(ConfigTable table, String[] d, String where) {
    ConfigParam p = table.find(d[0]);
    if (p == null) {
      throw new RedisException("Bad directive or wrong number of arguments: " + d[0] + " (" + where + ")");
    }
    try {
      p.set(String.join(" ", java.util.Arrays.copyOfRange(d, 1, d.length)));
    } catch (ConfigError e) {
      throw new RedisException("Invalid argument for '" + d[0] + "': " + e.getMessage());
    }
  }
}
