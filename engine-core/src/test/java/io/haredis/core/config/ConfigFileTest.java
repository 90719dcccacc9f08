package io.haredis.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.core.node.CoreConfig;
import io.haredis.core.node.ServerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

  @TempDir
  Path tmp;

  private static ConfigTable table() {
    return CoreConfig.newTable(new ServerSettings());
  }

  private static String get(ConfigTable t, String name) {
    return t.find(name).value();
  }

  @Test
  void load_masterFixture_appliesDirectives() throws Exception {
    ConfigTable t = table();
    ConfigFile.load(ConfigFixtures.confDir().resolve("master.conf"), t);
    assertThat(get(t, "port")).isEqualTo("8000");
    assertThat(get(t, "bind")).isEqualTo("127.0.0.1");
    assertThat(get(t, "requirepass")).isEqualTo("M5Pi9YW6u");
    assertThat(get(t, "appendonly")).isEqualTo("yes");
    assertThat(get(t, "logfile")).isEmpty();
    assertThat(get(t, "pidfile")).isEqualTo("/tmp/redis-8000.pid");
  }

  @Test
  void load_replicaFixture_acceptsSlaveofAndOldAliases() throws Exception {
    ConfigTable t = table();
    ConfigFile.load(ConfigFixtures.confDir().resolve("replica.conf"), t);
    assertThat(get(t, "replicaof")).isEqualTo("127.0.0.1 8000");
    assertThat(get(t, "slaveof")).isEqualTo("127.0.0.1 8000");
    assertThat(get(t, "replica-read-only")).isEqualTo("yes");
    assertThat(get(t, "replica-priority")).isEqualTo("100");
  }

  @Test
  void load_clusterNodeFixture_loadsEveryDirective() throws Exception {
    ConfigTable t = table();
    ConfigFile.load(ConfigFixtures.confDir().resolve("cluster-node.conf"), t);
    assertThat(get(t, "cluster-enabled")).isEqualTo("yes");
    assertThat(get(t, "cluster-node-timeout")).isEqualTo("5000");
    assertThat(get(t, "proc-title-template")).isEqualTo("{title} {listen-addr} {server-mode}");
    assertThat(get(t, "auto-aof-rewrite-min-size")).isEqualTo("67108864");
    assertThat(get(t, "notify-keyspace-events")).isEmpty();
    assertThat(get(t, "client-output-buffer-limit"))
        .isEqualTo("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
    assertThat(get(t, "oom-score-adj-values")).isEqualTo("0 200 800");
    assertThat(get(t, "hash-max-listpack-entries")).isEqualTo("512");
    assertThat(get(t, "ignore-warnings")).isEqualTo("ARM64-COW-BUG");
    assertThat(get(t, "bind")).isEqualTo("0.0.0.0");
  }

  @Test
  void load_sentinelFixture_refusedAsRedisRefusesIt() {
    Path f = ConfigFixtures.confDir().resolve("sentinel.conf");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> {
          assertThat(e.line()).isEqualTo(4);
          assertThat(e.reason()).isEqualTo("sentinel directive while not in sentinel mode");
        });
  }

  @Test
  void loadSentinel_sentinelFixture_returnsSentinelDirectives() throws Exception {
    Path f = ConfigFixtures.confDir().resolve("sentinel.conf");
    assertThat(ConfigFile.isSentinelConfig(f)).isTrue();
    assertThat(ConfigFile.isSentinelConfig(ConfigFixtures.confDir().resolve("master.conf"))).isFalse();
    ConfigTable t = table();
    List<ConfigFile.Directive> d = ConfigFile.loadSentinel(f, t);
    assertThat(get(t, "port")).isEqualTo("26379");
    assertThat(get(t, "dir")).isEqualTo("/tmp");
    assertThat(d).hasSize(9);
    assertThat(d.get(0).args()).containsExactly("monitor", "mymaster", "127.0.0.1", "8000", "2");
    assertThat(d.get(0).line()).isEqualTo(4);
    assertThat(d.get(8).args()).containsExactly("current-epoch", "1");
  }

  @Test
  void load_badFixture_failsWithFileLineAndReason() {
    Path f = ConfigFixtures.confDir().resolve("bad.conf");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> {
          assertThat(e.getMessage()).isEqualTo("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\n"
              + "Reading the configuration file, at line 3 (" + f + ")\n"
              + ">>> 'appendfsinc everysec'\n"
              + "Bad directive or wrong number of arguments");
          assertThat(e.file()).isEqualTo(f.toString());
          assertThat(e.line()).isEqualTo(3);
        });
  }

  @Test
  void load_badValue_reportsRedisReason() throws IOException {
    Path f = write("port 6379\nmaxmemory lots\n");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> {
          assertThat(e.line()).isEqualTo(2);
          assertThat(e.reason()).isEqualTo("argument must be a memory value");
          assertThat(e.getMessage()).contains(">>> 'maxmemory lots'");
        });
  }

  @Test
  void load_directiveCaseAndQuoting_followsSdssplitargs() throws Exception {
    ConfigTable t = table();
    Path f = write("  PORT 7000  \r\nrequirepass \"a b\\x41\\n\"\nmasterauth 'it\\'s'\n# comment\n\nLOGLEVEL warning\n");
    ConfigFile.load(f, t);
    assertThat(get(t, "port")).isEqualTo("7000");
    assertThat(get(t, "requirepass")).isEqualTo("a bA\n");
    assertThat(get(t, "masterauth")).isEqualTo("it's");
    assertThat(get(t, "loglevel")).isEqualTo("warning");
  }

  @Test
  void load_unbalancedQuotes_fails() throws IOException {
    Path f = write("requirepass \"abc\n");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.reason()).isEqualTo("Unbalanced quotes in configuration line"));
  }

  @Test
  void load_singleArgDirectiveWithTwoArgs_wrongNumberOfArguments() throws IOException {
    Path f = write("port 1 2\n");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.reason()).isEqualTo("wrong number of arguments"));
  }

  @Test
  void load_saveLines_firstReplacesDefaultLaterOnesAppend() throws Exception {
    ConfigTable t = table();
    ConfigFile.load(write("save 900 1\nsave 300 10 60 10000\n"), t);
    assertThat(get(t, "save")).isEqualTo("900 1 300 10 60 10000");
    ConfigTable t2 = table();
    ConfigFile.load(write("save \"\"\n"), t2);
    assertThat(get(t2, "save")).isEmpty();
  }

  @Test
  void load_include_readsTheIncludedFile() throws Exception {
    Path inc = tmp.resolve("inc.conf");
    Files.writeString(inc, "hz 20\n");
    ConfigTable t = table();
    ConfigFile.load(write("port 7001\ninclude " + inc + "\n"), t);
    assertThat(get(t, "hz")).isEqualTo("20");
    assertThat(get(t, "port")).isEqualTo("7001");
  }

  @Test
  void load_includeMissing_failsWithIncludingLine() throws IOException {
    Path f = write("include /nonexistent/x.conf\n");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> {
          assertThat(e.line()).isEqualTo(1);
          assertThat(e.reason()).contains("can't open config file '/nonexistent/x.conf'");
        });
  }

  @Test
  void load_renameCommand_refusedWithClearReason() throws IOException {
    Path f = write("rename-command FLUSHALL \"\"\n");
    assertThatThrownBy(() -> ConfigFile.load(f, table()))
        .isInstanceOfSatisfying(ConfigError.class, e -> assertThat(e.reason()).contains("rename-command is not supported"));
  }

  @Test
  void load_missingFile_failsWithPath() {
    assertThatThrownBy(() -> ConfigFile.load(tmp.resolve("none.conf"), table()))
        .isInstanceOf(ConfigError.class)
        .hasMessageContaining("Fatal error, can't open config file");
  }

  @Test
  void split_quotesAndEscapes_asRedis() {
    assertThat(ConfigArgs.split("a \"b c\" 'd e' \"\\x41\\t\"")).containsExactly("a", "b c", "d e", "A\t");
    assertThat(ConfigArgs.split("\"a\"b")).isNull();
    assertThat(ConfigArgs.split("'abc")).isNull();
    assertThat(ConfigArgs.split("   ")).isEmpty();
    assertThat(ConfigArgs.split("\"\"")).containsExactly("");
  }

  @Test
  void quote_roundTripsThroughSplit() {
    for (String s : new String[] {"plain", "", "a b", "x\"y", "new\nline", "tab\t", "é"}) {
      assertThat(ConfigArgs.split("k " + ConfigArgs.quote(s))).containsExactly("k", s);
    }
  }

  private Path write(String text) throws IOException {
    Path f = Files.createTempFile(tmp, "t", ".conf");
    Files.writeString(f, text);
    return f;
  }
}
