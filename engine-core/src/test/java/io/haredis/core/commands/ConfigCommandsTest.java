package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @TempDir
  Path tmp;

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void configGet_exactName_nameAndValue() {
    assertThat(h.run("CONFIG", "GET", "hz")).isEqualTo("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
    assertThat(h.run("CONFIG", "GET", "HZ")).isEqualTo("*2\r\n$2\r\nHZ\r\n$2\r\n10\r\n"); // echoed as asked, as Redis
    assertThat(h.run("CONFIG", "GET", "nosuch")).isEqualTo("*0\r\n");
  }

  @Test
  void configGet_severalPatterns_eachNameOnce() {
    String r = h.run("CONFIG", "GET", "maxmemory*", "maxmemory", "port");
    assertThat(r).startsWith("*12\r\n").contains("$9\r\nmaxmemory\r\n$1\r\n0\r\n")
        .contains("$16\r\nmaxmemory-policy\r\n$10\r\nnoeviction\r\n").contains("$4\r\nport\r\n");
  }

  @Test
  void configGet_aliasesListedToo() {
    assertThat(h.run("CONFIG", "GET", "slave-priority")).isEqualTo("*2\r\n$14\r\nslave-priority\r\n$3\r\n100\r\n");
    assertThat(h.run("CONFIG", "GET", "*priority")).contains("slave-priority").contains("replica-priority");
  }

  @Test
  void configGet_globClassesAndHidden() {
    assertThat(h.run("CONFIG", "GET", "h[xz]")).isEqualTo("*2\r\n$2\r\nhz\r\n$2\r\n10\r\n");
    assertThat(h.run("CONFIG", "GET", "*")).doesNotContain("key-load-delay");
    assertThat(h.run("CONFIG", "GET", "key-load-delay")).contains("key-load-delay");
  }

  @Test
  void configGet_resp3_isMap() {
    org.junit.jupiter.api.Assumptions.assumeFalse(h.run("HELLO", "3").startsWith("-"), "HELLO not available yet");
    assertThat(h.run("CONFIG", "GET", "hz")).isEqualTo("%1\r\n$2\r\nhz\r\n$2\r\n10\r\n");
  }

  @Test
  void configSet_severalPairs_appliesAll() {
    assertThat(h.run("CONFIG", "SET", "hz", "20", "maxmemory", "1mb", "loglevel", "WARNING")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "hz")).endsWith("$2\r\n20\r\n");
    assertThat(h.run("CONFIG", "GET", "maxmemory")).endsWith("$7\r\n1048576\r\n");
    assertThat(h.run("CONFIG", "GET", "loglevel")).endsWith("$7\r\nwarning\r\n");
    assertThat(h.node().settings().hz).isEqualTo(20);
    assertThat(h.node().settings().maxmemory).isEqualTo(1048576);
  }

  @Test
  void configSet_hzOutOfRange_clampedAsRedis() {
    assertThat(h.run("CONFIG", "SET", "hz", "0")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "hz")).endsWith("$1\r\n1\r\n");
    assertThat(h.run("CONFIG", "SET", "hz", "700")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "hz")).endsWith("$3\r\n500\r\n");
  }

  @Test
  void configSet_errors_redisTexts() {
    assertThat(h.run("CONFIG", "SET", "foo", "bar"))
        .isEqualTo("-ERR Unknown option or number of arguments for CONFIG SET - 'foo'\r\n");
    assertThat(h.run("CONFIG", "SET", "databases", "3"))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config\r\n");
    assertThat(h.run("CONFIG", "SET", "hz", "5", "hz", "6"))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'hz') - duplicate parameter\r\n");
    assertThat(h.run("CONFIG", "SET", "hz", "5", "foo"))
        .isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("CONFIG", "SET", "protected-mode", "maybe"))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'protected-mode') - argument must be 'yes' or 'no'\r\n");
    assertThat(h.run("CONFIG", "SET", "loglevel", "xx")).isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'loglevel') - "
        + "argument(s) must be one of the following: debug, verbose, notice, warning\r\n");
    assertThat(h.run("CONFIG", "SET", "maxclients", "abc")).isEqualTo(
        "-ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument couldn't be parsed into an integer\r\n");
    assertThat(h.run("CONFIG", "SET", "port", "70000")).isEqualTo(
        "-ERR CONFIG SET failed (possibly related to argument 'port') - argument must be between 0 and 65535 inclusive\r\n");
    assertThat(h.run("CONFIG", "SET", "dir", "/tmp")).isEqualTo(
        "-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\r\n");
    assertThat(h.run("CONFIG", "SET", "save", "900 x")).isEqualTo(
        "-ERR CONFIG SET failed (possibly related to argument 'save') - Invalid save parameters\r\n");
    assertThat(h.run("CONFIG", "SET", "notify-keyspace-events", "Q")).isEqualTo(
        "-ERR CONFIG SET failed (possibly related to argument 'notify-keyspace-events') - Invalid event class character. Use 'Ag$lshzxeKEtmdn'.\r\n");
  }

  @Test
  void configSet_oneBadValue_changesNothing() {
    assertThat(h.run("CONFIG", "SET", "hz", "20", "maxmemory", "lots"))
        .isEqualTo("-ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value\r\n");
    assertThat(h.run("CONFIG", "GET", "hz")).endsWith("$2\r\n10\r\n");
    assertThat(h.node().settings().hz).isEqualTo(10);
  }

  @Test
  void configSet_specialForms_canonicalValues() {
    assertThat(h.run("CONFIG", "SET", "notify-keyspace-events", "KEA")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "notify-keyspace-events")).endsWith("$3\r\nAKE\r\n");
    assertThat(h.run("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 2mb 3")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "client-output-buffer-limit"))
        .contains("normal 1048576 2097152 3 slave 268435456 67108864 60 pubsub 33554432 8388608 60");
    assertThat(h.run("CONFIG", "SET", "save", "100 2 200 3")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "save")).endsWith("$11\r\n100 2 200 3\r\n");
    h.run("CONFIG", "SET", "save", ""); // save points would write dump.rdb into the working directory on close
    assertThat(h.run("CONFIG", "SET", "slave-priority", "7")).isEqualTo("+OK\r\n");
    assertThat(h.run("CONFIG", "GET", "replica-priority")).endsWith("$1\r\n7\r\n");
  }

  @Test
  void configRewrite_withoutFile_error() {
    assertThat(h.run("CONFIG", "REWRITE")).isEqualTo("-ERR The server is running without a config file\r\n");
  }

  @Test
  void configRewrite_withFile_updatesInPlaceKeepsCommentsAppendsNew() throws Exception {
    Path conf = tmp.resolve("redis.conf");
    Files.writeString(conf, "# my server\nport 0\nhz 10\n# keep me\nmaxmemory 100mb\nmaxmemory 200mb\n");
    ServerNode node = (ServerNode) RedisServer.builder().configFile(conf).dir(tmp).start(); // not "./": close() saves
    try (CommandHarness hc = new CommandHarness(node)) {
      assertThat(hc.run("CONFIG", "SET", "hz", "25", "slowlog-max-len", "7")).isEqualTo("+OK\r\n");
      assertThat(hc.run("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
      String text = Files.readString(conf);
      assertThat(text).startsWith("# my server\nport 0\nhz 25\n# keep me\nmaxmemory 200mb\n\n# Generated by CONFIG REWRITE\n");
      assertThat(text).contains("\nbind 127.0.0.1 -::1\n").contains("\nslowlog-max-len 7\n").contains("\nsave 3600 1\n");
      assertThat(text).doesNotContain("maxmemory 100mb");
      // A second rewrite is stable.
      assertThat(hc.run("CONFIG", "REWRITE")).isEqualTo("+OK\r\n");
      assertThat(Files.readString(conf)).isEqualTo(text);
      assertThat(hc.run("INFO", "server")).contains("config_file:" + conf.toAbsolutePath());
    }
  }

  @Test
  void configHelp_listsSubcommands() {
    assertThat(h.run("CONFIG", "HELP")).startsWith("*11\r\n+CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+GET <pattern>\r\n");
  }

  @Test
  void start_fromEveryServerFixture_servesWithFileValues(@org.junit.jupiter.api.io.TempDir Path data) throws Exception {
    Path dir = io.haredis.core.config.ConfigFixtures.confDir();
    for (String f : new String[] {"master.conf", "replica.conf", "cluster-node.conf"}) {
      // The files say "dir ./" and "appendonly yes": keep their AOF and RDB out of the working directory.
      ServerNode node = (ServerNode) RedisServer.builder().configFile(dir.resolve(f)).port(0).bind("127.0.0.1").requirePass("")
          .dir(java.nio.file.Files.createDirectories(data.resolve(f))).start();
      try (CommandHarness hc = new CommandHarness(node)) {
        assertThat(hc.run("CONFIG", "GET", "masterauth")).as(f).endsWith("$9\r\nM5Pi9YW6u\r\n");
        assertThat(hc.run("INFO", "server")).as(f).contains("config_file:" + dir.resolve(f).toAbsolutePath());
      }
    }
  }

  @Test
  void start_fromSentinelFixture_refusedWithRedisReason() {
    Path dir = io.haredis.core.config.ConfigFixtures.confDir();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisServer.builder().configFile(dir.resolve("sentinel.conf")).port(0).start())
        .hasMessageContaining("sentinel directive while not in sentinel mode");
  }
}
