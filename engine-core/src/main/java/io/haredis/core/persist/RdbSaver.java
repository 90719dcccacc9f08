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
 * <p>A background save is a {@link KeyspaceSnapshot} walked a slice at a time between client
 * commands (short slices while clients are served, long ones when the loop is idle); the walked
 * entries go in batches to the I/O thread ({@link RdbBatchSink}), so the node keeps serving reads
 * and writes while the file is written, and the file holds the dataset of the instant BGSAVE
 * started, as with Redis's fork. The walk pauses while the I/O thread is several batches behind.
 */
public final class RdbSaver {

  private static final Logger log = LoggerFactory.getLogger(RdbSaver.class);

  /** Redis's CONFIG_BGSAVE_RETRY_DELAY: after a failed BGSAVE, save points wait this long. */
  private static final long RETRY_DELAY_SECONDS = 5;
  private static final int CHUNK_BYTES = 512 * 1024;
  /** A slice while clients are being served: they wait behind it, so it is short. */
  private static final long BUSY_SLICE_NANOS = 50_000;
  /** A slice while no command ran since the last one: the loop has nothing better to do. */
  private static final long IDLE_SLICE_NANOS = 2_000_000;
  /** Entries per batch handed to the serializer. */
  private static final int BATCH = 2048;
  /** Batches handed over and not yet serialized before the walk waits for the serializer. */
  private static final int MAX_BATCHES_IN_FLIGHT = 8;

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
    Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + (++tempCounter) + ".rdb");
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
    return current == null ? 0 : current.snapshot.keysDelivered();
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
    Path temp = dir.resolve("temp-" + ProcessHandle.current().pid() + "-" + (++tempCounter) + ".rdb");
    Path target = dir.resolve(settings().dbfilename);
    current = startWalk(temp, target, false, this::finished);
    log.info("Background saving started");
    return true;
  }

  private Bgsave startWalk(Path temp, Path target, boolean aofBase, java.util.function.BiConsumer<Bgsave, Throwable> whenDone) {
    Keyspace ks = node.keyspace();
    RdbBatchSink sink = new RdbBatchSink(ks.databases(), settings().rdbCompression, settings().listMaxListpackSize,
        settings().listCompressDepth, BATCH, CHUNK_BYTES + 64 * 1024);
    Runtime rt = Runtime.getRuntime();
    RdbSnapshotSink.header(sink.headerWriter(), nowSeconds(), rt.totalMemory() - rt.freeMemory(), 0,
        node.replicationLog().replicationId(), node.replicationLog().masterOffset(), aofBase);
    KeyspaceSnapshot snapshot = new KeyspaceSnapshot(ks, sink).holdBarriers();
    Bgsave b = new Bgsave(sink, snapshot, temp, target, settings().rdbChecksum, whenDone);
    bio.submit(b::open);
    b.scheduleSlice();
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
    RdbSnapshotSink sink = new RdbSnapshotSink(ks.databases(), settings().rdbCompression, settings().listMaxListpackSize,
        settings().listCompressDepth, CHUNK_BYTES + 64 * 1024);
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

  /**
   * One background save: the walk in slices on the loop, which hands batches of entries to the
   * I/O thread; there they are serialized ({@link RdbBatchSink}) and written to the file.
   */
  private final class Bgsave {
    final RdbBatchSink sink;
    final KeyspaceSnapshot snapshot;
    final Path temp;
    final Path target;
    final boolean checksum;
    final long dirtyAtStart = node.dirty();
    final long startSeconds = nowSeconds();
    final java.util.function.BiConsumer<Bgsave, Throwable> whenDone;
    long commandsAtLastSlice = -1;
    // I/O thread state
    volatile boolean cancelled;
    RdbFile file;
    Throwable failure;

    Bgsave(RdbBatchSink sink, KeyspaceSnapshot snapshot, Path temp, Path target, boolean checksum,
        java.util.function.BiConsumer<Bgsave, Throwable> whenDone) {
      this.whenDone = whenDone;
      this.sink = sink;
      this.snapshot = snapshot;
      this.temp = temp;
      this.target = target;
      this.checksum = checksum;
    }

    void scheduleSlice() {
      long delay = sink.inFlight() >= MAX_BATCHES_IN_FLIGHT ? 1 : 0;
      node.context().loop().schedule(this::slice, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * A slice of the walk on the loop, then its batch goes to the I/O thread. Slices are short
     * (50 us) while commands are arriving, so a client waits little behind one, and long (2 ms)
     * when the loop would otherwise be idle.
     */
    void slice() {
      if (cancelled) {
        return;
      }
      if (sink.inFlight() >= MAX_BATCHES_IN_FLIGHT) {
        scheduleSlice(); // the serializer is behind: let it catch up
        return;
      }
      long commands = node.stats().commandsProcessed;
      long budget = commands != commandsAtLastSlice ? BUSY_SLICE_NANOS : IDLE_SLICE_NANOS;
      commandsAtLastSlice = commands;
      long start = node.context().clock().nanoTime();
      boolean done;
      do {
        done = snapshot.step(16);
      } while (!done && sink.pending() < BATCH && node.context().clock().nanoTime() - start < budget);
      RdbBatchSink.Batch batch = sink.takeBatch();
      if (batch != null) {
        bio.submit(() -> serialize(batch));
      }
      if (done) {
        bio.submit(this::commit);
      } else {
        scheduleSlice();
      }
    }

    // ---- on the I/O thread ----

    void open() {
      if (cancelled) {
        return;
      }
      try {
        file = new RdbFile(temp, target, checksum);
      } catch (IOException e) {
        failure = e;
      }
    }

    void serialize(RdbBatchSink.Batch batch) {
      if (cancelled || failure != null) {
        batch.complete = true; // nothing more will be written; the loop need not wait for it
        return;
      }
      try {
        sink.serialize(batch);
        RdbOutput out = sink.output();
        if (out.length() >= CHUNK_BYTES) {
          file.write(out.array(), 0, out.length());
          out.clear();
        }
      } catch (IOException | RuntimeException e) {
        failure = e; // a value changed under a cancelled save reads as garbage: dropped with the file
        batch.complete = true;
      }
    }

    void commit() {
      if (cancelled) {
        return;
      }
      Throwable error = failure;
      if (error == null) {
        try {
          sink.end();
          RdbOutput out = sink.output();
          file.write(out.array(), 0, out.length());
          out.clear();
          file.commit();
        } catch (IOException | RuntimeException e) {
          error = e;
        }
      }
      if (file != null) {
        file.close();
      }
      Throwable result = error;
      node.context().loop().execute(() -> {
        snapshot.abort(); // every batch is serialized: the barriers can go
        whenDone.accept(this, result);
      });
    }

    /** Loop side of an abort: stop the walk; the I/O thread drops the temp file. */
    void cancel() {
      snapshot.abort();
      cancelled = true;
      bio.submit(() -> {
        if (file != null) {
          file.close();
        }
      });
    }
  }
}
