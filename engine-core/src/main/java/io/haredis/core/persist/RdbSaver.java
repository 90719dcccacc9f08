package io.haredis.core.persist;

import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.node.ServerSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SAVE, BGSAVE and the {@code save} points: RDB snapshots of the node's dataset to
 * {@code dir/dbfilename}. Loop-confined, except the serialization and file work of a background
 * save, which runs on the node's {@link BackgroundIo} thread.
 *
 * <p>A background save takes a {@link BackgroundSnapshot} on the loop (what fork is to Redis:
 * the dictionaries' bucket arrays, kept, with a state byte per bucket) and the I/O thread writes
 * it, while the node keeps serving reads and writes; the file holds the dataset of the instant
 * BGSAVE started.
 */
public final class RdbSaver {

  private static final Logger log = LoggerFactory.getLogger(RdbSaver.class);

  /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, save points wait this long. */
  private static final long RETRY_DELAY_SECONDS = 5;
  private static final int CHUNK_BYTES = 512 * 1024;
  /** For temp file names, as Redis's {@code temp-<pid>.rdb}; looked up once (the first lookup takes ms). */
  private static final long PID = ProcessHandle.current().pid();
  /**
   * Buckets the writer visits (tens of microseconds) before it yields: when the scheduler puts it
   * on the loop's core, the loop waits that long rather than a whole time slice.
   */
  private static final int WALK_BUCKETS = 256;

  private final ServerNode node;
  private final BackgroundIo bio;
  private BooleanSupplier otherChildActive = () -> false;
  private Bgsave current;
  private Bgsave aofBase;
  private boolean lastBgsaveOk = true;
  private long lastBgsaveTrySeconds;
  private long lastBgsaveSeconds = -1;
  private long saves;
  private boolean scheduled;
  private int tempCounter;
  private String parsedSave;
  private long lastLoadKeysLoaded;
  private long lastLoadKeysExpired;
  private long[] savePoints = new long[0];

  static {
    warmUp();
  }

  /**
   * Takes and writes a background snapshot of a one-key keyspace, once per JVM: loading and
   * linking the classes of the save path (and its VarHandle) costs milliseconds, which would
   * otherwise land inside the node's first BGSAVE, while clients wait.
   */
  private static void warmUp() {
    Keyspace ks = new Keyspace(1, io.haredis.api.time.Clock.system(), new java.util.Random(0));
    ks.db(0).add(new byte[] {'k'}, io.haredis.core.type.StringValue.of(new byte[64]));
    RdbWriter writer = new RdbWriter(new RdbOutput(256), true, 128, 0);
    writer.header();
    BackgroundSnapshot snapshot = new BackgroundSnapshot(ks, true, 128, 0);
    ks.db(0).set(new byte[] {'k'}, io.haredis.core.type.StringValue.of(new byte[] {'v'}), false); // a capture
    while (!snapshot.writeSome(writer, 16)) {
      // one bucket
    }
    snapshot.release();
    writer.eof();
  }

  /**
   * {@code temp-<pid>-<n>.rdb}, built without string concatenation: the first run of each
   * concatenation site bootstraps it (a millisecond or more), here inside the node's first BGSAVE.
   */
  private String tempFileName() {
    return new StringBuilder(32).append("temp-").append(PID).append('-').append(++tempCounter).append(".rdb").toString();
  }

  public RdbSaver(ServerNode node, BackgroundIo bio) {
    this.node = node;
    this.bio = bio;
  }

  /** Tells the saver whether another background job (an AOF rewrite) is running. */
  public void otherChildActive(BooleanSupplier active) {
    this.otherChildActive = active;
  }

  public boolean inProgress() {
    return current != null;
  }

  public boolean scheduled() {
    return scheduled;
  }

  // ---- commands ---------------------------------------------------------------------------

  /** Outcome of a BGSAVE request. */
  public enum Start { STARTED, ALREADY_IN_PROGRESS, SCHEDULED, OTHER_CHILD, FAILED }

  /** BGSAVE [SCHEDULE]; {@code inExec} schedules as Redis does inside MULTI/EXEC. */
  public Start bgsave(boolean schedule, boolean inExec) {
    if (current != null) {
      return Start.ALREADY_IN_PROGRESS;
    }
    if (otherChildActive.getAsBoolean() || aofBase != null || inExec) {
      if (schedule || inExec) {
        scheduled = true;
        return Start.SCHEDULED;
      }
      return Start.OTHER_CHILD;
    }
    return startBackground() ? Start.STARTED : Start.FAILED;
  }

  /** SAVE: writes the file now, on the loop. Returns false (after logging why) on failure. */
  public boolean saveNow() {
    Path dir = Path.of(settings().dir);
    Path temp = dir.resolve(tempFileName());
    Path target = dir.resolve(settings().dbfilename);
    long start = node.context().clock().nanoTime();
    try (RdbFile file = new RdbFile(temp, target, settings().rdbChecksum)) {
      RdbSnapshotSink sink = newSink();
      KeyspaceSnapshot snap = KeyspaceSnapshot.quiescent(node.keyspace(), sink);
      RdbOutput out = sink.output();
      try {
        while (!snap.step(1024)) {
          if (out.length() >= CHUNK_BYTES) {
            file.write(out.array(), 0, out.length());
            out.clear();
          }
        }
      } finally {
        snap.abort();
      }
      sink.end();
      file.write(out.array(), 0, out.length());
      out.clear();
      file.commit();
    } catch (IOException | RuntimeException e) {
      log.warn("Failed saving the DB to {}: {}", target, e.toString());
      return false;
    }
    long ms = (node.context().clock().nanoTime() - start) / 1_000_000;
    log.info("DB saved on disk ({} ms)", ms);
    node.addDirty(-node.dirty());
    node.lastSaveSeconds(nowSeconds());
    lastBgsaveOk = true;
    saves++;
    return true;
  }

  /** Stops a background save in progress and removes its temporary file (FLUSHALL, SHUTDOWN). */
  public void abortBackground(String why) {
    Bgsave b = current;
    if (b == null) {
      return;
    }
    log.warn("Background saving stopped: {}", why);
    current = null;
    b.cancel();
  }

  // ---- cron -------------------------------------------------------------------------------

  /** The save points and a scheduled BGSAVE, from serverCron. */
  public void cron() {
    if (current != null || aofBase != null || otherChildActive.getAsBoolean()) {
      return;
    }
    long now = nowSeconds();
    boolean retryAllowed = now - lastBgsaveTrySeconds > RETRY_DELAY_SECONDS || lastBgsaveOk;
    if (scheduled && retryAllowed) {
      startBackground();
      return;
    }
    long[] points = savePoints();
    for (int i = 0; i < points.length; i += 2) {
      long seconds = points[i];
      long changes = points[i + 1];
      if (node.dirty() >= changes && now - node.lastSaveSeconds() > seconds && retryAllowed) {
        log.info("{} changes in {} seconds. Saving...", changes, seconds);
        startBackground();
        return;
      }
    }
  }

  /** Whether the {@code save} directive has any points. */
  public boolean savePointsConfigured() {
    return savePoints().length > 0;
  }

  private long[] savePoints() {
    String s = settings().save;
    if (!s.equals(parsedSave)) {
      String t = s.trim();
      long[] p = t.isEmpty() ? new long[0] : Arrays.stream(t.split("\\s+")).mapToLong(Long::parseLong).toArray();
      savePoints = p;
      parsedSave = s;
    }
    return savePoints;
  }

  /**
   * Redis's MISCONF rule: with save points configured and {@code stop-writes-on-bgsave-error},
   * a failed last background save refuses writes (and PING) until a save succeeds.
   */
  public boolean writesDenied() {
    return !lastBgsaveOk && settings().stopWritesOnBgsaveError && savePointsConfigured();
  }

  // ---- INFO -------------------------------------------------------------------------------

  public long keysProcessed() {
    return current == null ? 0 : current.snapshot.keysProcessed();
  }

  public long keysTotal() {
    return current == null ? 0 : current.snapshot.keysTotal();
  }

  public boolean lastBgsaveOk() {
    return lastBgsaveOk;
  }

  public long lastBgsaveSeconds() {
    return lastBgsaveSeconds;
  }

  public long currentBgsaveSeconds() {
    return current == null ? -1 : nowSeconds() - current.startSeconds;
  }

  public long saves() {
    return saves;
  }

  /** Records the outcome of the last load (INFO's {@code rdb_last_load_keys_*}). */
  public void loaded(long keysLoaded, long keysExpired) {
    this.lastLoadKeysLoaded = keysLoaded;
    this.lastLoadKeysExpired = keysExpired;
  }

  public long lastLoadKeysLoaded() {
    return lastLoadKeysLoaded;
  }

  public long lastLoadKeysExpired() {
    return lastLoadKeysExpired;
  }

  // ---- background save --------------------------------------------------------------------

  private boolean startBackground() {
    lastBgsaveTrySeconds = nowSeconds();
    scheduled = false;
    Path dir = Path.of(settings().dir);
    Path temp = dir.resolve(tempFileName());
    Path target = dir.resolve(settings().dbfilename);
    current = startWalk(temp, target, false, this::finished);
    log.info("Background saving started");
    return true;
  }

  private Bgsave startWalk(Path temp, Path target, boolean aofBase, java.util.function.BiConsumer<Bgsave, Throwable> whenDone) {
    Runtime rt = Runtime.getRuntime();
    Header header = new Header(nowSeconds(), rt.totalMemory() - rt.freeMemory(), node.replicationLog().replicationId(),
        node.replicationLog().masterOffset(), aofBase, settings().rdbCompression, settings().listMaxListpackSize,
        settings().listCompressDepth);
    BackgroundSnapshot snapshot = new BackgroundSnapshot(node.keyspace(), settings().rdbCompression,
        settings().listMaxListpackSize, settings().listCompressDepth);
    Bgsave b = new Bgsave(header, snapshot, temp, target, settings().rdbChecksum, whenDone);
    bio.submit(b::open);
    bio.submit(b::writeChunk);
    return b;
  }

  /**
   * Writes a point-in-time RDB of the dataset to {@code target} in the background, for the AOF
   * rewrite's base file ({@code aof-base} set in its AUX fields): same walk as BGSAVE, without
   * BGSAVE's bookkeeping. {@code done} runs on the loop with null on success. Fails at once (with
   * {@code done} not called) while another snapshot is in progress.
   */
  public void writeAofBase(Path target, java.util.function.Consumer<Throwable> done) {
    if (current != null || aofBase != null) {
      throw new IllegalStateException("a snapshot is already in progress");
    }
    Path temp = target.resolveSibling("temp-" + target.getFileName() + "-" + (++tempCounter));
    aofBase = startWalk(temp, target, true, (b, error) -> {
      if (aofBase == b) {
        aofBase = null;
        done.accept(error);
      }
    });
  }

  /** Stops an AOF base being written (its temp file is removed); its callback is not called. */
  public void abortAofBase() {
    Bgsave b = aofBase;
    if (b != null) {
      aofBase = null;
      b.cancel();
    }
  }

  /** Whether a snapshot walk (BGSAVE or an AOF base) is running. */
  public boolean snapshotInProgress() {
    return current != null || aofBase != null;
  }

  private RdbSnapshotSink newSink() {
    Keyspace ks = node.keyspace();
    RdbSnapshotSink sink = new RdbSnapshotSink(settings().rdbCompression, settings().listMaxListpackSize,
        settings().listCompressDepth, CHUNK_BYTES + 64 * 1024).hints(ks.saveHints());
    Runtime rt = Runtime.getRuntime();
    sink.begin(nowSeconds(), rt.totalMemory() - rt.freeMemory(), 0,
        node.replicationLog().replicationId(), node.replicationLog().masterOffset(), false);
    return sink;
  }

  private void finished(Bgsave b, Throwable error) {
    if (current != b) {
      return; // aborted meanwhile
    }
    current = null;
    lastBgsaveSeconds = nowSeconds() - b.startSeconds;
    if (error == null) {
      node.addDirty(-b.dirtyAtStart);
      node.lastSaveSeconds(nowSeconds());
      lastBgsaveOk = true;
      saves++;
      log.info("Background saving terminated with success");
    } else {
      lastBgsaveOk = false;
      log.warn("Background saving error: {}", error.toString());
    }
  }

  private ServerSettings settings() {
    return node.settings();
  }

  private long nowSeconds() {
    return node.context().clock().currentTimeMillis() / 1000;
  }

  /** What the file's header says, and how to encode, fixed at the snapshot's instant. */
  private record Header(long ctimeSeconds, long usedMem, String replId, long replOffset, boolean aofBase,
      boolean compress, int listMaxListpackSize, int listCompressDepth) {}

  /**
   * One background save: the snapshot is taken on the loop, then written by the I/O thread a
   * chunk at a time (other I/O jobs, such as AOF fsyncs, run between chunks).
   */
  private final class Bgsave {
    final Header header;
    final BackgroundSnapshot snapshot;
    final Path temp;
    final Path target;
    final boolean checksum;
    final long dirtyAtStart = node.dirty();
    final long startSeconds = nowSeconds();
    final java.util.function.BiConsumer<Bgsave, Throwable> whenDone;
    volatile boolean cancelled;
    // I/O thread state
    RdbFile file;
    RdbWriter writer;

    Bgsave(Header header, BackgroundSnapshot snapshot, Path temp, Path target, boolean checksum,
        java.util.function.BiConsumer<Bgsave, Throwable> whenDone) {
      this.header = header;
      this.snapshot = snapshot;
      this.temp = temp;
      this.target = target;
      this.checksum = checksum;
      this.whenDone = whenDone;
    }

    // ---- on the I/O thread ----

    void open() {
      if (cancelled) {
        return;
      }
      try {
        file = new RdbFile(temp, target, checksum);
      } catch (IOException e) {
        finish(e);
        return;
      }
      // the output buffer is allocated here, not in the BGSAVE command
      Header h = header;
      writer = new RdbWriter(new RdbOutput(CHUNK_BYTES + 64 * 1024), h.compress(), h.listMaxListpackSize(),
          h.listCompressDepth());
      RdbSnapshotSink.header(writer, h.ctimeSeconds(), h.usedMem(), 0, h.replId(), h.replOffset(), h.aofBase());
    }

    void writeChunk() {
      if (cancelled || file == null) {
        return; // cancelled, or open failed (and reported)
      }
      try {
        RdbOutput out = writer.output();
        boolean done = false;
        while (!done && out.length() < CHUNK_BYTES) {
          done = snapshot.writeSome(writer, WALK_BUCKETS);
          Thread.yield(); // returns at once when nothing else waits for this core
        }
        if (cancelled) {
          return;
        }
        if (done) {
          writer.eof();
        }
        file.write(out.array(), 0, out.length());
        out.clear();
        if (!done) {
          bio.submit(this::writeChunk);
          return;
        }
        file.commit();
        finish(null);
      } catch (IOException | RuntimeException e) {
        finish(e);
      }
    }

    private void finish(Throwable error) {
      if (file != null) {
        file.close();
      }
      node.context().loop().execute(() -> {
        if (!cancelled) {
          snapshot.release();
          whenDone.accept(this, error);
        }
      });
    }

    /** Loop side of an abort: the snapshot is given up, the I/O thread drops the temp file. */
    void cancel() {
      cancelled = true;
      snapshot.abandon();
      bio.submit(() -> {
        if (file != null) {
          file.close();
        }
      });
    }
  }
}
