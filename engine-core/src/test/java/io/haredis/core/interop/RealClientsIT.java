package io.haredis.core.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The real tools and clients against our node over TCP: redis-cli, redis-benchmark, Jedis. */
class RealClientsIT {

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void jedisScan_10kKeys_eachKeyExactlyOnce() {
    try (Jedis jedis = new Jedis(server.address().host(), server.address().port())) {
      jedis.select(5);
      for (int i = 0; i < 10_000; i++) {
        jedis.set("scan:" + i, Integer.toString(i));
      }
      Map<String, Integer> seen = new HashMap<>();
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, new ScanParams().count(100));
        for (String k : page.getResult()) {
          seen.merge(k, 1, Integer::sum);
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
      assertThat(seen).hasSize(10_000);
      assertThat(seen.values()).allMatch(n -> n == 1);
      jedis.flushDB();
    }
  }

  @Test
  void jedisPipeline_10kCommands_allRepliesInOrder() {
    try (Jedis jedis = new Jedis(server.address().host(), server.address().port())) {
      var p = jedis.pipelined();
      List<redis.clients.jedis.Response<String>> gets = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        p.set("p:" + i, "v" + i);
        gets.add(p.get("p:" + i));
      }
      p.sync();
      for (int i = 0; i < 5_000; i++) {
        assertThat(gets.get(i).get()).isEqualTo("v" + i);
      }
    }
  }

  @Test
  void jedisWatch_conflictFromAnotherConnection_execReturnsNull() {
    try (Jedis a = new Jedis(server.address().host(), server.address().port());
         Jedis b = new Jedis(server.address().host(), server.address().port())) {
      a.set("w", "1");
      a.watch("w");
      b.set("w", "2");
      var tx = a.multi();
      tx.set("w", "3");
      assertThat(tx.exec()).isNull();
      assertThat(a.get("w")).isEqualTo("2");
      a.watch("w");
      var ok = a.multi();
      ok.incr("w");
      assertThat(ok.exec()).containsExactly(3L);
    }
  }

  @Test
  void redisCli_setGetAndScan() throws Exception {
    String port = Integer.toString(server.address().port());
    assertThat(run("redis-cli", "-p", port, "set", "cli:key", "hello world")).isEqualTo("OK");
    assertThat(run("redis-cli", "-p", port, "get", "cli:key")).isEqualTo("hello world");
    assertThat(run("redis-cli", "-p", port, "incr", "cli:n")).isEqualTo("1");
    assertThat(run("redis-cli", "-p", port, "--scan", "--pattern", "cli:*").lines().sorted().toList())
        .containsExactly("cli:key", "cli:n");
    assertThat(run("redis-cli", "-p", port, "-3", "hello")).contains("proto").contains("3");
  }

  @Test
  void redisBenchmark_completesAndDataIsThere() throws Exception {
    String port = Integer.toString(server.address().port());
    String out = run("redis-benchmark", "-p", port, "-t", "set,get,incr,mset", "-n", "20000", "-c", "20", "-P", "16", "-q");
    assertThat(out).contains("SET:").contains("GET:").contains("INCR:").contains("MSET");
    assertThat(run("redis-cli", "-p", port, "get", "counter:__rand_int__")).isEqualTo("20000");
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Path log = Files.createTempFile("tool", ".out");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", cmd[0]).isTrue();
    String out = Files.readString(log, StandardCharsets.UTF_8).trim();
    assertThat(p.exitValue()).as("%s exit code, output: %s", cmd[0], out).isZero();
    return out;
  }
}
