package io.haredis.core.persist.aof;

import static io.haredis.core.persist.aof.AofTestSupport.cmd;
import static io.haredis.core.persist.aof.AofTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Listener;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.TcpTransportWrapper;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Startup with {@code appendonly yes} answers clients while the AOF loads, as Redis 7.0 does:
 * commands get {@code -LOADING}, INFO persistence shows {@code loading:1} and the progress; then
 * the node serves the whole dataset. Once with a command base, once with an RDB base.
 *
 * <h2>Holding the load at known points</h2>
 * The manifest names, between the real files, empty incr files that are FIFOs. The loader opens
 * the files in manifest order on the node's loop, and opening a FIFO for reading blocks until
 * someone opens it for writing; the test's own open for writing returns at that same moment, and
 * the loader then reads a zero-size file, i.e. an empty one (redis-server 7.0 does the same with
 * such a manifest). So each FIFO is a gate the test holds shut, and its release tells the test
 * where the load is:
 * <pre>
 *   base           15,000 writes (commands, or an RDB of their result)
 *   incr 1  FIFO   "arrived": released first; the release returns once the base is loaded
 *   incr 2  FIFO   "hold": the loop stays parked here while the test connects and pipelines
 *                  PING, GET and INFO, so they are waiting when the node loads again
 *   incr 3         40,000 writes: tens of load steps, between which the loop serves them
 *   incr 4  FIFO   "end": the load cannot finish until the test has read the three replies
 *   incr 5         5,000 writes (a regular file: the node opens the last incr for appending)
 * </pre>
 * Nothing depends on timing: the replies cannot come after the load ended (gate "end" stays shut
 * until they are read), nor before the base was in (they are sent after gate "arrived"), so their
 * {@code loading_loaded_bytes} lies between the base's size and base plus incr 3. A loader that
 * did not give the loop its turn between steps would park at "end" with the requests unread: the
 * test then fails on the client's read timeout rather than hanging.
 *
 * <h2>Why the FIFOs carry no commands</h2>
 * Writing the command stream itself through a FIFO in parts does not work with this loader, nor
 * with Redis's: both take each file's size from {@code stat} before reading (the progress total,
 * {@code loadSingleAppendOnlyFile}'s AOF_EMPTY check), and a FIFO's size is 0, so it loads as an
 * empty file. Reading also runs on the loop (Redis's main thread), so a read waiting for more
 * data would stop the node answering at all.
 */
class AofStartupLoadingIT {

  private static final String LOADING = "-LOADING Redis is loading the dataset in memory\r\n";
  private static final long EXPIRE_AT_MILLIS = 4_102_444_800_000L; // 2100-01-01: a fixed TTL

  @TempDir
  Path dir;

  @Test
  void commandBase_whileLoading_loadingReplyAndProgress_thenTheWholeDataset() throws Exception {
    loadThroughGates(false);
  }

  @Test
  void rdbBase_whileLoadingTheIncrFiles_loadingReplyAndProgress_thenTheWholeDataset() throws Exception {
    loadThroughGates(true);
  }

  private void loadThroughGates(boolean rdbBase) throws Exception {
    Random r = new Random(7);
    List<String[]> first = workload(r, 15_000);
    List<String[]> middle = workload(r, 40_000);
    List<String[]> last = workload(r, 5_000);

    // The same writes on a fresh node: what the loaded node must hold in the end.
    Path aofDir = Files.createDirectories(dir.resolve("node/appendonlydir"));
    String baseName;
    String refDigest;
    long refDbsize;
    Object refValue;
    try (ServerNode ref = AofTestSupport.start(dir.resolve("ref"), "appendonly", "no")) {
      apply(ref, first);
      if (rdbBase) {
        baseName = "appendonly.aof.1.base.rdb";
        ByteArrayOutputStream rdb = new ByteArrayOutputStream();
        ref.call(() -> {
          new RdbBaseCodec(ref).write(ref.keyspace(), rdb);
          return null;
        });
        Files.write(aofDir.resolve(baseName), rdb.toByteArray());
      } else {
        baseName = "appendonly.aof.1.base.aof";
        Files.writeString(aofDir.resolve(baseName), aof(first), StandardCharsets.US_ASCII);
      }
      apply(ref, middle);
      apply(ref, last);
      run(ref, "SELECT", "0");
      refDigest = (String) run(ref, "DEBUG", "DIGEST");
      refDbsize = (Long) run(ref, "DBSIZE");
      refValue = run(ref, "GET", "k1");
    }
    assertThat(refDbsize).isGreaterThan(1000);
    assertThat(refValue).isNotNull();

    Path arrived = fifo(aofDir.resolve("appendonly.aof.1.incr.aof"));
    Path hold = fifo(aofDir.resolve("appendonly.aof.2.incr.aof"));
    Files.writeString(aofDir.resolve("appendonly.aof.3.incr.aof"), aof(middle), StandardCharsets.US_ASCII);
    Path end = fifo(aofDir.resolve("appendonly.aof.4.incr.aof"));
    Files.writeString(aofDir.resolve("appendonly.aof.5.incr.aof"), aof(last), StandardCharsets.US_ASCII);
    StringBuilder manifest = new StringBuilder("file " + baseName + " seq 1 type b\n");
    for (int i = 1; i <= 5; i++) {
      manifest.append("file appendonly.aof.").append(i).append(".incr.aof seq ").append(i).append(" type i\n");
    }
    Files.writeString(aofDir.resolve("appendonly.aof.manifest"), manifest);
    long baseBytes = Files.size(aofDir.resolve(baseName));
    long middleBytes = Files.size(aofDir.resolve("appendonly.aof.3.incr.aof"));
    long totalBytes = baseBytes + middleBytes + Files.size(aofDir.resolve("appendonly.aof.5.incr.aof"));

    Gate arrivedGate = new Gate(arrived);
    Gate holdGate = new Gate(hold);
    Gate endGate = new Gate(end);
    PortNotingTransport tcp = new PortNotingTransport();
    // start() returns once the AOF is loaded; the port (0: ephemeral) is known from the bind.
    CompletableFuture<ServerNode> starting = onThread("start", () -> {
      ServerBuilder b = (ServerBuilder) RedisServer.builder().port(0).dir(dir.resolve("node")).transport(tcp);
      b.config("appendonly", "yes");
      return (ServerNode) b.start();
    });
    try {
      arrivedGate.release();
      arrivedGate.awaitPassed("the loader to load the base and open incr 1");
      Address address = tcp.bound.get(10, TimeUnit.SECONDS);
      try (RawRespClient c = new RawRespClient(address.host(), address.port())) {
        // The loop is parked at "hold": these wait in the socket until it loads again.
        c.send(bytes("PING"));
        c.send(bytes("GET", "k1"));
        c.send(bytes("INFO", "persistence"));
        holdGate.release();
        holdGate.awaitPassed("the loader to open incr 2");
        assertThat(c.readReply()).isEqualTo(LOADING);
        assertThat(c.readReply()).isEqualTo(LOADING);
        Map<String, String> info = fields(c.readReply());
        assertThat(info).containsEntry("loading", "1").containsEntry("async_loading", "0")
            .containsKeys("loading_start_time", "loading_eta_seconds");
        assertThat(Long.parseLong(info.get("loading_total_bytes"))).isEqualTo(totalBytes);
        assertThat(Long.parseLong(info.get("loading_loaded_bytes"))).isBetween(baseBytes, baseBytes + middleBytes);
        assertThat(Double.parseDouble(info.get("loading_loaded_perc"))).isGreaterThan(0.0).isLessThan(100.0);
        assertThat(Long.parseLong(info.get("loading_eta_seconds"))).isNotNegative();
        assertThat(starting).isNotDone();

        endGate.release();
        endGate.awaitPassed("the loader to load incr 3 and open incr 4");
        try (ServerNode node = starting.get(30, TimeUnit.SECONDS)) {
          assertThat(c.call("PING")).isEqualTo("+PONG\r\n");
          assertThat(fields(c.call("INFO", "persistence"))).containsEntry("loading", "0")
              .doesNotContainKeys("loading_loaded_perc", "loading_eta_seconds");
          assertThat(c.call("DBSIZE")).isEqualTo(":" + refDbsize + "\r\n");
          assertThat(c.call("DEBUG", "DIGEST")).isEqualTo("+" + refDigest + "\r\n"); // a status reply, as in Redis
          assertThat(c.call("GET", "k1")).isEqualTo("$" + ((String) refValue).length() + "\r\n" + refValue + "\r\n");
          assertThat(node.loading()).isFalse();
        }
      }
    } finally {
      // After a failure the loop may be parked at a gate: open them all so that it can finish
      // and the node close (a no-op for the gates already passed).
      arrivedGate.release();
      holdGate.release();
      endGate.release();
      try {
        starting.get(30, TimeUnit.SECONDS).close();
      } catch (Exception e) {
        // the failure that got us here is the one to report
      } finally {
        tcp.close();
      }
    }
  }

  /**
   * A deterministic mix of writes over three databases: strings, counters, hashes, lists, sets,
   * sorted sets, absolute TTLs, deletions and transactions. Each list starts with a SELECT, as
   * each AOF file is replayed from database 0.
   */
  private static List<String[]> workload(Random r, int n) {
    List<String[]> out = new ArrayList<>(n + n / 8);
    int db = -1;
    for (int i = 0; i < n; i++) {
      int want = i % 10 < 8 ? 0 : 1 + r.nextInt(2);
      if (want != db) {
        db = want;
        out.add(new String[] {"SELECT", Integer.toString(db)});
      }
      String k = Integer.toString(r.nextInt(4000));
      switch (r.nextInt(10)) {
        case 0, 1 -> out.add(new String[] {"SET", "k" + k, "v" + r.nextInt(100_000)});
        case 2 -> out.add(new String[] {"INCRBY", "n" + r.nextInt(200), Integer.toString(r.nextInt(1000))});
        case 3 -> out.add(new String[] {"HSET", "h" + k, "f" + r.nextInt(20), "v" + i});
        case 4 -> out.add(new String[] {"RPUSH", "l" + k, "a" + i, "b" + r.nextInt(50)});
        case 5 -> out.add(new String[] {"SADD", "s" + k, "m" + r.nextInt(300)});
        case 6 -> out.add(new String[] {"ZADD", "z" + k, r.nextInt(1000) + ".5", "m" + r.nextInt(30)});
        case 7 -> out.add(new String[] {"PEXPIREAT", "k" + k, Long.toString(EXPIRE_AT_MILLIS + r.nextInt(1_000_000))});
        case 8 -> out.add(new String[] {"DEL", "l" + k});
        default -> {
          out.add(new String[] {"MULTI"});
          out.add(new String[] {"INCR", "tx"});
          out.add(new String[] {"LPUSH", "txl" + r.nextInt(10), "x" + i});
          out.add(new String[] {"EXEC"});
        }
      }
    }
    out.add(new String[] {"SET", "k1", "set-last-" + r.nextInt(1000)}); // a key GET can ask for
    return out;
  }

  private static void apply(ServerNode node, List<String[]> commands) {
    for (String[] c : commands) {
      run(node, (Object[]) c);
    }
  }

  private static String aof(List<String[]> commands) {
    StringBuilder b = new StringBuilder();
    for (String[] c : commands) {
      b.append(cmd(c));
    }
    return b.toString();
  }

  private static byte[][] bytes(String... args) {
    byte[][] b = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      b[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return b;
  }

  /** The {@code field:value} lines of an INFO reply (a bulk string as {@link RawRespClient} returns it). */
  private static Map<String, String> fields(String reply) {
    assertThat(reply).startsWith("$");
    Map<String, String> m = new HashMap<>();
    for (String line : reply.substring(reply.indexOf("\r\n") + 2).split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) {
        m.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return m;
  }

  private static Path fifo(Path p) throws Exception {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
    assertThat(mk.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(mk.exitValue()).as("mkfifo " + p).isZero();
    assertThat(Files.size(p)).as("a FIFO's size, as stat gives it").isZero();
    return p;
  }

  private static <T> CompletableFuture<T> onThread(String name, Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        f.complete(task.call());
      } catch (Throwable e) {
        f.completeExceptionally(e);
      }
    }, "aof-loading-it-" + name);
    t.setDaemon(true);
    t.start();
    return f;
  }

  /**
   * An empty incr file that is a FIFO: the loader's open of it for reading waits for a writer.
   * {@link #release} opens it for writing on a thread of its own (that open waits for the
   * loader's), then closes it: the loader reads an empty file and goes on.
   */
  private static final class Gate {
    private final Path fifo;
    private CompletableFuture<Void> passed;

    Gate(Path fifo) {
      this.fifo = fifo;
    }

    synchronized void release() {
      if (passed == null) {
        passed = onThread("gate-" + fifo.getFileName(), () -> {
          try (OutputStream out = Files.newOutputStream(fifo)) {
            return null;
          }
        });
      }
    }

    /** Waits until the loader has opened the FIFO (bounded: a loader that never gets here fails the test). */
    void awaitPassed(String what) throws Exception {
      try {
        passed.get(30, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError("timed out waiting for " + what, e);
      }
    }
  }

  /** TCP that notes the address of the node's first listener: with port 0, known before start() returns. */
  private static final class PortNotingTransport extends TcpTransportWrapper {
    final CompletableFuture<Address> bound = new CompletableFuture<>();

    @Override
    protected void bound(Listener l) {
      bound.complete(l.address());
    }
  }
}
