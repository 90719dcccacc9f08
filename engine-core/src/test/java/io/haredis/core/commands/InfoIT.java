package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** INFO against a real redis-server 7.0: every field Redis prints, ours prints too, in the same format. */
class InfoIT {

  private static RealRedis real;
  private static RedisServer ours;
  private static Jedis r;
  private static Jedis o;

  @BeforeAll
  static void start() {
    real = RealRedis.start();
    ours = RedisServer.builder().port(0).start();
    r = new Jedis(real.host(), real.port());
    o = new Jedis(ours.address().host(), ours.address().port());
    for (Jedis j : List.of(r, o)) {
      j.set("k1", "v");
      j.set("k2", "v");
      j.get("k1");
      j.get("missing");
      try {
        j.sendCommand(() -> "NOSUCHCOMMAND".getBytes());
      } catch (JedisDataException expected) {
        // counted in errorstats
      }
    }
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

  private static Map<String, Map<String, String>> parse(String info) {
    return ServerCommandsTest.parse(info);
  }

  @Test
  void info_everySectionRedisPrintsByDefault_oursHasTheSameHeadersInOrder() {
    List<String> redisSections = List.copyOf(parse(r.info()).keySet());
    assertThat(List.copyOf(parse(o.info()).keySet())).isEqualTo(redisSections);
    for (String s : List.of("all", "everything", "default")) {
      assertThat(List.copyOf(parse(o.info(s)).keySet())).as(s).isEqualTo(List.copyOf(parse(r.info(s)).keySet()));
    }
  }

  @Test
  void info_fieldNames_oursContainRedisFieldsInRedisOrder() {
    for (String section : List.of("server", "clients", "memory", "persistence", "stats", "replication", "cpu", "cluster", "keyspace")) {
      Map<String, String> theirs = parse(r.info(section)).get(section);
      Map<String, String> mine = parse(o.info(section)).get(section);
      assertThat(mine).as(section).isNotNull();
      assertThat(mine.keySet()).as(section).containsAll(theirs.keySet());
      // Same relative order for the shared fields.
      List<String> order = mine.keySet().stream().filter(theirs::containsKey).toList();
      assertThat(order).as(section + " order").containsExactlyElementsOf(theirs.keySet());
    }
  }

  @Test
  void info_values_agreeWhereTheyAreDeterministic() {
    Map<String, Map<String, String>> theirs = parse(r.info("everything"));
    Map<String, Map<String, String>> mine = parse(o.info("everything"));
    assertThat(mine.get("keyspace").get("db0")).isEqualTo("keys=2,expires=0,avg_ttl=0");
    assertThat(theirs.get("keyspace").get("db0")).isEqualTo("keys=2,expires=0,avg_ttl=0");
    for (String f : List.of("redis_version", "redis_mode", "arch_bits", "hz", "configured_hz")) {
      assertThat(mine.get("server").get(f)).as(f).isEqualTo(theirs.get("server").get(f));
    }
    for (String f : List.of("keyspace_hits", "keyspace_misses", "expired_keys", "rejected_connections")) {
      assertThat(mine.get("stats").get(f)).as(f).isEqualTo(theirs.get("stats").get(f));
    }
    for (String f : List.of("role", "connected_slaves", "master_failover_state", "master_replid2", "second_repl_offset")) {
      assertThat(mine.get("replication").get(f)).as(f).isEqualTo(theirs.get("replication").get(f));
    }
    assertThat(mine.get("persistence").get("rdb_changes_since_last_save"))
        .isEqualTo(theirs.get("persistence").get("rdb_changes_since_last_save"));
    assertThat(mine.get("errorstats")).isEqualTo(theirs.get("errorstats"));
    assertThat(mine.get("cluster")).isEqualTo(theirs.get("cluster"));
    String pattern = "calls=\\d+,usec=\\d+,usec_per_call=\\d+\\.\\d\\d,rejected_calls=\\d+,failed_calls=\\d+";
    assertThat(theirs.get("commandstats").get("cmdstat_set")).matches(pattern);
    assertThat(mine.get("commandstats").get("cmdstat_set")).matches(pattern)
        .startsWith(theirs.get("commandstats").get("cmdstat_set").substring(0, 8));
  }

  @Test
  void info_unknownSection_emptyInBoth() {
    assertThat(o.info("nosuchsection")).isEqualTo(r.info("nosuchsection")).isEmpty();
  }

  @Test
  void info_severalSections_sameHeaders() {
    Map<String, Map<String, String>> theirs = parse(r.info("server") + "\r\n" + r.info("keyspace"));
    String raw = new String((byte[]) o.sendCommand(() -> "INFO".getBytes(), "server".getBytes(), "keyspace".getBytes()));
    String rawTheirs = new String((byte[]) r.sendCommand(() -> "INFO".getBytes(), "server".getBytes(), "keyspace".getBytes()));
    assertThat(parse(raw).keySet()).isEqualTo(parse(rawTheirs).keySet()).isEqualTo(theirs.keySet());
    assertThat(new LinkedHashMap<>(parse(raw)).keySet()).containsExactly("server", "keyspace");
  }
}
