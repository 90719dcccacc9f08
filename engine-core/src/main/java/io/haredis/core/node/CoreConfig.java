package io.haredis.core.node;

import io.haredis.core.config.ConfigArgs;
import io.haredis.core.config.ConfigError;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.config.ConfigParam.RewriteLine;
import io.haredis.core.config.ConfigTable;
import io.haredis.core.config.MemoryUnits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Declares engine-core's configuration parameters with Redis 7.0's names, aliases, defaults and
 * bounds (config.c's {@code standardConfig} table), so CONFIG GET * lists what Redis lists and
 * every production redis.conf loads.
 *
 * <p>The parameters the node acts on are declared in code with a hook into
 * {@link ServerSettings}. The others are declared from the compact table {@link #DECLARED}:
 * they validate like Redis's and show in CONFIG GET, and the ones flagged {@code N} belong to
 * features not built yet (persistence, replication, cluster, eviction, TLS ...), so a config
 * file that sets them gets one warning at load.
 */
public final class CoreConfig {

  private CoreConfig() {}

  static final long INT_MAX = Integer.MAX_VALUE;
  static final long INT_MIN = Integer.MIN_VALUE;
  static final long LONG_MAX = Long.MAX_VALUE;

  /**
   * kind|flags|name|default|arguments|aliases. Kinds: b yes/no, i integer (min,max), m memory
   * (min,max), e enum (allowed words, in Redis's order), s string. Flags: I immutable, P
   * protected, N not implemented, H hidden.
   */
  private static final String DECLARED = """
      b|N|daemonize|no||
      b|I|io-threads-do-reads|no||
      b|N|lua-replicate-commands|yes||H
      b|I|always-show-logo|no||
      b|N|rdb-del-sync-files|no||
      b|N|activerehashing|yes||
      b|I|set-proc-title|yes||
      b|N|dynamic-hz|yes||
      b|N|lazyfree-lazy-eviction|no||
      b|N|lazyfree-lazy-expire|no||
      b|N|lazyfree-lazy-server-del|no||
      b|N|lazyfree-lazy-user-del|no||
      b|N|lazyfree-lazy-user-flush|no||
      b|N|repl-disable-tcp-nodelay|no||
      b|N|repl-diskless-sync|yes||
      b|N|cluster-require-full-coverage|yes||
      b|N|rdb-save-incremental-fsync|yes||
      b|N|cluster-replica-no-failover|no||cluster-slave-no-failover
      b|N|replica-lazy-flush|no||slave-lazy-flush
      b|N|replica-serve-stale-data|yes||slave-serve-stale-data
      b|N|replica-read-only|yes||slave-read-only
      b|N|replica-ignore-maxmemory|yes||slave-ignore-maxmemory
      b|N|jemalloc-bg-thread|yes||
      b|N|activedefrag|no||
      b|IN|syslog-enabled|no||
      b|IN|cluster-enabled|no||
      b|N|cluster-allow-reads-when-down|no||
      b|N|cluster-allow-pubsubshard-when-down|yes||
      b|N|crash-log-enabled|yes||
      b|N|crash-memcheck-enabled|yes||
      b|N|use-exit-on-panic|no||H
      b|N|disable-thp|yes||
      b|N|cluster-allow-replica-migration|yes||
      b|N|replica-announced|yes||
      b|N|latency-tracking|yes||
      b|N|replica-ignore-disk-write-errors|no||
      s|IN|aclfile|||
      s|IN|unixsocket|||
      s|I|pidfile|||
      s|N|replica-announce-ip|||slave-announce-ip
      s|N|masteruser|||
      s|N|masterauth|||
      s|N|cluster-announce-ip|||
      s|IN|cluster-config-file|nodes.conf||
      s|N|cluster-announce-hostname|||
      s|IN|syslog-ident|redis||
      s|IN|server_cpulist|||
      s|IN|bio_cpulist|||
      s|IN|aof_rewrite_cpulist|||
      s|IN|bgsave_cpulist|||
      s||ignore-warnings|||
      s|N|proc-title-template|{title} {listen-addr} {server-mode}||
      s|N|bind-source-addr|||
      s|I|logfile|||
      e|IN|supervised|no|upstart,systemd,auto,no|
      e|IN|syslog-facility|local0|user,local0,local1,local2,local3,local4,local5,local6,local7|
      e|N|repl-diskless-load|disabled|disabled,on-empty-db,swapdb|
      e|N|oom-score-adj|no|no,yes,relative,absolute|
      e|N|acl-pubsub-default|resetchannels|allchannels,resetchannels|
      e|N|sanitize-dump-payload|no|no,yes,clients|
      e|I|enable-protected-configs|no|no,yes,local|
      e|I|enable-debug-command|no|no,yes,local|
      e|IN|enable-module-command|no|no,yes,local|
      e|N|cluster-preferred-endpoint-type|ip|ip,hostname,unknown-endpoint|
      e|N|propagation-error-behavior|ignore|ignore,panic,panic-on-replicas|
      e|N|shutdown-on-sigint|default|default,save,nosave,now,force|
      e|N|shutdown-on-sigterm|default|default,save,nosave,now,force|
      i|IN|io-threads|1|1,128|
      i|N|cluster-replica-validity-factor|10|0,INT_MAX|cluster-slave-validity-factor
      i|N|cluster-migration-barrier|1|0,INT_MAX|
      i|N|active-defrag-cycle-min|1|1,99|
      i|N|active-defrag-cycle-max|25|1,99|
      i|N|active-defrag-threshold-lower|10|0,1000|
      i|N|active-defrag-threshold-upper|100|0,1000|
      i|N|replica-priority|100|0,INT_MAX|slave-priority
      i|N|repl-diskless-sync-delay|5|0,INT_MAX|
      i|N|maxmemory-samples|5|1,INT_MAX|
      i|N|maxmemory-eviction-tenacity|10|0,100|
      i|N|replica-announce-port|0|0,65535|slave-announce-port
      i|I|tcp-backlog|511|0,INT_MAX|
      i|IN|cluster-port|0|0,65535|
      i|N|cluster-announce-bus-port|0|0,65535|
      i|N|cluster-announce-port|0|0,65535|
      i|N|cluster-announce-tls-port|0|0,65535|
      i|N|repl-timeout|60|1,INT_MAX|
      i|N|repl-ping-replica-period|10|1,INT_MAX|repl-ping-slave-period
      i|NH|rdb-key-save-delay|0|INT_MIN,INT_MAX|
      i|NH|key-load-delay|0|INT_MIN,INT_MAX|
      i||active-expire-effort|1|1,10|
      i|N|min-replicas-to-write|0|0,INT_MAX|min-slaves-to-write
      i|N|min-replicas-max-lag|10|0,INT_MAX|min-slaves-max-lag
      i|NH|watchdog-period|0|0,INT_MAX|
      i||shutdown-timeout|10|0,INT_MAX|
      i|N|socket-mark-id|0|0,4294967295|
      i|N|repl-diskless-sync-max-replicas|0|0,INT_MAX|
      i|N|active-defrag-max-scan-fields|1000|1,LONG_MAX|
      i|N|acllog-max-len|128|0,LONG_MAX|
      i|N|busy-reply-threshold|5000|0,LONG_MAX|lua-time-limit
      i|N|cluster-node-timeout|15000|0,LONG_MAX|
      i|N|latency-monitor-threshold|0|0,LONG_MAX|
      i||stream-node-max-entries|100|0,LONG_MAX|
      m|N|cluster-link-sendbuf-limit|0|0,LONG_MAX|
      m|N|active-defrag-ignore-bytes|104857600|1,LONG_MAX|
      m||stream-node-max-bytes|4096|0,LONG_MAX|
      i|N|tracking-table-max-keys|1000000|0,LONG_MAX|
      i|N|repl-backlog-ttl|3600|0,LONG_MAX|
      i|NH|loading-process-events-interval-bytes|2097152|1024,INT_MAX|
      i|N|tls-port|0|0,65535|
      i|N|tls-session-cache-size|20480|0,INT_MAX|
      i|N|tls-session-cache-timeout|300|0,INT_MAX|
      b|N|tls-cluster|no||
      b|N|tls-replication|no||
      e|N|tls-auth-clients|yes|no,yes,optional|
      b|N|tls-prefer-server-ciphers|no||
      b|N|tls-session-caching|yes||
      s|N|tls-cert-file|||
      s|N|tls-key-file|||
      s|N|tls-key-file-pass|||
      s|N|tls-client-cert-file|||
      s|N|tls-client-key-file|||
      s|N|tls-client-key-file-pass|||
      s|N|tls-dh-params-file|||
      s|N|tls-ca-cert-file|||
      s|N|tls-ca-cert-dir|||
      s|N|tls-protocols|||
      s|N|tls-ciphers|||
      s|N|tls-ciphersuites|||
      """;

  /** A table of every core parameter at its default, bound to {@code s} (tests, tools, Sentinel). */
  public static ConfigTable newTable(ServerSettings s) {
    ConfigTable t = new ConfigTable();
    register(t, s);
    return t;
  }

  static void register(ConfigTable t, ServerSettings s) {
    // The parameters the node acts on.
    t.addLong("port", true, 6379, 0, 65535, v -> s.port = (int) v);
    t.add("bind", true, "* -::*", CoreConfig::parseBind, v -> s.bind = List.of(v.split(" "))).multiArg();
    t.addString("requirepass", true, "", v -> s.requirePass = v);
    t.addBool("protected-mode", true, true, v -> s.protectedMode = v);
    t.addLong("databases", false, 16, 1, INT_MAX, v -> s.databases = (int) v);
    t.add("hz", true, "10", CoreConfig::parseHz, v -> s.hz = Integer.parseInt(v));
    t.addLong("maxclients", true, 10000, 1, 4294967295L, v -> s.maxClients = v);
    t.addLong("timeout", true, 0, 0, INT_MAX, v -> s.timeoutSeconds = v);
    t.addLong("tcp-keepalive", true, 300, 0, INT_MAX, v -> s.tcpKeepalive = v);
    t.addMemory("proto-max-bulk-len", true, 512L * 1024 * 1024, 1024 * 1024, LONG_MAX, v -> s.protoMaxBulkLen = v);
    t.addMemory("client-query-buffer-limit", true, 1024L * 1024 * 1024, 1024 * 1024, LONG_MAX, v -> s.clientQueryBufferLimit = v);
    t.addMemory("repl-backlog-size", true, 1024L * 1024, 1, LONG_MAX, v -> s.replBacklogSize = v);
    t.add("dir", true, ".", CoreConfig::parseDir, v -> s.dir = v).protectedConfig().rewriteText(ConfigArgs::repr);
    t.add("dbfilename", true, "dump.rdb", v -> {
      if (v.contains("/") || v.contains("\\")) {
        throw new ConfigError("dbfilename can't be a path, just a filename");
      }
      return v;
    }, v -> s.dbfilename = v).protectedConfig().rewriteText(ConfigArgs::repr);
    t.addLong("slowlog-log-slower-than", true, 10000, -1, LONG_MAX, v -> s.slowlogLogSlowerThan = v);
    t.addLong("slowlog-max-len", true, 128, 0, LONG_MAX, v -> s.slowlogMaxLen = v);
    t.addEnum("loglevel", true, "notice", List.of("debug", "verbose", "notice", "warning"), v -> s.logLevel = v);
    t.addMemory("maxmemory", true, 0, 0, LONG_MAX, v -> s.maxmemory = v);
    // Eviction is not built, but the policy decides what keys' access fields hold (AccessPolicy).
    t.addEnum("maxmemory-policy", true, "noeviction", List.of("volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
        "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"), s.access::policy).notImplemented();
    t.addLong("lfu-log-factor", true, 10, 0, INT_MAX, s.access::logFactor);
    t.addLong("lfu-decay-time", true, 1, 0, INT_MAX, s.access::decayMinutes);
    t.addBool("rdbcompression", true, true, v -> s.rdbCompression = v);
    t.addBool("rdbchecksum", true, true, v -> s.rdbChecksum = v);
    t.addBool("stop-writes-on-bgsave-error", true, true, v -> s.stopWritesOnBgsaveError = v);

    // Encoding thresholds of the collection types (OBJECT ENCODING and compact storage).
    t.addLong("list-max-listpack-size", true, -2, INT_MIN, INT_MAX, v -> s.listMaxListpackSize = (int) v, "list-max-ziplist-size");
    t.addLong("list-compress-depth", true, 0, 0, INT_MAX, v -> s.listCompressDepth = (int) v);
    t.addLong("hash-max-listpack-entries", true, 512, 0, LONG_MAX, v -> s.hashMaxListpackEntries = v, "hash-max-ziplist-entries");
    t.addMemory("hash-max-listpack-value", true, 64, 0, LONG_MAX, v -> s.hashMaxListpackValue = v, "hash-max-ziplist-value");
    t.addLong("set-max-intset-entries", true, 512, 0, LONG_MAX, v -> s.setMaxIntsetEntries = v);
    t.addLong("zset-max-listpack-entries", true, 128, 0, LONG_MAX, v -> s.zsetMaxListpackEntries = v, "zset-max-ziplist-entries");
    t.addMemory("zset-max-listpack-value", true, 64, 0, LONG_MAX, v -> s.zsetMaxListpackValue = v, "zset-max-ziplist-value");
    t.addMemory("hll-sparse-max-bytes", true, 3000, 0, LONG_MAX, v -> s.hllSparseMaxBytes = v);

    // Special forms, declared for compatibility.
    t.add("save", true, "3600 1 300 100 60 10000", CoreConfig::parseSave, v -> s.save = v)
        .multiArg().rewriteAs(CoreConfig::rewriteSave);
    t.add("replicaof", false, "", CoreConfig::parseReplicaof, v -> s.replicaof = v, "slaveof").multiArg().notImplemented()
        .rewriteAs(v -> v.isEmpty() ? List.of() : List.of(new RewriteLine(v, true)));
    ConfigParam[] cobl = new ConfigParam[1];
    cobl[0] = t.add("client-output-buffer-limit", true, "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
        v -> parseClientOutputBufferLimit(v, cobl[0]), v -> {}).multiArg().notImplemented().rewriteAs(CoreConfig::rewriteCobl);
    t.add("notify-keyspace-events", true, "", CoreConfig::parseNotify, v -> s.notifyKeyspaceEvents = KeyspaceNotifier.parseFlags(v))
        .displayAs(CoreConfig::displayNotify).rewriteText(ConfigArgs::repr);
    t.add("oom-score-adj-values", true, "0 200 800", CoreConfig::parseOomValues, v -> {}).multiArg().notImplemented();
    t.add("latency-tracking-info-percentiles", true, "50 99 99.9", CoreConfig::parsePercentiles, v -> {}).multiArg().notImplemented();
    t.add("unixsocketperm", false, "0", CoreConfig::parseOctal, v -> {}).notImplemented();
    t.add("maxmemory-clients", true, "0", CoreConfig::parseMaxmemoryClients, v -> {}).notImplemented();

    io.haredis.core.persist.aof.AofConfig.register(t, s.aof);
    for (String line : DECLARED.strip().split("\n")) {
      declare(t, line.strip());
    }
  }

  private static void declare(ConfigTable t, String line) {
    String[] f = line.split("\\|", -1);
    String kind = f[0];
    String flags = f[1];
    String name = f[2];
    String def = f[3];
    String arg = f[4];
    String[] aliases = f[5].isEmpty() || f[5].equals("H") ? new String[0] : f[5].split(",");
    boolean mutable = flags.indexOf('I') < 0;
    Consumer<String> none = v -> {};
    ConfigParam p = switch (kind) {
      case "b" -> t.addBool(name, mutable, def.equals("yes"), v -> {}, aliases);
      case "s" -> t.addString(name, mutable, def, none, aliases);
      case "e" -> t.addEnum(name, mutable, def, List.of(arg.split(",")), none, aliases);
      case "i" -> t.addLong(name, mutable, Long.parseLong(def), bound(arg, 0), bound(arg, 1), v -> {}, aliases);
      case "m" -> t.addMemory(name, mutable, Long.parseLong(def), bound(arg, 0), bound(arg, 1), v -> {}, aliases);
      default -> throw new IllegalStateException("bad config declaration: " + line);
    };
    if (flags.indexOf('N') >= 0) {
      p.notImplemented();
    }
    if (flags.indexOf('H') >= 0 || f[5].equals("H")) {
      p.hidden();
    }
    if (flags.indexOf('P') >= 0) {
      p.protectedConfig();
    }
  }

  private static long bound(String arg, int i) {
    String b = arg.split(",")[i];
    return switch (b) {
      case "INT_MAX" -> INT_MAX;
      case "INT_MIN" -> INT_MIN;
      case "LONG_MAX" -> LONG_MAX;
      default -> Long.parseLong(b);
    };
  }

  // ---- special parsers ------------------------------------------------------------------

  private static String parseBind(String v) throws ConfigError {
    String[] words = v.trim().split("\\s+");
    if (words.length > 16) {
      throw new ConfigError("Too many bind addresses specified.");
    }
    if (words.length == 1 && words[0].isEmpty()) {
      throw new ConfigError("wrong number of arguments");
    }
    return String.join(" ", words);
  }

  /** Redis accepts any non-negative hz and clamps it to [1, 500]. */
  private static String parseHz(String v) throws ConfigError {
    long n = parseInteger(v);
    if (n < 0 || n > INT_MAX) {
      throw new ConfigError("argument must be between 0 and " + INT_MAX + " inclusive");
    }
    return Long.toString(Math.max(1, Math.min(500, n)));
  }

  private static long parseInteger(String v) throws ConfigError {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ConfigError("argument couldn't be parsed into an integer");
    }
  }

  private static String parseDir(String v) throws ConfigError {
    if (v.isEmpty()) {
      throw new ConfigError("No such file or directory");
    }
    return Path.of(v).toAbsolutePath().normalize().toString();
  }

  private static String parseSave(String v) throws ConfigError {
    String t = v.trim();
    if (t.isEmpty()) {
      return "";
    }
    String[] w = t.split("\\s+");
    if (w.length % 2 != 0) {
      throw new ConfigError("Invalid save parameters");
    }
    for (String x : w) {
      try {
        if (Long.parseLong(x) < 0) {
          throw new ConfigError("Invalid save parameters");
        }
      } catch (NumberFormatException e) {
        throw new ConfigError("Invalid save parameters");
      }
    }
    return String.join(" ", w);
  }

  /** Redis always writes the save points (or {@code save ""}), default or not. */
  private static List<RewriteLine> rewriteSave(String v) {
    if (v.isEmpty()) {
      return List.of(new RewriteLine("\"\"", true));
    }
    String[] w = v.split(" ");
    List<RewriteLine> out = new ArrayList<>();
    for (int i = 0; i + 1 < w.length; i += 2) {
      out.add(new RewriteLine(w[i] + " " + w[i + 1], true));
    }
    return out;
  }

  private static String parseReplicaof(String v) throws ConfigError {
    String t = v.trim();
    if (t.isEmpty() || t.equalsIgnoreCase("no one")) {
      return "";
    }
    String[] w = t.split("\\s+");
    if (w.length != 2) {
      throw new ConfigError("wrong number of arguments");
    }
    try {
      long port = Long.parseLong(w[1]);
      if (port < 0 || port > 65535) {
        throw new ConfigError("Invalid master port");
      }
    } catch (NumberFormatException e) {
      throw new ConfigError("Invalid master port");
    }
    return w[0] + " " + w[1];
  }

  private static final List<String> COBL_CLASSES = List.of("normal", "slave", "pubsub");

  private static String parseClientOutputBufferLimit(String v, ConfigParam self) throws ConfigError {
    String[] w = v.trim().split("\\s+");
    if (w.length % 4 != 0 || w[0].isEmpty()) {
      throw new ConfigError("Wrong number of arguments in buffer limit configuration.");
    }
    // Start from the current limits: a partial setting changes only the classes it names.
    String[] current = (self == null ? COBL_DEFAULT : self.value()).split(" ");
    String[][] limits = new String[3][];
    for (int i = 0; i < 3; i++) {
      limits[i] = Arrays.copyOfRange(current, i * 4 + 1, i * 4 + 4);
    }
    for (int i = 0; i < w.length; i += 4) {
      String cls = w[i].toLowerCase(Locale.ROOT);
      if (cls.equals("replica")) {
        cls = "slave";
      }
      int idx = COBL_CLASSES.indexOf(cls);
      if (idx < 0) {
        throw new ConfigError("Invalid client class specified in buffer limit configuration.");
      }
      long hard = MemoryUnits.parse(w[i + 1]);
      long soft = MemoryUnits.parse(w[i + 2]);
      long secs;
      try {
        secs = Long.parseLong(w[i + 3]);
      } catch (NumberFormatException e) {
        secs = -1;
      }
      if (hard < 0 || soft < 0 || secs < 0) {
        throw new ConfigError("Error in hard, soft or soft_seconds setting in buffer limit configuration.");
      }
      limits[idx] = new String[] {Long.toString(hard), Long.toString(soft), Long.toString(secs)};
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      if (i > 0) {
        b.append(' ');
      }
      b.append(COBL_CLASSES.get(i)).append(' ').append(String.join(" ", limits[i]));
    }
    return b.toString();
  }

  private static final String COBL_DEFAULT = "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60";

  /** One line per class, forced where the class differs from its default, memory in units. */
  private static List<RewriteLine> rewriteCobl(String v) {
    String[] w = v.split(" ");
    String[] d = COBL_DEFAULT.split(" ");
    List<RewriteLine> out = new ArrayList<>();
    for (int i = 0; i + 3 < w.length; i += 4) {
      boolean force = !(w[i + 1].equals(d[i + 1]) && w[i + 2].equals(d[i + 2]) && w[i + 3].equals(d[i + 3]));
      out.add(new RewriteLine((w[i].equals("slave") ? "replica" : w[i]) + " " + MemoryUnits.format(Long.parseLong(w[i + 1]))
          + " " + MemoryUnits.format(Long.parseLong(w[i + 2])) + " " + w[i + 3], force));
    }
    return out;
  }

  /**
   * {@code notify-keyspace-events}: validated with Redis's error. The stored text keeps every
   * class bit (Redis's printed form drops {@code n} next to {@code A}); CONFIG GET and REWRITE
   * show Redis's printed form through {@link #displayNotify}.
   */
  private static String parseNotify(String v) throws ConfigError {
    int flags = KeyspaceNotifier.parseFlags(v);
    if (flags == -1) {
      throw new ConfigError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
    }
    String shown = KeyspaceNotifier.formatFlags(flags);
    boolean hiddenNew = (flags & KeyspaceNotifier.ALL) == KeyspaceNotifier.ALL && (flags & KeyspaceNotifier.NEW) != 0;
    return hiddenNew ? shown + "n" : shown;
  }

  private static String displayNotify(String stored) {
    return KeyspaceNotifier.formatFlags(KeyspaceNotifier.parseFlags(stored));
  }

  private static String parseOomValues(String v) throws ConfigError {
    String[] w = v.trim().split("\\s+");
    if (w.length != 3) {
      throw new ConfigError("wrong number of arguments");
    }
    for (String x : w) {
      try {
        long n = Long.parseLong(x);
        if (n < -2000 || n > 2000) {
          throw new ConfigError("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
        }
      } catch (NumberFormatException e) {
        throw new ConfigError("Invalid oom-score-adj-values, elements must be between -2000 and 2000.");
      }
    }
    return String.join(" ", w);
  }

  private static String parsePercentiles(String v) throws ConfigError {
    String t = v.trim();
    if (t.isEmpty()) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (String x : t.split("\\s+")) {
      double d;
      try {
        d = Double.parseDouble(x);
      } catch (NumberFormatException e) {
        throw new ConfigError("latency-tracking-info-percentiles: percentile needs to be a number between 0 and 100");
      }
      if (!(d >= 0 && d <= 100)) {
        throw new ConfigError("latency-tracking-info-percentiles: percentile needs to be a number between 0 and 100");
      }
      String s = Double.toString(d);
      out.add(s.endsWith(".0") ? s.substring(0, s.length() - 2) : s);
    }
    return String.join(" ", out);
  }

  private static String parseOctal(String v) throws ConfigError {
    try {
      long n = Long.parseLong(v.trim(), 8);
      if (n < 0 || n > 0777) {
        throw new ConfigError("argument must be between 0 and 777 inclusive");
      }
      return Long.toOctalString(n);
    } catch (NumberFormatException e) {
      throw new ConfigError("argument couldn't be parsed into an integer");
    }
  }

  private static String parseMaxmemoryClients(String v) throws ConfigError {
    String t = v.trim();
    if (t.endsWith("%")) {
      long n = parseInteger(t.substring(0, t.length() - 1));
      if (n < 0 || n > 100) {
        throw new ConfigError("argument must be between -100 and " + Long.MAX_VALUE + " inclusive");
      }
      return n == 0 ? "0" : n + "%";
    }
    long n = MemoryUnits.parse(t);
    if (n < 0) {
      throw new ConfigError("argument must be a memory or percent value");
    }
    return Long.toString(n);
  }
}
