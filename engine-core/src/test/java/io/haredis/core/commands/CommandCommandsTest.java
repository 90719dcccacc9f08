package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void count_topLevelCommands() {
    assertThat(h.run("COMMAND", "COUNT")).isEqualTo(":" + CoreCommands.table().commands().size() + "\r\n");
  }

  @Test
  void info_get_redisLayout() {
    assertThat(h.run("COMMAND", "INFO", "get")).isEqualTo("*1\r\n*10\r\n$3\r\nget\r\n:2\r\n"
        + "*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n"
        + "*1\r\n*6\r\n$5\r\nflags\r\n*2\r\n+RO\r\n+access\r\n"
        + "$12\r\nbegin_search\r\n*4\r\n$4\r\ntype\r\n$5\r\nindex\r\n$4\r\nspec\r\n*2\r\n$5\r\nindex\r\n:1\r\n"
        + "$9\r\nfind_keys\r\n*4\r\n$4\r\ntype\r\n$5\r\nrange\r\n$4\r\nspec\r\n*6\r\n"
        + "$7\r\nlastkey\r\n:0\r\n$7\r\nkeystep\r\n:1\r\n$5\r\nlimit\r\n:0\r\n"
        + "*0\r\n");
  }

  @Test
  void info_unknownAndSubcommand_nullAndFullName() {
    assertThat(h.run("COMMAND", "INFO", "nosuch")).isEqualTo("*1\r\n$-1\r\n");
    assertThat(h.run("COMMAND", "INFO", "COMMAND|Count")).startsWith("*1\r\n*10\r\n$13\r\ncommand|count\r\n:2\r\n");
    assertThat(h.run("COMMAND", "INFO", "get|x")).isEqualTo("*1\r\n$-1\r\n");
  }

  @Test
  void command_noArgs_everyCommand() {
    assertThat(h.run("COMMAND")).startsWith("*" + CoreCommands.table().commands().size() + "\r\n*10\r\n");
  }

  @Test
  void docs_onlyTableFields() {
    assertThat(h.run("COMMAND", "DOCS", "get", "nosuch")).isEqualTo(
        "*2\r\n$3\r\nget\r\n*4\r\n$5\r\nsince\r\n$5\r\n1.0.0\r\n$5\r\ngroup\r\n$6\r\nstring\r\n");
    assertThat(h.run("COMMAND", "DOCS", "command")).contains("$11\r\nsubcommands\r\n*14\r\n$13\r\ncommand|count\r\n");
  }

  @Test
  void list_filters() {
    assertThat(h.run("COMMAND", "LIST", "FILTERBY", "PATTERN", "command|c*")).isEqualTo("*1\r\n$13\r\ncommand|count\r\n");
    assertThat(h.run("COMMAND", "LIST", "FILTERBY", "ACLCAT", "string"))
        .contains("$3\r\nget\r\n", "$3\r\nset\r\n").doesNotContain("$4\r\nping\r\n");
    assertThat(h.run("COMMAND", "LIST", "FILTERBY", "MODULE", "x")).isEqualTo("*0\r\n");
    assertThat(h.run("COMMAND", "LIST", "FILTERBY", "X", "y")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("COMMAND", "LIST")).contains("$12\r\ncommand|info\r\n");
  }

  @Test
  void getkeys_errorsWithRedisTexts() {
    assertThat(h.run("COMMAND", "GETKEYS", "nosuch", "k")).isEqualTo("-ERR Invalid command specified\r\n");
    assertThat(h.run("COMMAND", "GETKEYS", "ping", "k")).isEqualTo("-ERR The command has no key arguments\r\n");
    assertThat(h.run("COMMAND", "GETKEYS", "get", "k", "x"))
        .isEqualTo("-ERR Invalid number of arguments specified for command\r\n");
    assertThat(h.run("COMMAND", "GETKEYS", "get", "k")).isEqualTo("*1\r\n$1\r\nk\r\n");
    assertThat(h.run("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v"))
        .isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n*2\r\n+OW\r\n+update\r\n");
    assertThat(h.run("COMMAND", "GETKEYSANDFLAGS", "set", "k", "v", "get"))
        .isEqualTo("*1\r\n*2\r\n$1\r\nk\r\n*3\r\n+RW\r\n+access\r\n+update\r\n");
  }

  @Test
  void help_framedLikeRedis() {
    assertThat(h.run("COMMAND", "HELP")).startsWith("*18\r\n+COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n")
        .endsWith("+HELP\r\n+    Prints this help.\r\n");
    assertThat(h.run("COMMAND", "nosuch")).isEqualTo("-ERR unknown subcommand 'nosuch'. Try COMMAND HELP.\r\n");
  }

  // ---- key extraction on synthetic specs (keyword, keynum, limits) -----------------------

  private static CommandSpec spec(String name, int arity, String flags, String... keySpecs) {
    CommandTable.Builder b = CommandTable.builder();
    b.add(name, arity, c -> {}).flags(flags).keys(0, 0, 0, keySpecs);
    return b.build().commands().get(0);
  }

  private static List<String> keys(CommandSpec s, String... argv) {
    List<byte[]> a = new ArrayList<>();
    for (String x : argv) {
      a.add(x.getBytes(StandardCharsets.UTF_8));
    }
    List<String> out = new ArrayList<>();
    for (CommandKeys.KeyRef k : CommandKeys.find(s, a)) {
      out.add(argv[k.pos()] + ":" + String.join(",", k.flagNames()));
    }
    return out;
  }

  @Test
  void find_keynumSpecs_likeZunionstore() {
    CommandSpec z = spec("zunionstore", -4, "write", "OW update|index:1|range:0,1,0", "RO access|index:2|keynum:0,1,1");
    assertThat(keys(z, "zunionstore", "d", "2", "a", "b")).containsExactly("d:OW,update", "a:RO,access", "b:RO,access");
    assertThat(keys(z, "zunionstore", "d", "x", "a", "b")).isEmpty();
    assertThat(keys(z, "zunionstore", "d", "-1", "a")).isEmpty();
  }

  @Test
  void find_keywordWithLimit_likeXread() {
    CommandSpec x = spec("xread", -4, "readonly", "RO access|keyword:STREAMS,1|range:-1,1,2");
    assertThat(keys(x, "xread", "count", "2", "streams", "s1", "s2", "0", "0")).containsExactly("s1:RO,access", "s2:RO,access");
    assertThat(keys(x, "xread", "streams", "s1", "0")).containsExactly("s1:RO,access");
    assertThat(keys(x, "xread", "count", "2")).isEmpty();
  }

  @Test
  void find_rangeToEndWithStep_likeMset() {
    CommandSpec m = spec("mset", -3, "write", "OW update|index:1|range:-1,2,0");
    assertThat(keys(m, "mset", "a", "1", "b", "2")).containsExactly("a:OW,update", "b:OW,update");
  }

  @Test
  void find_notKeyAndIncomplete_skippedOrInvalid() {
    CommandSpec n = spec("x", -2, "readonly", "not_key|index:1|range:0,1,0", "RO|index:2|range:0,1,0");
    assertThat(keys(n, "x", "a", "b")).containsExactly("b:RO");
    CommandSpec inc = spec("y", -2, "readonly", "RO incomplete|index:1|range:0,1,0");
    assertThat(keys(inc, "y", "a")).isEmpty();
  }

  // Expected keys below were taken from redis-server 7.0's COMMAND GETKEYSANDFLAGS.

  @Test
  void find_sort_storeFromOwnFinder() {
    CommandSpec sort = spec("sort", -2, "write movablekeys", "RO access|index:1|range:0,1,0",
        "RO access|unknown|unknown", "OW update|unknown|unknown");
    assertThat(keys(sort, "sort", "k")).containsExactly("k:RO,access");
    assertThat(keys(sort, "sort", "k", "by", "x", "get", "y", "store", "d", "limit", "0", "1"))
        .containsExactly("k:RO,access", "d:OW,update");
    assertThat(keys(sort, "sort", "k", "store", "d1", "store", "d2")).containsExactly("k:RO,access", "d2:OW,update");
    CommandSpec sortRo = spec("sort_ro", -2, "readonly movablekeys", "RO access|index:1|range:0,1,0",
        "RO access|unknown|unknown");
    assertThat(keys(sortRo, "sort_ro", "k", "by", "x")).containsExactly("k:RO,access");
  }

  @Test
  void find_migrate_incompleteSpecFallsBackToFinder() {
    CommandSpec m = spec("migrate", -6, "write movablekeys", "RW access delete|index:3|range:0,1,0",
        "RW access delete incomplete|keyword:KEYS,-2|range:-1,1,0");
    assertThat(keys(m, "migrate", "h", "6379", "k", "0", "100")).containsExactly("k:RW,access,delete");
    assertThat(keys(m, "migrate", "h", "6379", "", "0", "100", "copy", "auth", "pw", "keys", "a", "b"))
        .containsExactly("a:RW,access,delete", "b:RW,access,delete");
    assertThat(keys(m, "migrate", "h", "6379", "k", "0", "100", "keys", "a", "b")).isEmpty();
  }

  @Test
  void find_bitfield_variableFlags() {
    CommandSpec b = spec("bitfield", -2, "write denyoom", "RW access update variable_flags|index:1|range:0,1,0");
    assertThat(keys(b, "bitfield", "k", "get", "u8", "0")).containsExactly("k:RO,access");
    assertThat(keys(b, "bitfield", "k", "get", "u8", "0", "set", "u8", "0", "1")).containsExactly("k:RW,access,update");
    assertThat(keys(b, "bitfield", "k", "overflow", "sat", "get", "u8", "0")).containsExactly("k:RO,access");
    assertThat(keys(b, "bitfield", "k", "bogus")).containsExactly("k:RW,access,update");
  }

  @Test
  void keySpecView_roundTripsAndOrdersFlags() {
    assertThat(KeySpecView.parse("update RW access|keyword:streams,-2|keynum:0,1,1").toString())
        .isEqualTo("RW access update|keyword:STREAMS,-2|keynum:0,1,1");
    assertThat(KeySpecView.parse("RO|unknown|unknown").toString()).isEqualTo("RO|unknown|unknown");
    assertThatThrownBy(() -> KeySpecView.parse("RO|index:1")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> KeySpecView.parse("XX|index:1|range:0,1,0")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void glob_redisStringmatchRules() {
    assertThat(CommandCommands.Glob.matches("g?t", "GET", true)).isTrue();
    assertThat(CommandCommands.Glob.matches("g?t", "GET", false)).isFalse();
    assertThat(CommandCommands.Glob.matches("*|[a-c]*", "config|count", true)).isTrue();
    assertThat(CommandCommands.Glob.matches("[^a-c]*", "config", true)).isFalse();
    assertThat(CommandCommands.Glob.matches("a\\*b", "a*b", true)).isTrue();
    assertThat(CommandCommands.Glob.matches("a\\*b", "axb", true)).isFalse();
    assertThat(CommandCommands.Glob.matches("**", "", true)).isTrue();
  }
}
