package io.haredis.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 4's snapshot benchmark, run against one server (ours or redis-server) at a time: loads
 * N keys, then runs BGSAVE while one client keeps writing (SET of existing keys, one round trip
 * at a time), and prints the worst and p99.9 command latency during the save, the save's
 * duration and throughput (RDB MB/s), the server's extra memory during the save, and the load
 * throughput of DEBUG RELOAD NOSAVE (flush + load of the same file).
 *
 * <p>Extra memory: for redis-server, the fork's copy-on-write ({@code rdb_last_cow_size}); for
 * haredis, the peak of INFO {@code used_memory} sampled during the save minus its value before.
 *
 * <p>Run: {@code benchmarks/bgsave-vs-redis.sh} (both servers, same data), or
 * {@code java -cp benchmarks/target/benchmarks.jar io.haredis.bench.BgsaveLatency <port> <dir> [keys] [name]}.
 */
public final class BgsaveLatency {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String dir = args[1];
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    try (RespConn admin = new RespConn("127.0.0.1", port); RespConn writer = new RespConn("127.0.0.1", port)) {
      String name = args.length > 3 ? args[3] : "server";
      admin.call("FLUSHALL");
      load(admin, keys);
      Thread.sleep(500);
      long memBefore = Long.parseLong(field(admin.call("INFO", "memory"), "used_memory"));

      long[] latencies = new long[8_000_000];
      int[] count = {0};
      AtomicBoolean stop = new AtomicBoolean();
      AtomicBoolean saving = new AtomicBoolean();
      long[] worst = {0};
      Thread w = new Thread(() -> {
        int i = 0;
        try {
          while (!stop.get()) {
            long t0 = System.nanoTime();
            writer.call("SET", String.format("key:%09d", (i * 7919) % keys), "new-value");
            long dt = System.nanoTime() - t0;
            if (saving.get() && count[0] < latencies.length) {
              latencies[count[0]++] = dt;
              worst[0] = Math.max(worst[0], dt);
            }
            i++;
          }
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      w.start();
      Thread.sleep(300);
      saving.set(true);
      long start = System.nanoTime();
      String reply = admin.call("BGSAVE");
      if (!reply.startsWith("+Background saving started")) {
        throw new IllegalStateException("BGSAVE: " + reply);
      }
      long peak = memBefore;
      while (true) {
        String p = admin.call("INFO", "persistence");
        peak = Math.max(peak, Long.parseLong(field(admin.call("INFO", "memory"), "used_memory")));
        if (field(p, "rdb_bgsave_in_progress").equals("0")) {
          if (!field(p, "rdb_last_bgsave_status").equals("ok")) {
            throw new IllegalStateException("BGSAVE failed");
          }
          break;
        }
        Thread.sleep(5);
      }
      long saveNanos = System.nanoTime() - start;
      saving.set(false);
      stop.set(true);
      w.join();
      String persistence = admin.call("INFO", "persistence");
      long cow = Long.parseLong(field(persistence, "rdb_last_cow_size"));
      long extra = cow > 0 ? cow : Math.max(0, peak - memBefore);
      long fileBytes = java.nio.file.Files.size(java.nio.file.Path.of(dir, "dump.rdb"));
      long[] lat = Arrays.copyOf(latencies, count[0]);
      Arrays.sort(lat);
      long p999 = lat.length == 0 ? 0 : lat[(int) Math.min(lat.length - 1, Math.floor(lat.length * 0.999))];

      long loadStart = System.nanoTime();
      String reload = admin.call("DEBUG", "RELOAD", "NOSAVE");
      long loadNanos = System.nanoTime() - loadStart;
      if (!reload.equals("+OK")) {
        throw new IllegalStateException("DEBUG RELOAD: " + reload);
      }
      double mb = fileBytes / 1024.0 / 1024.0;
      System.out.printf(Locale.ROOT,
          "%-14s keys=%d rdb=%.1fMB | BGSAVE %.0f ms (%.0f MB/s) worst SET %.2f ms p99.9 %.2f ms over %d SETs,"
              + " extra mem %.1f MB | load %.0f ms (%.0f MB/s)%n",
          name, keys, mb, saveNanos / 1e6, mb / (saveNanos / 1e9), worst[0] / 1e6, p999 / 1e6, lat.length,
          extra / 1024.0 / 1024.0, loadNanos / 1e6, mb / (loadNanos / 1e9));
    }
  }

  private static void load(RespConn c, int keys) throws IOException {
    for (int i = 0; i < keys; i += 1000) {
      int n = Math.min(1000, keys - i);
      for (int j = i; j < i + n; j++) {
        c.send("SET", String.format("key:%09d", j), String.format("value:%06d:%s", j % 1_000_000, "x".repeat(j % 40)));
      }
      c.flush();
      for (int j = 0; j < n; j++) {
        String r = c.readLine();
        if (r.startsWith("-")) {
          throw new IllegalStateException(r);
        }
      }
    }
  }

  private static String field(String info, String name) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }
}
