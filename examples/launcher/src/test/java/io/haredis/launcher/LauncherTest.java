package io.haredis.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisServer;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line parsing, redis-server style, against a builder that records what it is told. */
class LauncherTest {

  @TempDir
  Path dir;

  private final List<String> calls = new ArrayList<>();

  private RedisServer.Builder recorder() {
    return (RedisServer.Builder) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {RedisServer.Builder.class},
        (proxy, method, args) -> {
          if (method.getName().equals("config")) {
            calls.add(args[0] + " " + String.join(" ", (String[]) args[1]));
          } else if (method.getName().equals("configFile")) {
            calls.add("file " + ((Path) args[0]).getFileName());
          } else {
            calls.add(method.getName() + " " + Arrays.toString(args));
          }
          return proxy;
        });
  }

  @Test
  void parseArgs_directivesWithSeveralValues_groupedUntilNextDirective() {
    Path file = Launcher.parseArgs(new String[] {"--port", "7000", "--bind", "127.0.0.1", "::1", "--save", "", "--requirepass", "pw"}, recorder());
    assertThat(file).isNull();
    assertThat(calls).containsExactly("port 7000", "bind 127.0.0.1 ::1", "save ", "requirepass pw");
  }

  @Test
  void parseArgs_configFileFirst_thenOverrides() throws Exception {
    Path conf = Files.writeString(dir.resolve("redis.conf"), "port 1\n");
    Path file = Launcher.parseArgs(new String[] {conf.toString(), "--port", "2"}, recorder());
    assertThat(file).isEqualTo(conf);
    assertThat(calls).containsExactly("file redis.conf", "port 2");
  }

  @Test
  void parseArgs_noArguments_nothingSet() {
    assertThat(Launcher.parseArgs(new String[0], recorder())).isNull();
    assertThat(calls).isEmpty();
  }

  @Test
  void parseArgs_missingConfigFile_rejected() {
    assertThatThrownBy(() -> Launcher.parseArgs(new String[] {dir.resolve("nope.conf").toString()}, recorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("can't open config file");
  }

  @Test
  void parseArgs_valueBeforeAnyDirective_rejected() throws Exception {
    Path conf = Files.writeString(dir.resolve("redis.conf"), "");
    assertThatThrownBy(() -> Launcher.parseArgs(new String[] {conf.toString(), "stray"}, recorder()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stray");
  }

  @Test
  void logLevelArgument_redisLevels_mappedToSlf4j() {
    assertThat(Launcher.logLevelArgument(new String[] {"--loglevel", "warning"})).isEqualTo("warn");
    assertThat(Launcher.logLevelArgument(new String[] {"--port", "1", "--loglevel", "verbose"})).isEqualTo("debug");
    assertThat(Launcher.logLevelArgument(new String[] {"--loglevel", "notice"})).isEqualTo("info");
    assertThat(Launcher.logLevelArgument(new String[] {"--loglevel", "nothing"})).isEqualTo("off");
    assertThat(Launcher.logLevelArgument(new String[] {"--port", "1"})).isNull();
  }
}
