package io.haredis.core.persist.aof;

import io.haredis.api.time.Clock;
import io.haredis.core.config.ConfigError;
import io.haredis.core.node.ServerNode;
import io.haredis.core.repl.ReplicationLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's append-only file in Redis 7.0's multi-part layout: a manifest naming a base file
 * and incr files in {@code <dir>/<appenddirname>/} (see {@link AofManifest}). Mirrors aof.c.
 *
 * <h2>Feeding</h2>
 * The AOF listens to the node's {@link ReplicationLog}: every write reaches it exactly as it
 * reaches replicas (deterministic rewrites, expired keys as DEL, MULTI/EXEC wrapping), with no
 * second propagation path. Bytes are appended to an in-memory buffer on the loop.
 *
 * <h2>Writing and fsync</h2>
 * {@link #beforeRepliesFlushed()} runs before any reply leaves the node (Redis's
 * {@code flushAppendOnlyFile} in {@code beforeSleep}), and writes the buffer to the current
 * incr file:
 * <ul>
 *   <li>{@code appendfsync always}: write and fsync right there, so a reply is only sent for a
 *   write that is on disk;</li>
 *   <li>{@code everysec}: write; fsync on the background I/O thread at most once a second (a
 *   write waits up to 2 seconds for a slow fsync, then goes ahead and counts
 *   {@code aof_delayed_fsync});</li>
 *   <li>{@code no}: write; the OS decides when it reaches the disk.</li>
 * </ul>
 * A failed write keeps the buffer and refuses writes with {@code -MISCONF} until a retry in the
 * cron succeeds. Where Redis exits on a failed write or fsync under {@code always}, the node
 * instead closes the connections whose replies were pending (so nothing unwritten is
 * acknowledged) and refuses writes the same way.
 *
 * <h2>Rewrite</h2>
 * BGREWRITEAOF (or the automatic rewrite on {@code auto-aof-rewrite-percentage} growth) first
 * opens a new incr file and records it in the manifest, so writes made during the rewrite land
 * there; then the {@link AofBaseWriter} writes a base from a point-in-time view of the dataset
 * without stopping the node; when it is done the base is renamed into place, the new manifest
 * is written atomically, and the files it made obsolete (now "history") are deleted. A crash at
 * any point leaves a manifest that names complete, loadable files.
 *
 * <h2>Threads</h2>
 * Everything runs on the node's loop except the jobs given to the background I/O executor
 * (fsync, close, unlink), which only touch their file and report through atomics.
 */
public final class AppendOnlyFile implements ReplicationLog.Listener {

  private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

  /** Redis's {@code aof_state}. */
  public enum State {
    OFF, ON, WAIT_REWRITE
  }

  /** Redis's AOF_REWRITE_LIMITE_THRESHOLD and ..._MAX_MINUTES. */
  static final int REWRITE_LIMIT_THRESHOLD = 3;
  static final int REWRITE_LIMIT_MAX_MINUTES = 60;
  /** Seconds between write-error log lines (AOF_WRITE_LOG_ERROR_RATE). */
  static final int WRITE_ERROR_LOG_RATE = 30;

  private final ServerNode node;
  private final AofSettings settings;
  private final AofDirectory dir;
  private final Executor bio;
  private final Clock clock;
  private AofRdbCodec rdb = AofRdbCodec.NONE;
  private AofBaseWriter baseWriter;
  private BooleanSupplier otherBackgroundJob = () -> false;

  private State state;
  private AofManifest manifest = new AofManifest();
  private FileChannel fd;

  // The buffer of writes not yet written to the file (Redis's aof_buf).
  private byte[] buf = new byte[16 * 1024];
  private ByteBuffer bufView = ByteBuffer.wrap(buf);
  private int bufLen;
  private long curTimestamp;
  private boolean needSelect;

  private long currentSize;
  private long rewriteBaseSize;
  private long lastIncrSize;
  private long lastIncrFsyncOffset;
  private long lastFsyncSeconds;
  private long flushPostponedStart;
  private long delayedFsync;
  private boolean lastWriteOk = true;
  private String lastWriteError = "";
  private long lastWriteErrorLogged;
  private long lastRetrySeconds;
  private final AtomicLong pendingBioFsync = new AtomicLong();
  private volatile String bioFsyncError;

  private Rewrite rewriting;
  private boolean rewriteScheduled;
  private long rewriteTimeStart = -1;
  private long rewriteTimeLast = -1;
  private boolean lastBgrewriteOk = true;
  private long rewrites;
  private long consecutiveFailures;
  private int nextDelayMinutes;
  private long nextRewriteTime;

  /** One BGREWRITEAOF under way. */
  private record Rewrite(Path tmpFile, boolean rdbPreamble, long startSeconds) {}

  public AppendOnlyFile(ServerNode node, AofSettings settings, Executor bio) {
    this.node = node;
    this.settings = settings;
    this.bio = bio;
    this.clock = node.context().clock();
    this.dir = new AofDirectory(() -> node.settings().dir, settings);
    this.state = settings.enabled ? State.ON : State.OFF;
    this.lastFsyncSeconds = unixtime();
    this.baseWriter = new BlockingBaseWriter(node.keyspace(), node.context().loop(), rdb);
    settings.runtime = this;
    node.replicationLog().addListener(this);
  }

