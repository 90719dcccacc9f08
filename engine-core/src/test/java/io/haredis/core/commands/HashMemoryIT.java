package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Bytes per key of 100k hashes of 10 fields (listpack-encoded in both), ours (heap growth after
 * GC, in this JVM) against redis-server's {@code used_memory} growth. Opt-in, it is a
 * measurement: {@code -Dhash.memory=true}. Two value kinds: short words and small integers
 * (Redis packs integers into 1-4 bytes in a listpack; we keep their text).
 */
@EnabledIfSystemProperty(named = "hash.memory", matches = "true")
class HashMemoryIT {

  private static final int KEYS = Integer.getInteger("hash.memory.keys", 100_000);
  private static final int FIELDS = 10;

  @Test
  void hundredThousandSmallHashes_bytesPerKey() throws Exception {
    for (boolean integers : new boolean[] {false, true}) {
      double ours = measureOurs(integers);
      double redis = measureRedis(integers);
      System.out.printf("hash memory (%s values): %d hashes x %d fields: ours %.1f B/key, redis %.1f B/key, ratio %.2f%n",
          integers ? "integer" : "word", KEYS, FIELDS, ours, redis, ours / redis);
      assertThat(ours).isPositive();
    }
  }

  private static byte[][] command(int k, boolean integers, Random r) {
    byte[][] args = new byte[2 + 2 * FIELDS][];
    args[0] = "HSET".getBytes();
    args[1] = ("hash:" + k).getBytes();
    for (int j = 0; j < FIELDS; j++) {
      args[2 + 2 * j] = ("field" + j).getBytes();
      args[3 + 2 * j] = (integers ? String.valueOf(r.nextInt(100_000)) : "value" + r.nextInt(1000)).getBytes();
    }
    return args;
  }

  private static long heapAfterGc() throws InterruptedException {
    MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100); // a measurement harness, not node code: let the collector settle
      best = Math.min(best, mx.getHeapMemoryUsage().getUsed());
    }
    return best;
  }

  private static double measureOurs(boolean integers) throws Exception {
    try (RedisServer ours = RedisServer.builder().port(0).start();
        RawRespClient c = new RawRespClient(ours.address().host(), ours.address().port())) {
      c.call("SET", "warmup", "1");
      c.call("DEL", "warmup");
      long before = heapAfterGc();
      load(c, integers);
      long after = heapAfterGc();
      assertThat(c.call("OBJECT", "ENCODING", "hash:1")).contains("listpack");
      assertThat(c.call("DBSIZE")).isEqualTo(":" + KEYS + "\r\n");
      return (after - before) / (double) KEYS;
    }
  }

  private static double measureRedis(boolean integers) {
    try (RealRedis redis = RealRedis.start();
        RawRespClient c = new RawRespClient(redis.host(), redis.port())) {
      long before = usedMemory(c);
      load(c, integers);
      long after = usedMemory(c);
      assertThat(c.call("DBSIZE")).isEqualTo(":" + KEYS + "\r\n");
      return (after - before) / (double) KEYS;
    }
  }

  private static void load(RawRespClient c, boolean integers) {
    Random r = new Random(42);
    for (int k = 0; k < KEYS; k += 1000) {
      int n = Math.min(1000, KEYS - k);
      for (int i = 0; i < n; i++) {
        c.send(command(k + i, integers, r));
      }
      for (int i = 0; i < n; i++) {
        c.readReply();
      }
    }
  }

  private static long usedMemory(RawRespClient c) {
    Matcher m = Pattern.compile("used_memory:(\\d+)").matcher(c.call("INFO", "memory"));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }
}
