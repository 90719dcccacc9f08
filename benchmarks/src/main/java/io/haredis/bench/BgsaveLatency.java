package io.haredis.bench;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 4's snapshot benchmark, run against one server (ours or redis-server) at a time: loads
 * N keys, then runs BGSAVE (3 times, {@code -Drounds=N}) while one client keeps writing (SET of existing keys, one round trip
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
      Thread.sleep(Long.getLong("settle", 500)); // -Dsettle: ms between the load and the first save
      long memBefore = Long.parseLong(field(admin.call("INFO", "memory"), "used_memory"));

      int rounds = Integer.getInteger("rounds", 3);
      double[] worstMs = new double[rounds];
      double[] mbps = new double[rounds];
      double mb = 0;
      for (int round = 1; round <= rounds; round++) {
        Round res = saveOnce(admin, writer, dir, keys, memBefore);
        mb = res.fileBytes / 1024.0 / 1024.0;
        worstMs[round - 1] = res.worst / 1e6;
        mbps[round - 1] = mb / (res.saveNanos / 1e9);
        System.out.printf(Locale.ROOT,
            "%-14s keys=%d rdb=%.1fMB | BGSAVE #%d %.0f ms (%.0f MB/s) worst SET %.2f ms p99.9 %.2f ms over %d SETs,"
                + " extra mem %.1f MB%n",
            name, keys, mb, round, res.saveNanos / 1e6, mbps[round - 1], res.worst / 1e6, res.p999 / 1e6, res.sets,
            res.extra / 1024.0 / 1024.0);
      }
      Arrays.sort(worstMs);
      Arrays.sort(mbps);
      long loadStart = System.nanoTime();
      String reload = admin.call("DEBUG", "RELOAD", "NOSAVE");
      long loadNanos = System.nanoTime() - loadStart;
      if (!reload.equals("+OK")) {
        throw new IllegalStateException("DEBUG RELOAD: " + reload);
      }
      System.out.printf(Locale.ROOT,
          "%-14s summary of %d saves: worst SET max %.2f ms median %.2f ms | save MB/s median %.0f min %.0f"
              + " | load %.0f ms (%.0f MB/s)%n",
          name, rounds, worstMs[rounds - 1], worstMs[rounds / 2], mbps[rounds / 2], mbps[0], loadNanos / 1e6,
          mb / (loadNanos / 1e9));
    }
  }

  private record Round(long saveNanos, long worst, long p999, int sets, long extra, long fileBytes) {}

  /** One BGSAVE while the writer connection keeps doing SET round trips; waits for the save to end. */
  private static Round saveOnce(RespConn admin, RespConn writer, String dir, int keys, long memBefore) throws Exception {
    long[] latencies = new long[8_000_000];
    int[] count = {0};
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean saving = new AtomicBoolean();
    long[] worst = {0};
    long[] worstAt = {0};
    Thread w = new Thread(() -> {
      int i = 0;
      try {
        while (!stop.get()) {
          long t0 = System.nanoTime();
          writer.call("SET", String.format("key:%09d", (i * 7919) % keys), "new-value");
          long dt = System.nanoTime() - t0;
          if (saving.get() && count[0] < latencies.length) {
            latencies[count[0]++] = dt;
            if (dt > worst[0]) {
              worst[0] = dt;
              worstAt[0] = System.currentTimeMillis();
            }
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
    if (Boolean.getBoolean("verbose")) { // to line the save up with the server's GC log (-Xlog:gc::time)
      long end = System.currentTimeMillis();
      System.out.printf(Locale.ROOT, "save window %tT.%<tL .. %tT.%<tL, worst SET at %tT.%<tL%n",
          end - saveNanos / 1_000_000, end, worstAt[0]);
    }
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
    return new Round(saveNanos, worst[0], p999, lat.length, extra, fileBytes);
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