  // ---- wiring ---------------------------------------------------------------------------

  /** The RDB codec for {@code .rdb} bases and RDB preambles. */
  public void rdbCodec(AofRdbCodec codec) {
    this.rdb = codec;
    if (baseWriter instanceof BlockingBaseWriter) {
      this.baseWriter = new BlockingBaseWriter(node.keyspace(), node.context().loop(), codec);
    }
  }

  /** What writes a rewrite's base from a point-in-time view of the dataset. */
  public void baseWriter(AofBaseWriter writer) {
    this.baseWriter = writer;
  }

  /**
   * Whether another background job (a BGSAVE) is running: a rewrite asked for meanwhile is
   * scheduled for when it ends, as Redis's {@code hasActiveChildProcess} makes it.
   */
  public void otherBackgroundJob(BooleanSupplier busy) {
    this.otherBackgroundJob = busy;
  }

  public State state() {
    return state;
  }

  /** Whether {@code appendonly} is on (Redis's {@code aof_enabled}): startup loads the AOF, not the RDB. */
  public boolean enabled() {
    return settings.enabled;
  }

  public AofDirectory directory() {
    return dir;
  }

  /** The manifest as it is on disk. */
  public AofManifest manifest() {
    return manifest;
  }

  public boolean rewriteInProgress() {
    return rewriting != null;
  }

  public boolean rewriteScheduled() {
    return rewriteScheduled;
  }

  /** Bytes waiting to be written ({@code aof_buffer_length}). */
  public int bufferLength() {
    return bufLen;
  }

  private long unixtime() {
    return clock.currentTimeMillis() / 1000;
  }

  // ---- startup --------------------------------------------------------------------------

  /**
   * Startup: reads the manifest, loads the AOF if {@code appendonly} is on, in steps on the loop
   * so that the node answers clients meanwhile ({@code -LOADING}, INFO's {@code loading_*}
   * fields), then opens it for appending. Called on the loop; the future completes on the loop,
   * exceptionally with the {@link AofLoadException} that stops the node (nothing on disk changed).
   */
  public java.util.concurrent.CompletableFuture<Void> loadOnStartInSteps() {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    try {
      readManifest();
      if (!settings.enabled) {
        openOnStart();
        done.complete(null);
        return done;
      }
      AofLoader loader = startLoading();
      long startNanos = clock.nanoTime();
      long startSeconds = clock.currentTimeMillis() / 1000;
      node.loader(b -> io.haredis.core.persist.DatasetLoading.info(b, startSeconds, clock.currentTimeMillis() / 1000,
          loader.totalBytes(), loader.loadedBytes(), 0));
      loadStep(loader, startNanos, done);
    } catch (AofLoadException e) {
      node.loader(null);
      done.completeExceptionally(e);
    }
    return done;
  }

  /** A bounded batch of commands, then the loop's other work, then the next batch. */
  private void loadStep(AofLoader loader, long startNanos, java.util.concurrent.CompletableFuture<Void> done) {
    try {
      if (!loader.step(LOAD_STEP_COMMANDS)) {
        node.context().loop().schedule(() -> loadStep(loader, startNanos, done), 0, java.util.concurrent.TimeUnit.MILLISECONDS);
        return;
      }
      node.loader(null);
      loaded(loader);
      if (loader.status() != AofLoader.Status.NOT_EXIST) {
        log.info("DB loaded from append only file: {} seconds", String.format(Locale.ROOT, "%.3f", (clock.nanoTime() - startNanos) / 1e9));
      }
      openOnStart();
      done.complete(null);
    } catch (AofLoadException | RuntimeException e) {
      node.loader(null);
      loader.close();
      done.completeExceptionally(e);
    }
  }

  private static final int LOAD_STEP_COMMANDS = 1000;

  /**
   * Reads the manifest, whether or not the AOF is on (BGREWRITEAOF uses it either way), as
   * {@code aofLoadManifestFromDisk}. A missing directory or manifest reads as empty.
   */
  public void readManifest() throws AofLoadException {
    try {
      manifest = dir.readManifest();
    } catch (AofManifestException e) {
      log.warn("\n*** FATAL AOF MANIFEST FILE ERROR ***\n");
      if (e.line() != null) {
        log.warn("Reading the manifest file, at line {}\n", e.lineNumber());
        log.warn(">>> '{}'\n", e.line());
      }
      log.warn("{}\n", e.reason());
      throw new AofLoadException("Bad AOF manifest " + dir.manifestPath() + ": " + e.getMessage(),
          AofManifest.manifestName(settings.filename), -1, e);
    } catch (IOException e) {
      log.warn("Fatal error: can't open the AOF manifest file {} for reading: {}", dir.manifestPath(), e.getMessage());
      throw new AofLoadException("Can't read the AOF manifest " + dir.manifestPath() + ": " + e.getMessage(),
          AofManifest.manifestName(settings.filename), -1, e);
    }
  }

