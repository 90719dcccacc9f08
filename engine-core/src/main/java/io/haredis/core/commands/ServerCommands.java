package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.node.ServerNode;
import io.haredis.core.node.Slowlog;
import io.haredis.core.resp.ReplyWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Server commands: INFO, TIME, LASTSAVE, SHUTDOWN, SLOWLOG (Redis's server.c and slowlog.c). */
public final class ServerCommands {

  private static final Logger log = LoggerFactory.getLogger(ServerCommands.class);

  private static final byte[] NOSAVE = Invocation.ascii("nosave");
  private static final byte[] SAVE = Invocation.ascii("save");
  private static final byte[] NOW = Invocation.ascii("now");
  private static final byte[] FORCE = Invocation.ascii("force");
  private static final byte[] ABORT = Invocation.ascii("abort");

  private ServerCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("info", -1, ServerCommands::info)
        .flags("loading stale")
        .acl("@slow @dangerous")
        .tips("nondeterministic_output", "request_policy:all_shards", "response_policy:special")
        .group("server").since("1.0.0");
    b.add("time", 1, ServerCommands::time)
        .flags("loading stale fast")
        .acl("@fast")
        .tips("nondeterministic_output")
        .group("server").since("2.6.0");
    b.add("lastsave", 1, ServerCommands::lastsave)
        .flags("loading stale fast")
        .acl("@admin @fast @dangerous")
        .tips("nondeterministic_output")
        .group("server").since("1.0.0");
    b.add("shutdown", -1, ServerCommands::shutdown)
        .flags("admin noscript loading stale no_multi allow_busy")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
    CommandSpec.Builder slowlog = b.add("slowlog", -2, null)
        .acl("@slow")
        .group("server").since("2.2.12");
    slowlog.sub("reset", 2, ServerCommands::slowlogReset)
        .flags("admin loading stale")
        .acl("@admin @slow @dangerous")
        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
        .group("server").since("2.2.12");
    slowlog.sub("get", -2, ServerCommands::slowlogGet)
        .flags("admin loading stale")
        .acl("@admin @slow @dangerous")
        .tips("request_policy:all_nodes", "nondeterministic_output")
        .group("server").since("2.2.12");
    slowlog.sub("len", 2, ServerCommands::slowlogLen)
        .flags("admin loading stale")
        .acl("@admin @slow @dangerous")
        .tips("request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output")
        .group("server").since("2.2.12");
    slowlog.sub("help", 2, ServerCommands::slowlogHelp)
        .flags("loading stale")
        .acl("@slow")
        .group("server").since("6.2.0");
  }

  // ---- INFO -----------------------------------------------------------------------------

  static void info(Invocation c) {
    List<String> sections = new ArrayList<>(c.argc());
    for (int i = 1; i < c.argc(); i++) {
      sections.add(c.argString(i));
    }
    c.reply().verbatim(Info.generate(c.node(), sections));
  }

  // ---- TIME, LASTSAVE ---------------------------------------------------------------------

  static void time(Invocation c) {
    long micros = c.node().context().clock().currentTimeMicros();
    c.reply().arrayLen(2);
    c.reply().bulkLong(micros / 1_000_000);
    c.reply().bulkLong(micros % 1_000_000);
  }

  static void lastsave(Invocation c) {
    c.reply().integer(c.node().lastSaveSeconds());
  }

  // ---- SHUTDOWN ---------------------------------------------------------------------------

  /**
   * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: stops a background save, then writes a final
   * snapshot when save points are configured (unless NOSAVE) or SAVE is given; if that fails the
   * node refuses to exit, unless FORCE. On success no reply is sent: the node closes on its loop right after this command, the
   * clients are disconnected and {@link ServerNode#onShutdown} hooks run.
   */
  static void shutdown(Invocation c) {
    boolean nosave = false;
    boolean save = false;
    boolean force = false;
    boolean abort = false;
    for (int i = 1; i < c.argc(); i++) {
      if (c.argIs(i, NOSAVE)) {
        nosave = true;
      } else if (c.argIs(i, SAVE)) {
        save = true;
      } else if (c.argIs(i, NOW)) {
        // no replica catch-up wait exists yet, so every shutdown is immediate
      } else if (c.argIs(i, FORCE)) {
        force = true;
      } else if (c.argIs(i, ABORT)) {
        abort = true;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    if ((abort && c.argc() != 2) || (nosave && save)) {
      throw ErrorReply.SYNTAX;
    }
    if (abort) {
      throw new CommandError("ERR No shutdown in progress.");
    }
    ServerNode node = c.node();
    log.warn("User requested shutdown...");
    if (node.rdb().inProgress()) {
      log.warn("There is a child saving an .rdb. Killing it!");
      node.rdb().abortBackground("SHUTDOWN");
    }
    if (!node.aof().prepareShutdown(force)) {
      throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
    }
    if ((node.rdb().savePointsConfigured() && !nosave) || save) {
      log.info("Saving the final RDB snapshot before exiting.");
      if (!node.rdb().saveNow()) {
        if (!force) {
          log.warn("Error trying to save the DB, can't exit.");
          throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
        }
        log.warn("Error trying to save the DB. Exit anyway.");
      }
    }
    node.context().loop().execute(node::shutdownFromLoop);
  }

  // ---- SLOWLOG ----------------------------------------------------------------------------

  static void slowlogGet(Invocation c) {
    if (c.argc() > 3) {
      throw new CommandError("ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.");
    }
    long count = 10;
    if (c.argc() == 3) {
      CommandError range = new CommandError("ERR count should be greater than or equal to -1");
      count = c.argLong(2, range);
      if (count < -1) {
        throw range;
      }
      if (count == -1) {
        count = Long.MAX_VALUE;
      }
    }
    Slowlog log = c.node().slowlog();
    int n = (int) Math.min(count, log.entries().size());
    ReplyWriter r = c.reply();
    r.arrayLen(n);
    Iterator<Slowlog.Entry> it = log.entries().iterator();
    for (int i = 0; i < n; i++) {
      Slowlog.Entry e = it.next();
      r.arrayLen(6);
      r.integer(e.id());
      r.integer(e.timeSeconds());
      r.integer(e.micros());
      r.arrayLen(e.args().length);
      for (byte[] a : e.args()) {
        r.bulk(a);
      }
      r.bulk(e.peer());
      r.bulk(e.clientName());
    }
  }

  static void slowlogLen(Invocation c) {
    c.reply().integer(c.node().slowlog().entries().size());
  }

  static void slowlogReset(Invocation c) {
    c.node().slowlog().reset();
    c.reply().ok();
  }

  static void slowlogHelp(Invocation c) {
    help(c.reply(), "SLOWLOG",
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.");
  }

  /** Redis's {@code addReplyHelp}: a header line, the lines, and the HELP line, as status replies. */
  static void help(ReplyWriter r, String command, String... lines) {
    r.arrayLen(lines.length + 3);
    r.simple(command + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    for (String l : lines) {
      r.simple(l);
    }
    r.simple("HELP");
    r.simple("    Prints this help.");
  }

  static String upper(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  /**
   * INFO's text, as Redis's {@code genRedisInfoString}: {@code # Section} headers, {@code field:value}
   * lines, CRLF line ends, a blank line between sections. Fields that have no meaning on the JVM
   * keep Redis's name with an honest value (0, or what the JVM can say), so tools that parse INFO
   * find every field they expect.
   */
  static final class Info {

    private static final List<String> DEFAULT = List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
    /** Output order of every section. */
    private static final List<String> ORDER = List.of("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");

    private Info() {}

    static String generate(ServerNode node, List<String> requested) {
      java.util.Set<String> want = new java.util.HashSet<>();
      if (requested.isEmpty()) {
        want.addAll(DEFAULT);
      }
      for (String r : requested) {
        String s = r.toLowerCase(Locale.ROOT);
        switch (s) {
          case "default" -> want.addAll(DEFAULT);
          case "all", "everything" -> {
            want.addAll(ORDER);
          }
          default -> want.add(s);
        }
      }
      StringBuilder b = new StringBuilder(4096);
      for (String section : ORDER) {
        if (!want.contains(section)) {
          continue;
        }
        if (b.length() > 0) {
          b.append("\r\n");
        }
        io.haredis.core.node.NodeHooks.InfoSection custom = node.hooks().infoSection(section);
        if (custom != null) {
          custom.write(node, b);
          continue;
        }
        switch (section) {
          case "server" -> server(b, node);
          case "clients" -> clients(b, node);
          case "memory" -> memory(b, node);
          case "persistence" -> persistence(b, node);
          case "stats" -> stats(b, node);
          case "replication" -> replication(b, node);
          case "cpu" -> cpu(b);
          case "modules" -> b.append("# Modules\r\n");
          case "commandstats" -> commandstats(b, node);
          case "errorstats" -> errorstats(b, node);
          case "latencystats" -> b.append("# Latencystats\r\n");
          case "cluster" -> b.append("# Cluster\r\n").append("cluster_enabled:0\r\n");
          case "keyspace" -> keyspace(b, node);
          default -> throw new IllegalStateException(section);
        }
      }
      return b.toString();
    }

    private static void f(StringBuilder b, String name, Object value) {
      b.append(name).append(':').append(value).append("\r\n");
    }

    private static void server(StringBuilder b, ServerNode node) {
      long now = node.clockMillis();
      long uptime = Math.max(0, (now - node.startMillis()) / 1000);
      String arch = System.getProperty("os.arch", "");
      if (arch.equals("amd64")) {
        arch = "x86_64";
      }
      String multiplexing = node.context().loop() instanceof io.haredis.core.node.NodeLoop nl
          ? (nl.epoll() ? "epoll" : "nio") : "simulated";
      b.append("# Server\r\n");
      f(b, "redis_version", "7.0.15");
      f(b, "redis_git_sha1", "00000000");
      f(b, "redis_git_dirty", 0);
      f(b, "redis_build_id", "0");
      f(b, "redis_mode", "standalone");
      f(b, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
      f(b, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
      f(b, "monotonic_clock", "java System.nanoTime");
      f(b, "multiplexing_api", multiplexing);
      f(b, "atomicvar_api", "java");
      f(b, "gcc_version", "0.0.0");
      f(b, "process_id", ProcessHandle.current().pid());
      f(b, "process_supervised", "no");
      f(b, "run_id", node.runId());
      f(b, "tcp_port", node.address() != null ? node.address().port() : node.settings().port);
      f(b, "server_time_usec", node.context().clock().currentTimeMicros());
      f(b, "uptime_in_seconds", uptime);
      f(b, "uptime_in_days", uptime / 86400);
      f(b, "hz", node.settings().hz);
      f(b, "configured_hz", node.settings().hz);
      f(b, "lru_clock", (now / 1000) & ((1 << 24) - 1));
      f(b, "executable", ProcessHandle.current().info().command().orElse(""));
      f(b, "config_file", node.configFile() == null ? "" : node.configFile());
      f(b, "io_threads_active", 0);
    }

    private static void clients(StringBuilder b, ServerNode node) {
      long maxIn = 0;
      long maxOut = 0;
      for (io.haredis.core.client.ClientState c : node.clients().all()) {
        maxIn = Math.max(maxIn, c.query().capacity());
        maxOut = Math.max(maxOut, c.pendingOutputBytes());
      }
      b.append("# Clients\r\n");
      f(b, "connected_clients", node.clients().size());
      f(b, "cluster_connections", 0);
      f(b, "maxclients", node.settings().maxClients);
      f(b, "client_recent_max_input_buffer", maxIn);
      f(b, "client_recent_max_output_buffer", maxOut);
      f(b, "blocked_clients", node.blocking().count());
      f(b, "tracking_clients", 0);
      f(b, "clients_in_timeout_table", 0);
    }

    private static void memory(StringBuilder b, ServerNode node) {
      Runtime rt = Runtime.getRuntime();
      long used = rt.totalMemory() - rt.freeMemory();
      long committed = rt.totalMemory();
      long peakSum = 0;
      for (java.lang.management.MemoryPoolMXBean pool : HeapPools.POOLS) {
        java.lang.management.MemoryUsage peakUsage = pool.getPeakUsage();
        if (peakUsage != null) {
          peakSum += peakUsage.getUsed();
        }
      }
      long peak = Math.max(used, peakSum);
      long rss = rss(committed);
      long total = HeapPools.TOTAL_SYSTEM_MEMORY;
      long maxmemory = node.settings().maxmemory;
      long backlog = node.replicationLog().backlog().size();
      long overhead = backlog;
      long dataset = Math.max(0, used - overhead);
      b.append("# Memory\r\n");
      f(b, "used_memory", used);
      f(b, "used_memory_human", human(used));
      f(b, "used_memory_rss", rss);
      f(b, "used_memory_rss_human", human(rss));
      f(b, "used_memory_peak", peak);
      f(b, "used_memory_peak_human", human(peak));
      f(b, "used_memory_peak_perc", pct(used, peak));
      f(b, "used_memory_overhead", overhead);
      f(b, "used_memory_startup", 0);
      f(b, "used_memory_dataset", dataset);
      f(b, "used_memory_dataset_perc", pct(dataset, used));
      f(b, "allocator_allocated", used);
      f(b, "allocator_active", committed);
      f(b, "allocator_resident", rss);
      f(b, "total_system_memory", total);
      f(b, "total_system_memory_human", human(total));
      f(b, "used_memory_lua", 0);
      f(b, "used_memory_vm_eval", 0);
      f(b, "used_memory_lua_human", human(0));
      f(b, "used_memory_scripts_eval", 0);
      f(b, "number_of_cached_scripts", 0);
      f(b, "number_of_functions", 0);
      f(b, "number_of_libraries", 0);
      f(b, "used_memory_vm_functions", 0);
      f(b, "used_memory_vm_total", 0);
      f(b, "used_memory_vm_total_human", human(0));
      f(b, "used_memory_functions", 0);
      f(b, "used_memory_scripts", 0);
      f(b, "used_memory_scripts_human", human(0));
      f(b, "maxmemory", maxmemory);
      f(b, "maxmemory_human", human(maxmemory));
      f(b, "maxmemory_policy", value(node, "maxmemory-policy"));
      f(b, "allocator_frag_ratio", ratio(committed, used));
      f(b, "allocator_frag_bytes", committed - used);
      f(b, "allocator_rss_ratio", ratio(rss, committed));
      f(b, "allocator_rss_bytes", rss - committed);
      f(b, "rss_overhead_ratio", ratio(rss, committed));
      f(b, "rss_overhead_bytes", rss - committed);
      f(b, "mem_fragmentation_ratio", ratio(rss, used));
      f(b, "mem_fragmentation_bytes", rss - used);
      f(b, "mem_not_counted_for_evict", 0);
      f(b, "mem_replication_backlog", backlog);
      f(b, "mem_total_replication_buffers", backlog);
      f(b, "mem_clients_slaves", 0);
      f(b, "mem_clients_normal", 0);
      f(b, "mem_cluster_links", 0);
      f(b, "mem_aof_buffer", node.aof().bufferLength());
      f(b, "mem_allocator", "jvm-heap");
      f(b, "active_defrag_running", 0);
      f(b, "lazyfree_pending_objects", 0);
      f(b, "lazyfreed_objects", 0);
    }

    private static long rss(long fallback) {
      try {
        String statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim();
        return Long.parseLong(statm.split(" ")[1]) * 4096;
      } catch (java.io.IOException | RuntimeException e) {
        return fallback;
      }
    }

    /**
     * Looked up once: the platform's pool list builds new MBean names on every call, and the
     * total memory is read from cgroup files; INFO is polled often by monitoring tools.
     */
    private static final class HeapPools {
      static final java.util.List<java.lang.management.MemoryPoolMXBean> POOLS =
          java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
              .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
      static final long TOTAL_SYSTEM_MEMORY = totalSystemMemory();
    }

    private static long totalSystemMemory() {
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
        return os.getTotalMemorySize();
      }
      return Runtime.getRuntime().maxMemory();
    }

    private static String value(ServerNode node, String param) {
      io.haredis.core.config.ConfigParam p = node.config().find(param);
      return p == null ? "" : p.value();
    }

    private static void persistence(StringBuilder b, ServerNode node) {
      b.append("# Persistence\r\n");
      io.haredis.core.persist.RdbSaver rdb = node.rdb();
      io.haredis.core.persist.DatasetLoading loading = node.loader();
      f(b, "loading", loading != null ? 1 : 0);
      f(b, "async_loading", 0);
      f(b, "current_cow_peak", 0);
      f(b, "current_cow_size", 0);
      f(b, "current_cow_size_age", 0);
      f(b, "current_fork_perc", rdb.inProgress() && rdb.keysTotal() > 0
          ? String.format(java.util.Locale.ROOT, "%.2f", 100.0 * rdb.keysProcessed() / rdb.keysTotal()) : "0.00");
      f(b, "current_save_keys_processed", rdb.keysProcessed());
      f(b, "current_save_keys_total", rdb.keysTotal());
      f(b, "rdb_changes_since_last_save", node.dirty());
      f(b, "rdb_bgsave_in_progress", rdb.inProgress() ? 1 : 0);
      f(b, "rdb_last_save_time", node.lastSaveSeconds());
      f(b, "rdb_last_bgsave_status", rdb.lastBgsaveOk() ? "ok" : "err");
      f(b, "rdb_last_bgsave_time_sec", rdb.lastBgsaveSeconds());
      f(b, "rdb_current_bgsave_time_sec", rdb.currentBgsaveSeconds());
      f(b, "rdb_saves", rdb.saves());
      f(b, "rdb_last_cow_size", 0);
      f(b, "rdb_last_load_keys_expired", rdb.lastLoadKeysExpired());
      f(b, "rdb_last_load_keys_loaded", rdb.lastLoadKeysLoaded());
      node.aof().infoStatus(b);
      f(b, "module_fork_in_progress", 0);
      f(b, "module_fork_last_cow_size", 0);
      node.aof().infoSizes(b);
      if (loading != null) {
        loading.info(b);
      }
    }

    private static void stats(StringBuilder b, ServerNode node) {
      io.haredis.core.node.ServerStats st = node.stats();
      io.haredis.core.keyspace.KeyspaceStats ks = node.keyspace().stats();
      b.append("# Stats\r\n");
      f(b, "total_connections_received", st.connectionsReceived);
      f(b, "total_commands_processed", st.commandsProcessed);
      f(b, "instantaneous_ops_per_sec", st.instantaneousOps());
      f(b, "total_net_input_bytes", st.netInputBytes);
      f(b, "total_net_output_bytes", st.netOutputBytes);
      f(b, "total_net_repl_input_bytes", 0);
      f(b, "total_net_repl_output_bytes", 0);
      f(b, "instantaneous_input_kbps", two(st.instantaneousInputKbps()));
      f(b, "instantaneous_output_kbps", two(st.instantaneousOutputKbps()));
      f(b, "instantaneous_input_repl_kbps", "0.00");
      f(b, "instantaneous_output_repl_kbps", "0.00");
      f(b, "rejected_connections", st.rejectedConnections);
      f(b, "sync_full", 0);
      f(b, "sync_partial_ok", 0);
      f(b, "sync_partial_err", 0);
      f(b, "expired_keys", ks.expiredKeys);
      f(b, "expired_stale_perc", two(ks.expiredStalePerc * 100));
      f(b, "expired_time_cap_reached_count", ks.expiredTimeCapReachedCount);
      f(b, "expire_cycle_cpu_milliseconds", 0);
      f(b, "evicted_keys", 0);
      f(b, "evicted_clients", 0);
      f(b, "total_eviction_exceeded_time", 0);
      f(b, "current_eviction_exceeded_time", 0);
      f(b, "keyspace_hits", ks.keyspaceHits);
      f(b, "keyspace_misses", ks.keyspaceMisses);
      f(b, "pubsub_channels", node.pubsub().channelCount());
      f(b, "pubsub_patterns", node.pubsub().patternCount());
      f(b, "pubsubshard_channels", node.pubsub().shardChannelCount());
      f(b, "latest_fork_usec", 0);
      f(b, "total_forks", 0);
      f(b, "migrate_cached_sockets", 0);
      f(b, "slave_expires_tracked_keys", 0);
      f(b, "active_defrag_hits", 0);
      f(b, "active_defrag_misses", 0);
      f(b, "active_defrag_key_hits", 0);
      f(b, "active_defrag_key_misses", 0);
      f(b, "total_active_defrag_time", 0);
      f(b, "current_active_defrag_time", 0);
      f(b, "tracking_total_keys", 0);
      f(b, "tracking_total_items", 0);
      f(b, "tracking_total_prefixes", 0);
      f(b, "unexpected_error_replies", 0);
      f(b, "total_error_replies", st.totalErrorReplies);
      f(b, "dump_payload_sanitizations", 0);
      f(b, "total_reads_processed", 0);
      f(b, "total_writes_processed", 0);
      f(b, "io_threaded_reads_processed", 0);
      f(b, "io_threaded_writes_processed", 0);
      f(b, "reply_buffer_shrinks", 0);
      f(b, "reply_buffer_expands", 0);
    }

    private static void replication(StringBuilder b, ServerNode node) {
      io.haredis.core.repl.ReplicationLog rl = node.replicationLog();
      io.haredis.core.repl.Backlog bl = rl.backlog();
      b.append("# Replication\r\n");
      f(b, "role", "master");
      f(b, "connected_slaves", 0);
      f(b, "master_failover_state", "no-failover");
      f(b, "master_replid", rl.replicationId());
      f(b, "master_replid2", rl.replicationId2());
      f(b, "master_repl_offset", rl.masterOffset());
      f(b, "second_repl_offset", rl.secondIdOffset());
      f(b, "repl_backlog_active", 1); // the backlog records every write from boot on
      f(b, "repl_backlog_size", bl.size());
      f(b, "repl_backlog_first_byte_offset", bl.firstByteOffset());
      f(b, "repl_backlog_histlen", bl.histlen());
    }

    private static void cpu(StringBuilder b) {
      java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long processNanos = 0;
      if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
        processNanos = Math.max(0, os.getProcessCpuTime());
      }
      long userNanos = 0;
      long mainCpu = 0;
      long mainUser = 0;
      if (threads.isThreadCpuTimeSupported()) {
        for (long id : threads.getAllThreadIds()) {
          long u = threads.getThreadUserTime(id);
          if (u > 0) {
            userNanos += u;
          }
        }
        mainCpu = Math.max(0, threads.getCurrentThreadCpuTime());
        mainUser = Math.max(0, threads.getCurrentThreadUserTime());
      }
      userNanos = Math.min(userNanos, processNanos == 0 ? userNanos : processNanos);
      b.append("# CPU\r\n");
      f(b, "used_cpu_sys", six(Math.max(0, processNanos - userNanos)));
      f(b, "used_cpu_user", six(userNanos));
      f(b, "used_cpu_sys_children", "0.000000");
      f(b, "used_cpu_user_children", "0.000000");
      f(b, "used_cpu_sys_main_thread", six(Math.max(0, mainCpu - mainUser)));
      f(b, "used_cpu_user_main_thread", six(mainUser));
    }

    private static void commandstats(StringBuilder b, ServerNode node) {
      b.append("# Commandstats\r\n");
      for (CommandSpec spec : node.dispatcher().table().commands()) {
        commandstat(b, node, spec);
        if (spec.subcommands() != null) {
          for (CommandSpec sub : spec.subcommands().commands()) {
            commandstat(b, node, sub);
          }
        }
      }
    }

    private static void commandstat(StringBuilder b, ServerNode node, CommandSpec spec) {
      if (spec.handler() == null && spec.subcommands() != null) {
        return; // a container's calls are counted on its subcommands
      }
      io.haredis.core.command.CommandStats s = node.dispatcher().stats(spec);
      if (s.calls == 0 && s.failedCalls == 0 && s.rejectedCalls == 0) {
        return;
      }
      b.append("cmdstat_").append(spec.fullName()).append(":calls=").append(s.calls)
          .append(",usec=").append(s.micros)
          .append(",usec_per_call=").append(two(s.calls == 0 ? 0 : (double) s.micros / s.calls))
          .append(",rejected_calls=").append(s.rejectedCalls)
          .append(",failed_calls=").append(s.failedCalls).append("\r\n");
    }

    private static void errorstats(StringBuilder b, ServerNode node) {
      b.append("# Errorstats\r\n");
      for (java.util.Map.Entry<String, Long> e : node.stats().errorCounts.entrySet()) {
        b.append("errorstat_").append(e.getKey()).append(":count=").append(e.getValue()).append("\r\n");
      }
    }

    private static void keyspace(StringBuilder b, ServerNode node) {
      b.append("# Keyspace\r\n");
      for (int i = 0; i < node.keyspace().databases(); i++) {
        io.haredis.core.keyspace.Database db = node.keyspace().db(i);
        if (db.size() == 0) {
          continue;
        }
        b.append("db").append(i).append(":keys=").append(db.size()).append(",expires=").append(db.expiresCount())
            .append(",avg_ttl=").append(db.avgTtl()).append("\r\n");
      }
    }

    /** Redis's {@code bytesToHuman}. */
    static String human(long n) {
      if (n < 1024) {
        return n + "B";
      }
      String[] units = {"K", "M", "G", "T", "P"};
      double d = n;
      int u = -1;
      while (d >= 1024 && u < units.length - 1) {
        d /= 1024;
        u++;
      }
      return two(d) + units[u];
    }

    private static String pct(long part, long whole) {
      return two(whole == 0 ? 0 : part * 100.0 / whole) + "%";
    }

    private static String ratio(long a, long b) {
      return two(b == 0 ? 0 : (double) a / b);
    }

    /** {@code %.2f} without a Formatter (INFO has dozens of these). */
    static String two(double d) {
      if (!Double.isFinite(d) || Math.abs(d) >= 1e15) {
        return String.format(Locale.ROOT, "%.2f", d);
      }
      long cents = Math.round(Math.abs(d) * 100);
      long frac = cents % 100;
      return (Double.doubleToRawLongBits(d) < 0 ? "-" : "") + cents / 100 + (frac < 10 ? ".0" : ".") + frac;
    }

    private static String six(long nanos) {
      return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }
  }
}
