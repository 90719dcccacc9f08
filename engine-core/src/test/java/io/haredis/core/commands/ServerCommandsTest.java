package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerCommandsTest {

  @Test
  void infoTwoDecimals_matchesPercentFormat() {
    java.util.Random r = new java.util.Random(7);
    List<Double> samples = new ArrayList<>(List.of(0.0, -0.0, 1.0, 0.004, -0.004, 99.999, 1.5, -2.25, 1e14, 12345.678));
    for (int i = 0; i < 20_000; i++) {
      samples.add((r.nextDouble() - 0.3) * Math.pow(10, r.nextInt(8)));
    }
    for (double d : samples) {
      assertThat(ServerCommands.Info.two(d)).as("%s", d).isEqualTo(String.format(java.util.Locale.ROOT, "%.2f", d));
    }
  }

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  /** The bulk payload of an INFO reply. */
  private String info(String... sections) {
    Object[] args = new Object[sections.length + 1];
    args[0] = "INFO";
    System.arraycopy(sections, 0, args, 1, sections.length);
    String r = h.run(args);
    assertThat(r).startsWith("$");
    String body = r.substring(r.indexOf("\r\n") + 2, r.length() - 2);
    assertThat(Integer.parseInt(r.substring(1, r.indexOf("\r\n")))).isEqualTo(body.length());
    return body;
  }

  /** section name -> (field -> value). */
  static Map<String, Map<String, String>> parse(String info) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Map<String, String> cur = null;
    for (String line : info.split("\r\n", -1)) {
      if (line.startsWith("# ")) {
        cur = new LinkedHashMap<>();
        out.put(line.substring(2).toLowerCase(), cur);
      } else if (!line.isEmpty()) {
        int c = line.indexOf(':');
        cur.put(line.substring(0, c), line.substring(c + 1));
      }
    }
    return out;
  }

  @Test
  void info_noArgs_defaultSectionsInRedisOrderWithCrlf() {
    String body = info();
    assertThat(body).startsWith("# Server\r\nredis_version:7.0.15\r\n").endsWith("\r\n").doesNotContain("\n\n");
    assertThat(body.replace("\r\n", "")).doesNotContain("\n");
    assertThat(parse(body).keySet()).containsExactly("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "errorstats", "cluster", "keyspace");
    Map<String, String> server = parse(body).get("server");
    assertThat(server.get("redis_mode")).isEqualTo("standalone");
    assertThat(server.get("run_id")).isEqualTo(h.node().runId());
    assertThat(server.get("tcp_port")).isEqualTo(Integer.toString(h.node().address().port()));
    assertThat(server.get("process_id")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
    assertThat(server.get("hz")).isEqualTo("10");
    assertThat(server.get("config_file")).isEmpty();
    assertThat(body).contains("\r\n\r\n# Clients\r\n");
  }

  @Test
  void info_sections_onlyThoseRequested() {
    assertThat(parse(info("server", "CLIENTS")).keySet()).containsExactly("server", "clients");
    assertThat(info("nosuchsection")).isEmpty();
    assertThat(parse(info("all")).keySet()).containsExactly("server", "clients", "memory", "persistence", "stats",
        "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace");
    assertThat(parse(info("everything")).keySet()).contains("commandstats", "modules");
    assertThat(parse(info("default", "commandstats")).keySet()).contains("server", "commandstats", "keyspace");
  }

  @Test
  void info_keyspace_countsKeysPerDb() {
    assertThat(info("keyspace")).isEqualTo("# Keyspace\r\n");
    h.run("SET", "a", "1");
    h.run("SET", "b", "2");
    assertThat(info("keyspace")).isEqualTo("# Keyspace\r\ndb0:keys=2,expires=0,avg_ttl=0\r\n");
  }

  @Test
  void info_statsAndPersistence_reflectCommands() {
    h.run("SET", "a", "1");
    h.run("GET", "a");
    h.run("GET", "missing");
    Map<String, Map<String, String>> s = parse(info());
    assertThat(s.get("persistence").get("rdb_changes_since_last_save")).isEqualTo("1");
    assertThat(s.get("stats").get("keyspace_hits")).isEqualTo("1");
    assertThat(s.get("stats").get("keyspace_misses")).isEqualTo("1");
    assertThat(Long.parseLong(s.get("stats").get("total_commands_processed"))).isGreaterThanOrEqualTo(3);
    assertThat(s.get("replication").get("role")).isEqualTo("master");
    assertThat(s.get("replication").get("master_replid")).isEqualTo(h.node().replicationLog().replicationId());
    assertThat(s.get("replication").get("master_repl_offset"))
        .isEqualTo(Long.toString(h.node().replicationLog().masterOffset()));
  }

  @Test
  void info_commandstatsAndErrorstats_countCallsAndErrors() {
    h.run("SET", "a", "1");
    h.run("CONFIG", "GET", "hz");
    h.run("NOPE");
    h.run("CONFIG", "SET", "hz", "x");
    Map<String, String> cmd = parse(info("commandstats")).get("commandstats");
    assertThat(cmd.get("cmdstat_set")).matches("calls=1,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=0,failed_calls=0");
    assertThat(cmd.get("cmdstat_config|get")).startsWith("calls=1,");
    assertThat(cmd.get("cmdstat_config|set")).endsWith(",rejected_calls=0,failed_calls=1");
    assertThat(cmd).doesNotContainKey("cmdstat_config");
    assertThat(parse(info("errorstats")).get("errorstats")).containsEntry("errorstat_ERR", "count=2");
  }

  @Test
  void configResetstat_clearsCounters() {
    h.run("SET", "a", "1");
    h.run("GET", "zz");
    h.run("NOPE");
    assertThat(h.run("CONFIG", "RESETSTAT")).isEqualTo("+OK\r\n");
    Map<String, Map<String, String>> s = parse(info("stats", "commandstats", "errorstats"));
    assertThat(s.get("stats").get("keyspace_misses")).isEqualTo("0");
    assertThat(s.get("stats").get("total_error_replies")).isEqualTo("0");
    assertThat(s.get("commandstats")).doesNotContainKey("cmdstat_set");
    assertThat(s.get("errorstats")).isEmpty();
  }

  @Test
  void info_resp3_isVerbatimTxt() {
    org.junit.jupiter.api.Assumptions.assumeFalse(h.run("HELLO", "3").startsWith("-"), "HELLO not available yet");
    assertThat(h.run("INFO", "cluster")).isEqualTo("=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n");
  }

  @Test
  void time_secondsAndMicros() {
    String r = h.run("TIME");
    assertThat(r).matches("\\*2\\r\\n\\$\\d+\\r\\n\\d+\\r\\n\\$\\d+\\r\\n\\d+\\r\\n");
    long secs = Long.parseLong(r.split("\r\n")[2]);
    assertThat(Math.abs(secs - System.currentTimeMillis() / 1000)).isLessThan(5);
    long micros = Long.parseLong(r.split("\r\n")[4]);
    assertThat(micros).isBetween(0L, 999_999L);
  }

  @Test
  void lastsave_isStartTimeInSeconds() {
    assertThat(h.run("LASTSAVE")).isEqualTo(":" + h.node().lastSaveSeconds() + "\r\n");
  }

  @Test
  void slowlog_recordsCommandsOverThreshold() {
    assertThat(h.run("CONFIG", "SET", "slowlog-log-slower-than", "0")).isEqualTo("+OK\r\n");
    h.run("SET", "k", "v");
    assertThat(h.run("SLOWLOG", "LEN")).isEqualTo(":2\r\n"); // CONFIG SET itself, then SET
    String get = h.run("SLOWLOG", "GET", "2"); // newest first: SLOWLOG LEN, then SET
    assertThat(get).startsWith("*2\r\n*6\r\n:2\r\n:").contains("*6\r\n:1\r\n:")
        .contains("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
    assertThat(h.run("SLOWLOG", "GET", "0")).isEqualTo("*0\r\n");
    assertThat(h.run("SLOWLOG", "GET", "-1")).startsWith("*5\r\n"); // CONFIG SET, SET, LEN, GET 2, GET 0
    assertThat(h.run("SLOWLOG", "RESET")).isEqualTo("+OK\r\n");
    assertThat(h.run("SLOWLOG", "LEN")).isEqualTo(":1\r\n"); // the RESET itself was slow
  }

  @Test
  void slowlog_badCount_redisError() {
    assertThat(h.run("SLOWLOG", "GET", "-2")).isEqualTo("-ERR count should be greater than or equal to -1\r\n");
    assertThat(h.run("SLOWLOG", "GET", "abc")).isEqualTo("-ERR count should be greater than or equal to -1\r\n");
    assertThat(h.run("SLOWLOG", "GET", "1", "2"))
        .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.\r\n");
    assertThat(h.run("SLOWLOG", "HELP")).startsWith("*12\r\n+SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n")
        .endsWith("+HELP\r\n+    Prints this help.\r\n");
  }

  @Test
  void shutdown_badArgs_syntaxErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    try (CommandHarness h = new CommandHarness((ServerNode) RedisServer.builder().port(0).dir(dir).start())) {
      // the final save must fail: dump.rdb is a non-empty directory
      java.nio.file.Files.createDirectories(dir.resolve("dump.rdb").resolve("sub"));
      assertThat(h.run("SHUTDOWN", "SAVE", "NOSAVE")).isEqualTo("-ERR syntax error\r\n");
      assertThat(h.run("SHUTDOWN", "ABORT", "NOW")).isEqualTo("-ERR syntax error\r\n");
      assertThat(h.run("SHUTDOWN", "BOGUS")).isEqualTo("-ERR syntax error\r\n");
      assertThat(h.run("SHUTDOWN", "ABORT")).isEqualTo("-ERR No shutdown in progress.\r\n");
      assertThat(h.run("SHUTDOWN", "SAVE")).isEqualTo("-ERR Errors trying to SHUTDOWN. Check logs.\r\n");
      assertThat(h.node().isClosed()).isFalse();
    }
  }

  @Test
  void shutdown_nosave_closesNodeAndRunsHooks() throws Exception {
    ServerNode node = (ServerNode) RedisServer.builder().port(0).start();
    CountDownLatch down = new CountDownLatch(1);
    node.onShutdown(down::countDown);
    CommandHarness h2 = new CommandHarness(node);
    assertThat(h2.run("SHUTDOWN", "NOSAVE")).isEmpty();
    assertThat(down.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(node.isClosed()).isTrue();
    node.close(); // idempotent
  }

  @Test
  void onShutdown_close_runsHookOnce() {
    ServerNode node = (ServerNode) RedisServer.builder().port(0).start();
    List<String> calls = new ArrayList<>();
    node.onShutdown(() -> calls.add("x"));
    node.close();
    node.close();
    assertThat(calls).containsExactly("x");
  }

  @Test
  void shutdown_overTcp_clientDisconnectedAndNodeClosed() throws Exception {
    ServerNode node = (ServerNode) RedisServer.builder().port(0).start();
    CountDownLatch down = new CountDownLatch(1);
    node.onShutdown(down::countDown);
    try (java.net.Socket s = new java.net.Socket(node.address().host(), node.address().port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes());
      s.getOutputStream().flush();
      assertThat(s.getInputStream().read()).isEqualTo(-1); // no reply, then the connection closes
    }
    assertThat(down.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(node.isClosed()).isTrue();
  }

  @Test
  void info_sectionReplacedByHook_printsTheModulesText() {
    h.node().call(() -> {
      h.node().hooks().infoSection("replication", (n, out) -> out.append("# Replication\r\nrole:slave\r\n"));
      return null;
    });
    assertThat(parse(info("replication")).get("replication")).containsExactly(Map.entry("role", "slave"));
  }
}