  /**
   * Prepares loading the AOF (after {@link #readManifest}): first moves an old single-file
   * {@code appendonly.aof} from {@code dir} into the AOF directory as its base, as 7.0 upgrades
   * one. The returned loader's {@link AofLoader#step} replays it.
   */
  public AofLoader startLoading() throws AofLoadException {
    upgradeOldStyleIfNeeded();
    return AofLoader.open(node, dir, settings, rdb, manifest);
  }

  /** Records what a finished load found ({@code aof_current_size}, {@code aof_base_size}). */
  public void loaded(AofLoader loader) {
    if (loader.status() == AofLoader.Status.OK || loader.status() == AofLoader.Status.TRUNCATED) {
      currentSize = sizeOfBaseAndIncr();
      rewriteBaseSize = loader.baseSize();
    }
  }

  /**
   * Redis's {@code aofUpgradePrepare}: {@code <dir>/appendonly.aof} exists and the AOF directory
   * has no AOF of its own, so the old file becomes the base of a new manifest and is moved in.
   * A crash in between is harmless: the next start does it again.
   */
  private void upgradeOldStyleIfNeeded() throws AofLoadException {
    Path old = dir.workDir().resolve(settings.filename);
    if (!Files.isRegularFile(old)) {
      return;
    }
    boolean upgrade = !dir.exists() || manifest.isEmpty()
        || (manifest.base() != null && manifest.incr().isEmpty() && manifest.base().fileName().equals(settings.filename)
            && !Files.exists(dir.path(settings.filename)));
    if (!upgrade) {
      return;
    }
    try {
      dir.createIfMissing();
    } catch (IOException e) {
      log.warn("Can't open or create append-only dir {}: {}", dir.dir(), e.getMessage());
      throw new AofLoadException("Can't create the append-only dir " + dir.dir() + ": " + e.getMessage(), null, -1, e);
    }
    AofManifest am = new AofManifest();
    am.upgradeBase(settings.filename);
    try {
      dir.persist(am);
      Files.move(old, dir.path(settings.filename), StandardCopyOption.ATOMIC_MOVE);
      AofDirectory.fsyncDirectory(dir.workDir());
    } catch (IOException e) {
      log.warn("Error trying to move the old AOF file {} into dir {}: {}", settings.filename, settings.dirname, e.getMessage());
      throw new AofLoadException("Can't move the old AOF file " + old + " into " + dir.dir() + ": " + e.getMessage(),
          settings.filename, -1, e);
    }
    manifest = am;
    log.info("Successfully migrated an old-style AOF file ({}) into the AOF directory ({}).", settings.filename, settings.dirname);
  }

  /**
   * Redis's {@code aofOpenIfNeededOnServerStart} and {@code aofDelHistoryFiles}: with the AOF on,
   * writes a base if there is no AOF yet (from the dataset loaded, normally empty), opens the
   * last incr file for appending (or a new one) and writes the manifest.
   */
  public void openOnStart() throws AofLoadException {
    if (state != State.ON) {
      return;
    }
    try {
      dir.createIfMissing();
    } catch (IOException e) {
      log.warn("Can't open or create append-only dir {}: {}", dir.dir(), e.getMessage());
      throw new AofLoadException("Can't create the append-only dir " + dir.dir() + ": " + e.getMessage(), null, -1, e);
    }
    boolean hadIncr = !manifest.incr().isEmpty();
    if (manifest.isEmpty()) {
      String baseName = manifest.newBase(settings.filename, settings.useRdbPreamble);
      Path tmp = dir.workDir().resolve("temp-rewriteaof-" + ProcessHandle.current().pid() + ".aof");
      try {
        BlockingBaseWriter.write(node.keyspace(), rdb, tmp, settings.useRdbPreamble);
        Files.move(tmp, dir.path(baseName), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        log.warn("Write error writing append only file on disk: {}", e.getMessage());
        deleteQuietly(tmp);
        throw new AofLoadException("Can't write the AOF base file " + baseName + ": " + e.getMessage(), baseName, -1, e);
      }
      log.info("Creating AOF base file {} on server start", baseName);
    }
    String incrName = manifest.lastIncrOrNew(settings.filename);
    try {
      fd = openForAppend(dir.path(incrName), false);
      dir.persist(manifest);
      lastIncrSize = fd.size();
    } catch (IOException e) {
      log.warn("Can't open the append-only file {}: {}", incrName, e.getMessage());
      closeQuietly(fd);
      fd = null;
      throw new AofLoadException("Can't open the append-only file " + incrName + ": " + e.getMessage(), incrName, -1, e);
    }
    lastIncrFsyncOffset = lastIncrSize;
    log.info(hadIncr ? "Opening AOF incr file {} on server start" : "Creating AOF incr file {} on server start", incrName);
    deleteHistoryFiles();
  }

  private static FileChannel openForAppend(Path p, boolean truncate) throws IOException {
    FileChannel ch = truncate
        ? FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)
        : FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.position(ch.size());
    return ch;
  }

  // ---- feeding --------------------------------------------------------------------------

