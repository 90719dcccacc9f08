package io.haredis.bench;

import io.haredis.api.RedisServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes per key for the same data in haredis and in a real redis-server: 1M string keys, 100k
 * hashes of 10 fields, 100k sets of 10 integers (issue 3's memory goal: at most 1.5x Redis).
 *
 * <p>Both servers are loaded over TCP with the same pipelined commands. Ours runs embedded in
 * this JVM and is measured as heap growth after full GCs (so it includes every object the
 * keyspace holds); Redis is measured as the growth of INFO {@code used_memory}. Each dataset is
 * loaded into a fresh database pair and flushed afterwards.
 *
 * <p>Run: {@code benchmarks/memory-vs-redis.sh} (starts redis-server on a free port), or
 * {@code java -Xmx4g -cp benchmarks/target/benchmarks.jar io.haredis.bench.MemoryFootprint <redisPort>}.
 */
public final class MemoryFootprint {

  private interface Commands {
    /** Appends the commands that load item {@code i} of the dataset. */
    void load(int i, List<String[]> out);
  }

  public static void main(String[] args) throws Exception {
    int redisPort = Integer.parseInt(args[0]);
    int scale = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    try (RedisServer ours = RedisServer.builder().port(0).start()) {
      System.out.printf("%-26s %12s %12s %8s%n", "dataset", "haredis B/key", "redis B/key", "ratio");
      run("1M strings (10B values)", 1_000_000 / scale, ours, redisPort,
          (i, out) -> out.add(new String[] {"SET", String.format("key:%09d", i), String.format("val:%06d", i % 1_000_000)}));
      run("100k hashes x 10 fields", 100_000 / scale, ours, redisPort, (i, out) -> {
        String[] cmd = new String[22];
        cmd[0] = "HSET";
        cmd[1] = "hash:" + i;
        for (int f = 0; f < 10; f++) {
          cmd[2 + 2 * f] = "field" + f;
          cmd[3 + 2 * f] = "value" + (i + f) % 1000;
        }
        out.add(cmd);
      });
      run("100k sets x 10 ints", 100_000 / scale, ours, redisPort, (i, out) -> {
        String[] cmd = new String[12];
        cmd[0] = "SADD";
        cmd[1] = "set:" + i;
        for (int m = 0; m < 10; m++) {
          cmd[2 + m] = Integer.toString(i * 10 + m);
        }
        out.add(cmd);
      });
    }
  }

  private static void run(String name, int keys, RedisServer ours, int redisPort, Commands data) throws Exception {
    try (RespConn o = new RespConn(ours.address().host(), ours.address().port());
         RespConn r = new RespConn("127.0.0.1", redisPort)) {
      o.call("FLUSHALL");
      r.call("FLUSHALL");
      long heapBefore = heapAfterGc();
      long redisBefore = usedMemory(r);
      load(o, keys, data);
      load(r, keys, data);
      long heapAfter = heapAfterGc();
      long redisAfter = usedMemory(r);
      double oursPerKey = (double) (heapAfter - heapBefore) / keys;
      double redisPerKey = (double) (redisAfter - redisBefore) / keys;
      String check = o.call("DBSIZE") + "/" + r.call("DBSIZE");
      System.out.printf(Locale.ROOT, "%-26s %12.1f %12.1f %8.2f   (dbsize %s)%n", name, oursPerKey, redisPerKey,
          oursPerKey / redisPerKey, check.replace("\r\n", ""));
      o.call("FLUSHALL");
      r.call("FLUSHALL");
    }
  }

  private static void load(RespConn c, int keys, Commands data) throws IOException {
    List<String[]> batch = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      data.load(i, batch);
      if (batch.size() >= 1000 || i == keys - 1) {
        for (String[] cmd : batch) {
          c.send(cmd);
        }
        c.flush();
        for (int j = 0; j < batch.size(); j++) {
          String reply = c.readLine();
          if (reply.startsWith("-")) {
            throw new IllegalStateException("load failed: " + reply);
          }
        }
        batch.clear();
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long usedMemory(RespConn r) throws IOException {
    String info = r.call("INFO", "memory");
    for (String line : info.split("\r\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()));
      }
    }
    throw new IllegalStateException("no used_memory in INFO");
  }
}
