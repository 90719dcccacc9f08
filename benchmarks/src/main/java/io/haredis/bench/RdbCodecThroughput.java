package io.haredis.bench;

import io.haredis.api.time.Clock;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.persist.Crc64;
import io.haredis.core.persist.RdbLoad;
import io.haredis.core.persist.RdbOutput;
import io.haredis.core.persist.RdbWriter;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ZSetValue;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDB codec throughput, ours next to redis-server's on the same files: for each dataset (1M
 * 100-byte strings; 1M hashes, lists, sorted sets and intsets of 10-20 small elements) it
 * builds a keyspace, writes it with {@link RdbWriter} (rdbcompression on, CRC64) to a file and
 * loads it back with {@link RdbLoad}, best of three, in MB/s of RDB. With a redis-server binary
 * it then starts Redis on the same file and reports Redis's own load time (its "DB loaded from
 * disk" log line) and the duration of a SAVE of the same data.
 *
 * <p>Run: {@code java -Xmx6g -cp benchmarks/target/benchmarks.jar io.haredis.bench.RdbCodecThroughput
 * [/usr/bin/redis-server [keys]]}. Redis's SAVE includes its fsync and rename; our write does
 * not fsync, so compare loads first.
 */
public final class RdbCodecThroughput {

  private static final Pattern LOADED = Pattern.compile("DB loaded from disk: ([0-9.]+) seconds");

  public static void main(String[] args) throws Exception {
    String redis = args.length > 0 ? args[0] : null;
    int keys = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    Path dir = Files.createTempDirectory("rdb-throughput");
    System.out.printf("%-8s %10s %12s %12s %14s %14s%n", "dataset", "MB", "save MB/s", "load MB/s",
        "redis SAVE MB/s", "redis load MB/s");
    for (String kind : List.of("strings", "hashes", "lists", "zsets", "sets")) {
      Keyspace ks = build(kind, keys);
      Path file = dir.resolve(kind + ".rdb");
      double save = Double.MAX_VALUE;
      double load = Double.MAX_VALUE;
      long bytes = 0;
      for (int round = 0; round < 3; round++) {
        long t0 = System.nanoTime();
        bytes = write(ks, file);
        long t1 = System.nanoTime();
        Keyspace loaded = new Keyspace(16, Clock.system(), new Random(1));
        try (InputStream in = Files.newInputStream(file)) {
          RdbLoad.loadInto(loaded, in, false);
        }
        long t2 = System.nanoTime();
        save = Math.min(save, (t1 - t0) / 1e9);
        load = Math.min(load, (t2 - t1) / 1e9);
      }
      double mb = bytes / 1e6;
      String theirs = redis == null ? "" : redisRates(redis, dir, file, mb);
      System.out.printf(Locale.ROOT, "%-8s %10.1f %12.0f %12.0f %s%n", kind, mb, mb / save, mb / load, theirs);
    }
  }

  private static Keyspace build(String kind, int keys) {
    Keyspace ks = new Keyspace(16, Clock.system(), new Random(1));
    Random r = new Random(42);
    for (int i = 0; i < keys; i++) {
      byte[] key = ("key:" + i).getBytes(StandardCharsets.US_ASCII);
      switch (kind) {
        case "strings" -> {
          byte[] v = new byte[100];
          for (int j = 0; j < v.length; j++) {
            v[j] = (byte) ('a' + r.nextInt(r.nextInt(26) + 1));
          }
          ks.db(0).add(key, StringValue.of(v));
        }
        case "hashes" -> {
          HashValue h = new HashValue();
          for (int j = 0; j < 10; j++) {
            h.set(("f" + j).getBytes(), ("value" + r.nextInt(100000)).getBytes(), 512, 64);
          }
          ks.db(0).add(key, h);
        }
        case "lists" -> {
          ListValue l = new ListValue();
          for (int j = 0; j < 20; j++) {
            l.pushTail(("elem" + r.nextInt(100000)).getBytes());
          }
          ks.db(0).add(key, l);
        }
        case "zsets" -> {
          ZSetValue z = ZSetValue.compact(r);
          for (int j = 0; j < 10; j++) {
            z.insertNew(("member" + j).getBytes(), r.nextInt(1000) / 10.0, 128, 64);
          }
          ks.db(0).add(key, z);
        }
        default -> {
          SetValue s = SetValue.newIntset();
          for (int j = 0; j < 20; j++) {
            s.addLong(r.nextInt(100000), 512);
          }
          ks.db(0).add(key, s);
        }
      }
    }
    return ks;
  }

  /** A whole-keyspace RDB file as redis-server lays it out; returns its size. */
  private static long write(Keyspace ks, Path file) throws IOException {
    long[] total = {0};
    long[] crc = {0};
    try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      RdbOutput out = new RdbOutput(1 << 16);
      RdbWriter w = new RdbWriter(out, true);
      w.header();
      w.aux("redis-ver", "7.0.15");
      w.aux("redis-bits", 64);
      for (int db = 0; db < ks.databases(); db++) {
        if (ks.db(db).size() == 0) {
          continue;
        }
        w.selectDb(db);
        w.resizeDb(ks.db(db).size(), ks.db(db).expiresCount());
        ks.db(db).dict().forEach(e -> {
          w.keyValue(e.key(), e.value(), e.expireAt());
          if (out.length() >= 1 << 16) {
            drain(out, os, crc, total);
          }
        });
      }
      w.eof();
      drain(out, os, crc, total);
      for (int i = 0; i < 8; i++) {
        out.write((int) (crc[0] >>> (8 * i)) & 0xff);
      }
      os.write(out.array(), 0, 8);
      total[0] += 8;
    }
    return total[0];
  }

  private static void drain(RdbOutput out, OutputStream os, long[] crc, long[] total) {
    crc[0] = Crc64.update(crc[0], out.array(), 0, out.length());
    try {
      os.write(out.array(), 0, out.length());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    total[0] += out.length();
    out.clear();
  }

  /** Starts redis-server on {@code file}, reads its load time, times a SAVE; "save load" MB/s. */
  private static String redisRates(String binary, Path dir, Path file, double mb) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = dir.resolve("redis-" + port + ".log");
    Process p = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", file.getFileName().toString(),
        "--logfile", log.toString()).start();
    try {
      double loadSeconds = -1;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (loadSeconds < 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
        if (Files.exists(log)) {
          Matcher m = LOADED.matcher(Files.readString(log));
          if (m.find()) {
            loadSeconds = Double.parseDouble(m.group(1));
          }
        }
      }
      double saveSeconds;
      try (Socket s = new Socket("127.0.0.1", port)) {
        long t0 = System.nanoTime();
        s.getOutputStream().write("*1\r\n$4\r\nSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getInputStream().read(new byte[16]);
        saveSeconds = (System.nanoTime() - t0) / 1e9;
        s.getOutputStream().write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      return String.format(Locale.ROOT, "%14.0f %14.0f", mb / saveSeconds, loadSeconds > 0 ? mb / loadSeconds : 0);
    } finally {
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }
}