  /** Redis's {@code feedAppendOnlyFile}: buffers what the replication log appends. */
  @Override
  public void onAppend(byte[] b, int off, int len) {
    if (state != State.ON && !(state == State.WAIT_REWRITE && rewriting != null)) {
      return;
    }
    if (settings.timestampEnabled) {
      long now = unixtime();
      if (curTimestamp < now) {
        curTimestamp = now;
        append(("#TS:" + now + "\r\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
    if (needSelect) {
      needSelect = false;
      if (!startsWithSelect(b, off, len)) {
        selectCurrentDb();
      }
    }
    ensure(len);
    System.arraycopy(b, off, buf, bufLen, len);
    bufLen += len;
  }

  private static final byte[] SELECT_PREFIX = "*2\r\n$6\r\nSELECT\r\n".getBytes(StandardCharsets.US_ASCII);

  private static boolean startsWithSelect(byte[] b, int off, int len) {
    return len >= SELECT_PREFIX.length && java.util.Arrays.equals(b, off, off + SELECT_PREFIX.length, SELECT_PREFIX, 0, SELECT_PREFIX.length);
  }

  private void append(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, bufLen, b.length);
    bufLen += b.length;
  }

  private void ensure(int more) {
    if (bufLen + more > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + more));
      bufView = ByteBuffer.wrap(buf);
    }
  }

  /**
   * A new incr file starts in the database the stream is in: before its first write comes a
   * SELECT (unless that write is one), as Redis's {@code aof_selected_db = -1} makes it.
   */
  private void selectCurrentDb() {
    int db = node.replicationLog().selectedDb();
    if (db >= 0) {
      String n = Integer.toString(db);
      append(("*2\r\n$6\r\nSELECT\r\n$" + n.length() + "\r\n" + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
  }

  // ---- writing --------------------------------------------------------------------------

  /**
   * Called before replies leave the node: writes the buffer (and fsyncs it under
   * {@code appendfsync always}). Returns {@code false} only when {@code always} could not get the
   * writes on disk: the pending replies must then not be sent.
   */
  public boolean beforeRepliesFlushed() {
    if (state == State.OFF || fd == null) {
      return true;
    }
    if (bufLen == 0 && lastIncrFsyncOffset == lastIncrSize) {
      return true; // the common case of a read-only reply: nothing to do
    }
    return flush(false);
  }

  /**
   * Whether replies must wait for a write and fsync ({@code appendfsync always} with writes not
   * yet on disk): the node then sends the replies of every client served in a loop iteration
   * after one fsync, as Redis does in {@code beforeSleep}.
   */
  public boolean syncBeforeReplies() {
    return state != State.OFF && fd != null && settings.fsync == AofSettings.Fsync.ALWAYS
        && (bufLen != 0 || lastIncrFsyncOffset != lastIncrSize);
  }

  /**
   * Redis's {@code flushAppendOnlyFile}. Returns false when a write or fsync failed under
   * {@code appendfsync always}.
   */
  boolean flush(boolean force) {
    if (fd == null) {
      return true;
    }
    boolean syncInProgress = false;
    AofSettings.Fsync policy = settings.fsync;
    long now = unixtime();
    if (bufLen == 0) {
      // Nothing new, but what was written may still need its fsync: everysec after a quiet
      // second, or always after switching from everysec.
      if (policy == AofSettings.Fsync.EVERYSEC && lastIncrFsyncOffset != lastIncrSize && now > lastFsyncSeconds
          && !(syncInProgress = fsyncInProgress())) {
        return tryFsync(now, false);
      } else if (policy == AofSettings.Fsync.ALWAYS && lastIncrFsyncOffset != lastIncrSize) {
        return tryFsync(now, syncInProgress);
      }
      return true;
    }
    if (policy == AofSettings.Fsync.EVERYSEC) {
      syncInProgress = fsyncInProgress();
    }
    if (policy == AofSettings.Fsync.EVERYSEC && !force && syncInProgress) {
      // A write would wait for the background fsync anyway (Linux); wait up to 2 seconds.
      if (flushPostponedStart == 0) {
        flushPostponedStart = now;
        return true;
      } else if (now - flushPostponedStart < 2) {
        return true;
      }
      delayedFsync++;
      log.info("Asynchronous AOF fsync is taking too long (disk is busy?). Writing the AOF buffer without waiting for fsync "
          + "to complete, this may slow down Redis.");
    }
    flushPostponedStart = 0;
    int written = 0;
    IOException failure = null;
    try {
      bufView.clear().limit(bufLen);
      while (bufView.hasRemaining()) {
        written += fd.write(bufView);
      }
    } catch (IOException e) {
      failure = e;
    }
    if (failure != null) {
      boolean canLog = now - lastWriteErrorLogged > WRITE_ERROR_LOG_RATE;
      if (canLog) {
        lastWriteErrorLogged = now;
        if (written == 0) {
          log.warn("Error writing to the AOF file: {}", failure.getMessage());
        } else {
          log.warn("Short write while writing to the AOF file: (nwritten={}, expected={})", written, bufLen);
        }
      }
      lastWriteError = failure.getMessage() == null ? failure.toString() : failure.getMessage();
      if (written > 0) {
        // Take the partial write back out, so the file ends on a command boundary.
        try {
          fd.truncate(lastIncrSize);
          fd.position(lastIncrSize);
          written = 0;
        } catch (IOException e) {
          if (canLog) {
            log.warn("Could not remove short write from the append-only file.  Redis may refuse to load the AOF the next time it "
                + "starts.  ftruncate: {}", e.getMessage());
          }
        }
      }
      lastWriteOk = false;
      if (written > 0) {
        currentSize += written;
        lastIncrSize += written;
        System.arraycopy(buf, written, buf, 0, bufLen - written);
        bufLen -= written;
      }
      if (policy == AofSettings.Fsync.ALWAYS) {
        log.warn("Can't recover from AOF write error when the AOF fsync policy is 'always'. The writes not on disk are not "
            + "acknowledged: their clients are disconnected, and writes are refused until the AOF can be written again.");
        return false;
      }
      return true; // retried from the cron; writes are refused meanwhile (MISCONF)
    }
    if (!lastWriteOk) {
      log.warn("AOF write error looks solved, Redis can write again.");
      lastWriteOk = true;
    }
    currentSize += written;
    lastIncrSize += written;
    bufLen = 0;
    if (buf.length > 1024 * 1024) {
      buf = new byte[16 * 1024]; // do not keep a huge buffer after one burst
      bufView = ByteBuffer.wrap(buf);
    }
    return tryFsync(now, syncInProgress);
  }

  private boolean tryFsync(long now, boolean syncInProgress) {
    if (settings.noFsyncOnRewrite && (rewriting != null || otherBackgroundJob.getAsBoolean())) {
      return true;
    }
    AofSettings.Fsync policy = settings.fsync;
    if (policy == AofSettings.Fsync.ALWAYS) {
      try {
        fd.force(false);
      } catch (IOException e) {
        log.warn("Can't persist AOF for fsync error when the AOF fsync policy is 'always': {}. The writes not on disk are not "
            + "acknowledged.", e.getMessage());
        lastWriteOk = false;
        lastWriteError = e.getMessage();
        return false;
      }
      lastIncrFsyncOffset = lastIncrSize;
      lastFsyncSeconds = now;
    } else if (policy == AofSettings.Fsync.EVERYSEC && now > lastFsyncSeconds) {
      if (!syncInProgress) {
        backgroundFsync(fd, false);
        lastIncrFsyncOffset = lastIncrSize;
      }
      lastFsyncSeconds = now;
    }
    return true;
  }

  private boolean fsyncInProgress() {
    return pendingBioFsync.get() > 0;
  }

  /**
   * An fsync (and optionally a close) of {@code ch} on the background I/O thread. Only the fsync
   * of the current file counts as "in progress" (delaying everysec writes, and in
   * {@code aof_pending_bio_fsync}); closing a finished file is Redis's separate close job.
   */
  private void backgroundFsync(FileChannel ch, boolean close) {
    boolean counted = !close;
    if (counted) {
      pendingBioFsync.incrementAndGet();
    }
    bio.execute(() -> {
      try {
        if (ch.isOpen()) {
          ch.force(false);
        }
        bioFsyncError = null;
      } catch (IOException e) {
        bioFsyncError = e.getMessage() == null ? e.toString() : e.getMessage();
        log.warn("Fail to fsync the AOF file: {}", bioFsyncError);
      } finally {
        if (counted) {
          pendingBioFsync.decrementAndGet();
        }
        if (close) {
          closeQuietly(ch);
        }
      }
    });
  }

  /**
   * The {@code -MISCONF} error write commands get while the AOF cannot be written (Redis's
   * {@code writeCommandsDeniedByDiskError} for the AOF), or {@code null}.
   */
  public String writeDeniedError() {
    if (state == State.OFF) {
      return null;
    }
    if (!lastWriteOk) {
      return "MISCONF Errors writing to the AOF file: " + lastWriteError;
    }
    String bioErr = bioFsyncError;
    if (bioErr != null) {
      return "MISCONF Errors writing to the AOF file: " + bioErr;
    }
    return null;
  }

  // ---- cron -----------------------------------------------------------------------------

  /**
   * The AOF's part of {@code serverCron}: a scheduled rewrite, the automatic rewrite on growth,
   * a postponed flush, the fsync of a quiet second, and retries after a write error.
   */
  public void cron() {
    long now = unixtime();
    boolean busy = rewriting != null || otherBackgroundJob.getAsBoolean();
    if (!busy && rewriteScheduled && !rewriteLimited(now)) {
      startRewrite();
    }
    busy = rewriting != null || otherBackgroundJob.getAsBoolean();
    if (!busy && state == State.ON && settings.rewritePercentage > 0 && currentSize > settings.rewriteMinSizeBytes) {
      long base = rewriteBaseSize > 0 ? rewriteBaseSize : 1;
      long growth = currentSize * 100 / base - 100;
      if (growth >= settings.rewritePercentage && !rewriteLimited(now)) {
        log.info("Starting automatic rewriting of AOF on {}% growth", growth);
        startRewrite();
      }
    }
    if (state != State.OFF) {
      if (!lastWriteOk) {
        if (now != lastRetrySeconds) {
          lastRetrySeconds = now; // a failed write is retried once a second
          flush(false);
        }
      } else {
        flush(false); // postponed writes, and the fsync a quiet second still owes
      }
    }
  }

  /**
   * Redis's {@code aofRewriteLimited}: after 3 failed rewrites in a row, automatic ones wait 1,
   * 2, 4 ... up to 60 minutes (BGREWRITEAOF still runs at once).
   */
  private boolean rewriteLimited(long now) {
    if (consecutiveFailures < REWRITE_LIMIT_THRESHOLD) {
      nextDelayMinutes = 0;
      nextRewriteTime = 0;
      return false;
    }
    if (nextRewriteTime != 0) {
      if (now < nextRewriteTime) {
        return true;
      }
      nextRewriteTime = 0;
      return false;
    }
    nextDelayMinutes = nextDelayMinutes == 0 ? 1 : Math.min(nextDelayMinutes * 2, REWRITE_LIMIT_MAX_MINUTES);
    nextRewriteTime = now + nextDelayMinutes * 60L;
    log.warn("Background AOF rewrite has repeatedly failed and triggered the limit, will retry in {} minutes", nextDelayMinutes);
    return true;
  }

  // ---- rewrite --------------------------------------------------------------------------

  /** What BGREWRITEAOF replies. */
  public enum BgrewriteReply {
    STARTED("Background append only file rewriting started"),
    SCHEDULED("Background append only file rewriting scheduled"),
    IN_PROGRESS("ERR Background append only file rewriting already in progress"),
    FAILED("ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");

    private final String text;

    BgrewriteReply(String text) {
      this.text = text;
    }

    /** The status text, or for errors the error (with its code). */
    public String text() {
      return text;
    }

    public boolean isError() {
      return this == IN_PROGRESS || this == FAILED;
    }
  }

  /** Redis's {@code bgrewriteaofCommand}; {@code inExec} when called from a transaction. */
  public BgrewriteReply bgrewriteaof(boolean inExec) {
    if (rewriting != null) {
      return BgrewriteReply.IN_PROGRESS;
    }
    if (otherBackgroundJob.getAsBoolean() || inExec) {
      rewriteScheduled = true;
      consecutiveFailures = 0; // asked for by hand: not held back by the failure limit
      return BgrewriteReply.SCHEDULED;
    }
    return startRewrite() ? BgrewriteReply.STARTED : BgrewriteReply.FAILED;
  }

  /** Redis's {@code rewriteAppendOnlyFileBackground}. */
  boolean startRewrite() {
    if (rewriting != null || otherBackgroundJob.getAsBoolean()) {
      return false;
    }
    try {
      dir.createIfMissing();
    } catch (IOException e) {
      log.warn("Can't open or create append-only dir {}: {}", dir.dir(), e.getMessage());
      lastBgrewriteOk = false;
      return false;
    }
    flush(true);
    if (!openNewIncrForAppend()) {
      lastBgrewriteOk = false;
      return false;
    }
    rewrites++;
    long now = unixtime();
    Path tmp = dir.workDir().resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
    Rewrite r = new Rewrite(tmp, settings.useRdbPreamble, now);
    rewriting = r;
    rewriteScheduled = false;
    rewriteTimeStart = now;
    log.info("Background append only file rewriting started");
    try {
      baseWriter.writeBase(tmp, r.rdbPreamble(), err -> rewriteDone(r, err));
    } catch (RuntimeException e) {
      rewriteDone(r, e);
    }
    return true;
  }

  /**
   * Redis's {@code openNewIncrAofForAppend}: the file later writes go to. With the AOF on, a new
   * incr file recorded in the manifest before anything is written to it; while AOF is being
   * turned on, a temp incr file that becomes a real one when the first rewrite succeeds.
   */
  private boolean openNewIncrForAppend() {
    if (state == State.OFF) {
      return true;
    }
    AofManifest temp = null;
    String name;
    if (state == State.WAIT_REWRITE) {
      name = AofManifest.tempIncrName(settings.filename);
    } else {
      temp = manifest.copy();
      name = temp.newIncr(settings.filename);
    }
    FileChannel newFd = null;
    try {
      newFd = openForAppend(dir.path(name), true);
      if (temp != null) {
        dir.persist(temp);
      }
    } catch (IOException e) {
      log.warn("Can't open the append-only file {}: {}", name, e.getMessage());
      closeQuietly(newFd);
      return false;
    }
    log.info("Creating AOF incr file {} on background rewrite", name);
    if (fd != null) {
      backgroundFsync(fd, true); // the old file is complete: fsync and close it off the loop
      lastFsyncSeconds = unixtime();
    }
    fd = newFd;
    lastIncrSize = 0;
    lastIncrFsyncOffset = 0;
    if (temp != null) {
      manifest = temp;
    }
    needSelect = true;
    return true;
  }

  /** Redis's {@code backgroundRewriteDoneHandler}, on the loop. */
  private void rewriteDone(Rewrite r, Throwable err) {
    if (r != rewriting) {
      deleteQuietly(r.tmpFile()); // a rewrite that was stopped (appendonly no, shutdown)
      return;
    }
    rewriting = null;
    long now = unixtime();
    try {
      if (err == null) {
        finishRewrite(r);
      } else {
        lastBgrewriteOk = false;
        consecutiveFailures++;
        log.warn("Background AOF rewrite terminated with error: {}", err.toString());
      }
    } finally {
      deleteQuietly(r.tmpFile());
      if (state == State.WAIT_REWRITE) {
        // Turning AOF on failed this time: the temp incr file's content is useless without a
        // base; drop it and try again from the cron.
        bufLen = 0;
        deleteQuietly(dir.path(AofManifest.tempIncrName(settings.filename)));
        rewriteScheduled = true;
      }
      rewriteTimeLast = now - r.startSeconds();
      rewriteTimeStart = -1;
    }
  }

  private void finishRewrite(Rewrite r) {
    log.info("Background AOF rewrite terminated with success");
    AofManifest temp = manifest.copy();
    String baseName = temp.newBase(settings.filename, r.rdbPreamble());
    Path basePath = dir.path(baseName);
    try {
      Files.move(r.tmpFile(), basePath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      log.warn("Error trying to rename the temporary AOF base file {} into {}: {}", r.tmpFile().getFileName(), basePath, e.getMessage());
      lastBgrewriteOk = false;
      consecutiveFailures++;
      return;
    }
    log.info("Successfully renamed the temporary AOF base file {} into {}", r.tmpFile().getFileName(), baseName);
    Path newIncrPath = null;
    if (state == State.WAIT_REWRITE) {
      String tempIncr = AofManifest.tempIncrName(settings.filename);
      String newIncr = temp.newIncr(settings.filename);
      newIncrPath = dir.path(newIncr);
      try {
        Files.move(dir.path(tempIncr), newIncrPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        log.warn("Error trying to rename the temporary AOF incr file {} into {}: {}", tempIncr, newIncr, e.getMessage());
        deleteQuietly(basePath);
        lastBgrewriteOk = false;
        consecutiveFailures++;
        return;
      }
      log.info("Successfully renamed the temporary AOF incr file {} into {}", tempIncr, newIncr);
    }
    temp.markRewrittenIncrAsHistory(fd != null);
    try {
      dir.persist(temp);
    } catch (IOException e) {
      log.warn("Can't write the AOF manifest: {}", e.getMessage());
      deleteQuietly(basePath);
      if (newIncrPath != null) {
        deleteQuietly(newIncrPath);
      }
      lastBgrewriteOk = false;
      consecutiveFailures++;
      return;
    }
    manifest = temp;
    if (state != State.OFF) {
      long baseSize = sizeOrZero(baseName);
      currentSize = baseSize + lastIncrSize;
      rewriteBaseSize = currentSize;
    }
    deleteHistoryFiles();
    lastBgrewriteOk = true;
    consecutiveFailures = 0;
    log.info("Background AOF rewrite finished successfully");
    if (state == State.WAIT_REWRITE) {
      state = State.ON;
    }
  }

  /** Stops a running rewrite: its result will be ignored and its temp file deleted (Redis's {@code killAppendOnlyChild}). */
  private void killRewrite() {
    if (rewriting == null) {
      return;
    }
    log.info("Killing running AOF rewrite");
    baseWriter.cancel();
    deleteQuietly(rewriting.tmpFile());
    long now = unixtime();
    rewriteTimeLast = now - rewriting.startSeconds();
    rewriting = null;
    rewriteTimeStart = -1;
  }

  /**
   * Redis's {@code aofDelHistoryFiles}: deletes the files a finished rewrite made obsolete, in
   * the background, and drops them from the manifest. Nothing when {@code aof-disable-auto-gc}.
   */
  public void deleteHistoryFiles() {
    if (settings.disableAutoGc || manifest.history().isEmpty()) {
      return;
    }
    for (AofManifest.Entry e : manifest.history()) {
      log.info("Removing the history file {} in the background", e.fileName());
      Path p = dir.path(e.fileName());
      bio.execute(() -> deleteQuietly(p));
    }
    manifest.clearHistory();
    try {
      dir.persist(manifest);
    } catch (IOException e) {
      log.warn("Can't write the AOF manifest after removing history files: {}", e.getMessage());
    }
  }

  // ---- CONFIG SET appendonly ------------------------------------------------------------

  /** Redis's {@code updateAppendonly}. */
  void appendonlyChanged(boolean on) throws ConfigError {
    if (!on && state != State.OFF) {
      stopAppendOnly();
    } else if (on && state == State.OFF) {
      if (!startAppendOnly()) {
        throw new ConfigError("Unable to turn on AOF. Check server logs.");
      }
    }
  }

  /** Redis's {@code startAppendOnly}: a rewrite writes the base; writes meanwhile go to a temp incr file. */
  private boolean startAppendOnly() {
    state = State.WAIT_REWRITE;
    if (otherBackgroundJob.getAsBoolean()) {
      rewriteScheduled = true;
      log.warn("AOF was enabled but there is already another background operation. An AOF background was scheduled to start "
          + "when possible.");
    } else if (node.dispatcher().inExec()) {
      rewriteScheduled = true;
      log.warn("AOF was enabled during a transaction. An AOF background was scheduled to start when possible.");
    } else {
      if (rewriting != null) {
        log.warn("AOF was enabled but there is already an AOF rewriting in background. Stopping background AOF and starting a "
            + "rewrite now.");
        killRewrite();
      }
      if (!startRewrite()) {
        state = State.OFF;
        log.warn("Redis needs to enable the AOF but can't trigger a background AOF rewrite operation. Check the above logs for "
            + "more info about the error.");
        return false;
      }
    }
    lastFsyncSeconds = unixtime();
    if (bioFsyncError != null) {
      log.warn("AOF reopen, just ignore the AOF fsync error in bio job");
      bioFsyncError = null;
    }
    if (!lastWriteOk) {
      log.warn("AOF reopen, just ignore the last error.");
      lastWriteOk = true;
    }
    return true;
  }

  /** Redis's {@code stopAppendOnly}. */
  private void stopAppendOnly() {
    flush(true);
    if (fd != null) {
      try {
        fd.force(false);
        lastFsyncSeconds = unixtime();
      } catch (IOException e) {
        log.warn("Fail to fsync the AOF file: {}", e.getMessage());
      }
      closeQuietly(fd);
      fd = null;
    }
    state = State.OFF;
    rewriteScheduled = false;
    lastIncrSize = 0;
    lastIncrFsyncOffset = 0;
    killRewrite();
    bufLen = 0;
  }

  // ---- shutdown -------------------------------------------------------------------------

  /**
   * SHUTDOWN's part (Redis's {@code prepareForShutdown}): refuses while the first AOF is still
   * being written unless {@code force}; stops a rewrite; flushes and fsyncs. Returns whether
   * the shutdown may go on.
   */
  public boolean prepareShutdown(boolean force) {
    if (rewriting != null) {
      if (state == State.WAIT_REWRITE) {
        if (force) {
          log.warn("Writing initial AOF. Exit anyway.");
        } else {
          log.warn("Writing initial AOF, can't exit.");
          return false;
        }
      }
      log.warn("There is a child rewriting the AOF. Killing it!");
      killRewrite();
    }
    if (state != State.OFF && fd != null) {
      log.info("Calling fsync() on the AOF file.");
      flush(true);
      try {
        fd.force(false);
      } catch (IOException e) {
        log.warn("Fail to fsync the AOF file: {}.", e.getMessage());
      }
    }
    return true;
  }

  /** The node is closing: flush, fsync and close the file. */
  public void close() {
    prepareShutdown(true);
    closeQuietly(fd);
    fd = null;
    node.replicationLog().removeListener(this);
    settings.runtime = null;
  }

  // ---- INFO -----------------------------------------------------------------------------

  /** INFO persistence, from {@code aof_enabled} to {@code aof_last_cow_size}. */
  public void infoStatus(StringBuilder b) {
    long now = unixtime();
    line(b, "aof_enabled", state != State.OFF ? 1 : 0);
    line(b, "aof_rewrite_in_progress", rewriting != null ? 1 : 0);
    line(b, "aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
    line(b, "aof_last_rewrite_time_sec", rewriteTimeLast);
    line(b, "aof_current_rewrite_time_sec", rewriting == null ? -1 : now - rewriteTimeStart);
    line(b, "aof_last_bgrewrite_status", lastBgrewriteOk ? "ok" : "err");
    line(b, "aof_rewrites", rewrites);
    line(b, "aof_rewrites_consecutive_failures", consecutiveFailures);
    line(b, "aof_last_write_status", lastWriteOk && bioFsyncError == null ? "ok" : "err");
    line(b, "aof_last_cow_size", 0);
  }

  /** INFO persistence's AOF sizes, printed only when {@code appendonly} is on (after the module_fork lines). */
  public void infoSizes(StringBuilder b) {
    if (!settings.enabled) {
      return;
    }
    line(b, "aof_current_size", currentSize);
    line(b, "aof_base_size", rewriteBaseSize);
    line(b, "aof_pending_rewrite", rewriteScheduled ? 1 : 0);
    line(b, "aof_buffer_length", bufLen);
    line(b, "aof_pending_bio_fsync", pendingBioFsync.get());
    line(b, "aof_delayed_fsync", delayedFsync);
  }

  private static void line(StringBuilder b, String name, Object value) {
    b.append(name).append(':').append(value).append("\r\n");
  }

  // ---- helpers --------------------------------------------------------------------------

  private long sizeOfBaseAndIncr() {
    long total = 0;
    for (AofManifest.Entry e : manifest.loadOrder()) {
      total += sizeOrZero(e.fileName());
    }
    return total;
  }

  private long sizeOrZero(String name) {
    try {
      return Math.max(0, dir.size(name));
    } catch (IOException e) {
      log.warn("Unable to obtain the AOF file {} length. stat: {}", name, e.getMessage());
      return 0;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", p, e.getMessage());
    }
  }

  private static void closeQuietly(FileChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException e) {
      log.debug("Closing an AOF file: {}", e.getMessage());
    }
  }
}
