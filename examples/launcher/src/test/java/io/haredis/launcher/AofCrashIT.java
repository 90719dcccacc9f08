package io.haredis.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety with {@code appendfsync always}: clients write while the launcher process is
 * killed with SIGKILL; after a restart on the same directory every write that was acknowledged
 * before the kill is there.
 */
class AofCrashIT {

  private static final Path JAR = Path.of("target", "haredis-server.jar");
  private static final int WRITERS = 4;

  @TempDir
  Path dir;

  @Test
  void kill9_withAppendfsyncAlways_losesNoAcknowledgedWrite() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("data"));
    AtomicLongArray lastSet = new AtomicLongArray(WRITERS); // highest i acknowledged for SET w:<t>:<i>
    AtomicLongArray lastIncr = new AtomicLongArray(WRITERS); // last value an INCR c:<t> replied
    for (int t = 0; t < WRITERS; t++) {
      lastSet.set(t, -1);
    }
    Process p = launch(port, data, "first.log");
    try {
      awaitReady(p, dir.resolve("first.log"));
      CountDownLatch going = new CountDownLatch(WRITERS * 200);
      List<Thread> writers = new ArrayList<>();
      for (int t = 0; t < WRITERS; t++) {
        int id = t;
        Thread th = new Thread(() -> write(port, id, lastSet, lastIncr, going), "writer-" + t);
        th.start();
        writers.add(th);
      }
      assertThat(going.await(60, TimeUnit.SECONDS)).as("writers made progress").isTrue();
      p.destroyForcibly(); // SIGKILL: no shutdown hook, no final flush
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Thread th : writers) {
        th.join(30_000);
      }
    } finally {
      p.destroyForcibly();
    }
    Process again = launch(port, data, "second.log");
    try {
      awaitReady(again, dir.resolve("second.log"));
      try (Resp c = new Resp(port)) {
        for (int t = 0; t < WRITERS; t++) {
          assertThat(lastSet.get(t)).as("writer %d wrote", t).isGreaterThan(0);
          for (long i = 0; i <= lastSet.get(t); i++) {
            assertThat(c.call("GET", "w:" + t + ":" + i)).as("acknowledged SET w:%d:%d", t, i).isEqualTo("$" + Long.toString(i));
          }
          String ctr = c.call("GET", "c:" + t);
          long value = Long.parseLong(ctr.substring(1));
          // The INCR in flight at the kill may or may not have reached the disk; the acknowledged ones did.
          assertThat(value).as("counter of writer %d", t).isBetween(lastIncr.get(t), lastIncr.get(t) + 1);
        }
      }
    } finally {
      again.destroyForcibly();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * {@code appendfsync everysec}: a SIGKILL may lose what was acknowledged in the last seconds,
   * never more than about two of them (the fsync runs every second and a write waits for a late
   * one for at most two). Each writer's keys are sequential, so what is missing after the restart
   * is a tail; every missing write must have been acknowledged shortly before the kill.
   */
  @Test
  void kill9_withAppendfsyncEverysec_losesAtMostTheLastTwoSeconds() throws Exception {
    assertThat(JAR).as("the shaded jar (mvn package builds it)").exists();
    int port = freePort();
    Path data = Files.createDirectories(dir.resolve("data-everysec"));
    int writers = 2;
    long[][] ackedAt = new long[writers][2_000_000]; // nanoTime of each acknowledged SET w:<t>:<i>
    AtomicLongArray lastSet = new AtomicLongArray(writers);
    for (int t = 0; t < writers; t++) {
      lastSet.set(t, -1);
    }
    Process p = launch(port, data, "everysec-first.log", "everysec");
    long killedAt;
    try {
      awaitReady(p, dir.resolve("everysec-first.log"));
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try (Resp c = new Resp(port)) {
            for (int i = 0; i < ackedAt[id].length; i++) {
              if (!c.call("SET", "w:" + id + ":" + i, Long.toString(i)).equals("+OK")) {
                return;
              }
              ackedAt[id][i] = System.nanoTime();
              lastSet.set(id, i);
            }
          } catch (IOException | RuntimeException e) {
            // killed
          }
        }, "everysec-writer-" + t);
        th.start();
        threads.add(th);
      }
      Thread.sleep(3000); // several fsync periods of writes
      killedAt = System.nanoTime();
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (Thread th : threads) {
        th.join(30_000);
      }
    } finally {
      p.destroyForcibly();
    }
    Process again = launch(port, data, "everysec-second.log", "everysec");
    try {
      awaitReady(again, dir.resolve("everysec-second.log"));
      try (Resp c = new Resp(port)) {
        for (int t = 0; t < writers; t++) {
          long last = lastSet.get(t);
          assertThat(last).as("writer %d wrote", t).isPositive();
          long firstMissing = last + 1;
          for (long i = 0; i <= last; i++) {
            if (c.call("GET", "w:" + t + ":" + i).equals("$-1")) {
              firstMissing = i;
              break;
            }
          }
          for (long i = firstMissing; i <= last; i++) {
            assertThat(c.call("GET", "w:" + t + ":" + i)).as("what is lost is a tail: w:%d:%d", t, i).isEqualTo("$-1");
          }
          if (firstMissing <= last) {
            long lostMillis = TimeUnit.NANOSECONDS.toMillis(killedAt - ackedAt[t][(int) firstMissing]);
            // two seconds, plus the scheduling slack of a shared test machine
            assertThat(lostMillis).as("writer %d lost the writes of its last %d ms", t, lostMillis).isLessThanOrEqualTo(2500);
          }
        }
      }
    } finally {
      again.destroyForcibly();
      again.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void write(int port, int id, AtomicLongArray lastSet, AtomicLongArray lastIncr, CountDownLatch going) {
    try (Resp c = new Resp(port)) {
      for (long i = 0; ; i++) {
        String r = c.call("SET", "w:" + id + ":" + i, Long.toString(i));
        if (!r.equals("+OK")) {
          return;
        }
        lastSet.set(id, i);
        String n = c.call("INCR", "c:" + id);
        lastIncr.set(id, Long.parseLong(n.substring(1)));
        going.countDown();
      }
    } catch (IOException | RuntimeException e) {
      // the server was killed: the write in flight is not acknowledged
    }
  }

  private Process launch(int port, Path data, String logName) throws IOException {
    return launch(port, data, logName, "always");
  }

  private Process launch(int port, Path data, String logName, String fsync) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-jar");
    cmd.add(JAR.toString());
    cmd.addAll(List.of("--port", Integer.toString(port), "--dir", data.toString(), "--appendonly", "yes",
        "--appendfsync", fsync));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
  }

  private static void awaitReady(Process p, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (Files.readString(log).contains("Ready to accept connections")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("launcher not ready; output: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** A minimal RESP client: one request, one reply (simple, error, integer or bulk) as text. */
  private static final class Resp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Resp(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** The reply's type byte and text: {@code +OK}, {@code :5}, {@code $value}, {@code $-1} for nil. */
    String call(String... args) throws IOException {
      StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
      for (String a : args) {
        b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
      }
      out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      String line = line();
      if (line.startsWith("$") && !line.equals("$-1")) {
        int len = Integer.parseInt(line.substring(1));
        byte[] v = in.readNBytes(len + 2);
        if (v.length < len + 2) {
          throw new IOException("connection closed");
        }
        return "$" + new String(v, 0, len, StandardCharsets.UTF_8);
      }
      return line;
    }

    private String line() throws IOException {
      StringBuilder s = new StringBuilder();
      int c;
      while ((c = in.read()) != '\n') {
        if (c < 0) {
          throw new IOException("connection closed");
        }
        if (c != '\r') {
          s.append((char) c);
        }
      }
      return s.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
