package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** CONFIG GET / SET against a real redis-server 7.0: names, defaults and error texts. */
class ConfigIT {

  /** Values that differ by how each server was started (RealRedis passes --port, --save, --dir ...). */
  private static final Set<String> STARTUP_DEPENDENT = Set.of("port", "bind", "dir", "save", "appendonly", "loglevel",
      "daemonize", "pidfile", "logfile", "executable");

  private static RealRedis real;
  private static RedisServer ours;
  private static Jedis r;
  private static Jedis o;

  @BeforeAll
  static void start() throws java.io.IOException {
    real = RealRedis.start();
    // a temp dir: CONFIG SET save leaves save points, and close() then saves like SIGTERM
    ours = RedisServer.builder().port(0).dir(java.nio.file.Files.createTempDirectory("config-it")).start();
    r = new Jedis(real.host(), real.port());
    o = new Jedis(ours.address().host(), ours.address().port());
  }

  @AfterAll
  static void stop() {
    if (o != null) {
      o.close();
      r.close();
    }
    if (ours != null) {
      ours.close();
    }
    if (real != null) {
      real.close();
    }
  }

  private static Map<String, String> configGet(Jedis j, String... patterns) {
    byte[][] args = new byte[patterns.length + 1][];
    args[0] = "GET".getBytes();
    for (int i = 0; i < patterns.length; i++) {
      args[i + 1] = patterns[i].getBytes();
    }
    @SuppressWarnings("unchecked")
    List<byte[]> flat = (List<byte[]>) j.sendCommand(() -> "CONFIG".getBytes(), args);
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      m.put(new String(flat.get(i), StandardCharsets.UTF_8), new String(flat.get(i + 1), StandardCharsets.UTF_8));
    }
    return m;
  }

  private static String configSet(Jedis j, String... args) {
    byte[][] a = new byte[args.length + 1][];
    a[0] = "SET".getBytes();
    for (int i = 0; i < args.length; i++) {
      a[i + 1] = args[i].getBytes();
    }
    try {
      return new String((byte[]) j.sendCommand(() -> "CONFIG".getBytes(), a));
    } catch (JedisDataException e) {
      return "-" + e.getMessage();
    }
  }

  @Test
  void configGetAll_oursHasEveryRedisName() {
    Map<String, String> theirs = configGet(r, "*");
    Map<String, String> mine = configGet(o, "*");
    assertThat(mine.keySet()).containsAll(theirs.keySet());
  }

  @Test
  void configGetAll_defaultsMatchRedis() {
    Map<String, String> theirs = configGet(r, "*");
    Map<String, String> mine = configGet(o, "*");
    for (Map.Entry<String, String> e : theirs.entrySet()) {
      if (STARTUP_DEPENDENT.contains(e.getKey())) {
        continue;
      }
      assertThat(mine.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void configGet_patterns_sameNamesAsRedis() {
    for (String[] pats : new String[][] {{"maxmemory*"}, {"*max*", "hz"}, {"h?"}, {"slave-*"}, {"[hp]*"}, {"nosuch"}, {"HZ"}}) {
      assertThat(configGet(o, pats).keySet()).as(String.join(" ", pats))
          .containsExactlyInAnyOrderElementsOf(configGet(r, pats).keySet());
    }
  }

  @Test
  void configSet_errorTexts_matchRedis() {
    String[][] cases = {
        {"foo", "bar"},
        {"databases", "3"},
        {"hz", "5", "hz", "6"},
        {"hz", "5", "foo"},
        {"protected-mode", "maybe"},
        {"loglevel", "xx"},
        {"maxmemory", "lots"},
        {"maxclients", "abc"},
        {"port", "70000"},
        {"dir", "/tmp"},
        {"dbfilename", "x"},
        {"appendfsync", "foo"},
        {"maxmemory-policy", "x"},
        {"save", "900 x"},
        {"notify-keyspace-events", "Q"},
        {"client-output-buffer-limit", "normal 1mb"},
        {"slaveof", "a b"},
        {"active-expire-effort", "11"},
        {"hz", "20", "maxmemory", "lots"},
    };
    for (String[] c : cases) {
      String theirs = configSet(r, c);
      assertThat(theirs).as(String.join(" ", c)).startsWith("-");
      assertThat(configSet(o, c)).as(String.join(" ", c)).isEqualTo(theirs);
    }
  }

  @Test
  void configSet_values_readBackAsRedis() {
    String[][] cases = {
        {"hz", "0"}, {"hz", "700"}, {"hz", "10"},
        {"maxmemory", "100mb"}, {"maxmemory", "0"},
        {"notify-keyspace-events", "KEA"}, {"notify-keyspace-events", "Elg"}, {"notify-keyspace-events", ""},
        {"client-output-buffer-limit", "normal 1mb 2mb 3 pubsub 0 0 0"},
        {"save", "100 2 200 3"},
        {"loglevel", "WARNING"},
        {"oom-score-adj-values", "0 100 200"},
        {"latency-tracking-info-percentiles", "50 99"},
        {"list-max-ziplist-size", "-3"},
        {"maxmemory-clients", "10%"},
    };
    for (String[] c : cases) {
      assertThat(configSet(r, c)).as(String.join(" ", c)).isEqualTo("OK");
      assertThat(configSet(o, c)).as(String.join(" ", c)).isEqualTo("OK");
      assertThat(configGet(o, c[0])).as(String.join(" ", c)).isEqualTo(configGet(r, c[0]));
    }
  }
}
