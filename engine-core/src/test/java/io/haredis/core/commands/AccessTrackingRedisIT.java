package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys' LFU counters and idle times next to a real redis-server 7.0: the same commands give the
 * same OBJECT FREQ (with {@code lfu-log-factor 0} every access counts, so both are
 * deterministic; a maxmemory limit keeps Redis from sharing small integers), and an RDB written by either server under an LFU or LRU policy gives the other
 * the same counters and idle times.
 */
class AccessTrackingRedisIT {

  private static RealRedis redis;
  private static Path ourDir;
  private static CommandHarness ours;
  private static RawRespClient theirs;

  @BeforeAll
  static void start() throws Exception {
    redis = RealRedis.start("--enable-debug-command", "yes");
    theirs = new RawRespClient(redis.host(), redis.port());
    ourDir = Files.createTempDirectory("access-it");
    ours = CommandHarness.with("dir", ourDir.toString());
    // With maxmemory 0 Redis shares the objects of the integers 0..9999 between keys, and with
    // them their access fields; with a limit and an LRU/LFU policy (where counters matter) every
    // key has its own, as here.
    both("CONFIG", "SET", "maxmemory", "1gb");
  }

  @AfterAll
  static void stop() {
    if (theirs != null) {
      theirs.close();
    }
    if (ours != null) {
      ours.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  private static void both(String... cmd) {
    String a = ours.run((Object[]) cmd);
    String b = theirs.call(cmd);
    assertThat(a).as(String.join(" ", cmd)).isEqualTo(b);
  }

  @Test
  void theSameCommandsGiveTheSameLfuCounters() {
    both("FLUSHALL");
    both("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
    both("CONFIG", "SET", "lfu-log-factor", "0");
    List<String[]> script = List.of(
        new String[] {"SET", "k", "v"},
        new String[] {"GET", "k"},
        new String[] {"GET", "k"},
        new String[] {"SET", "k", "v2"},
        new String[] {"APPEND", "k", "x"},
        new String[] {"STRLEN", "k"},
        new String[] {"EXISTS", "k"},
        new String[] {"TYPE", "k"},
        new String[] {"INCR", "n"},
        new String[] {"INCR", "n"},
        new String[] {"RPUSH", "l", "a", "b"},
        new String[] {"LRANGE", "l", "0", "-1"},
        new String[] {"HSET", "h", "f", "v"},
        new String[] {"HGET", "h", "f"},
        new String[] {"TOUCH", "k", "l"},
        new String[] {"GETEX", "k", "EX", "100"},
        new String[] {"RENAME", "k", "k2"},
        new String[] {"COPY", "k2", "k3"});
    for (String[] cmd : script) {
      both(cmd);
      for (String key : List.of("k", "k2", "k3", "n", "l", "h")) {
        both("OBJECT", "FREQ", key);
      }
    }
    for (int i = 0; i < 4; i++) {
      both("GET", "k3");
    }
    both("MOVE", "k3", "1");
    both("SELECT", "1");
    both("OBJECT", "FREQ", "k3");
    both("SELECT", "0");
    both("CONFIG", "SET", "maxmemory-policy", "noeviction");
    both("CONFIG", "SET", "lfu-log-factor", "10");
  }

  @Test
  void rdbFilesCarryLfuCountersBothWays() throws Exception {
    for (boolean fromUs : new boolean[] {true, false}) {
      both("FLUSHALL");
      both("CONFIG", "SET", "maxmemory-policy", "allkeys-lfu");
      both("CONFIG", "SET", "lfu-log-factor", "0");
      both("SET", "hot", "v");
      for (int i = 0; i < 30; i++) {
        both("GET", "hot");
      }
      both("SET", "cold", "v");
      both("OBJECT", "FREQ", "hot");
      moveRdb(fromUs);
      both("OBJECT", "FREQ", "hot");
      both("OBJECT", "FREQ", "cold");
      both("CONFIG", "SET", "maxmemory-policy", "noeviction");
      both("CONFIG", "SET", "lfu-log-factor", "10");
    }
  }

  @Test
  void rdbFilesCarryIdleTimesBothWays() throws Exception {
    for (boolean fromUs : new boolean[] {true, false}) {
      both("FLUSHALL");
      both("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
      both("SET", "src", "v");
      String payload = theirs.call("DUMP", "src");
      int start = payload.indexOf("\r\n") + 2;
      byte[] p = payload.substring(start, payload.length() - 2).getBytes(StandardCharsets.ISO_8859_1);
      assertThat(ours.run("RESTORE", "idle", "0", p, "IDLETIME", "5000")).isEqualTo("+OK\r\n");
      assertThat(theirs.call("RESTORE".getBytes(), "idle".getBytes(), "0".getBytes(), p, "IDLETIME".getBytes(),
          "5000".getBytes())).isEqualTo("+OK\r\n");
      moveRdb(fromUs);
      for (String idle : List.of(ours.run("OBJECT", "IDLETIME", "idle"), theirs.call("OBJECT", "IDLETIME", "idle"))) {
        assertThat(Long.parseLong(idle.substring(1).trim())).isBetween(5000L, 5005L);
      }
      both("CONFIG", "SET", "maxmemory-policy", "noeviction");
    }
  }

  /** SAVE on one server, load that file on the other (DEBUG RELOAD NOSAVE reads its dbfilename). */
  private static void moveRdb(boolean fromUs) throws Exception {
    Path ourFile = ourDir.resolve("dump.rdb");
    Path theirFile = redis.dir().resolve("dump.rdb");
    if (fromUs) {
      assertThat(ours.run("SAVE")).isEqualTo("+OK\r\n");
      Files.copy(ourFile, theirFile, StandardCopyOption.REPLACE_EXISTING);
      assertThat(theirs.call("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
      assertThat(ours.run("DEBUG", "RELOAD")).isEqualTo("+OK\r\n"); // ours reloads its own file too
    } else {
      assertThat(theirs.call("SAVE")).isEqualTo("+OK\r\n");
      Files.copy(theirFile, ourFile, StandardCopyOption.REPLACE_EXISTING);
      assertThat(ours.run("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
      assertThat(theirs.call("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
    }
  }
}
