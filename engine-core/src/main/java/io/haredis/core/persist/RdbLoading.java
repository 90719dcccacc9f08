package io.haredis.core.persist;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.type.RedisValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an RDB file into the node at startup while the node already answers clients (with
 * {@code -LOADING} for the commands that need the data, and INFO's {@code loading_*} fields).
 *
 * <p>The file is parsed on the node's background I/O thread, which also builds the values; the
 * decoded keys reach the loop in batches, where they are inserted. So the loop stays responsive
 * and parsing overlaps inserting. At most a few batches are in flight: a slow loop slows the
 * parser rather than filling the heap.
 */
public final class RdbLoading implements DatasetLoading {

  private static final Logger log = LoggerFactory.getLogger(RdbLoading.class);
  private static final int BATCH = 1024;
  private static final int BATCHES_IN_FLIGHT = 8;

  private final ServerNode node;
  private final Path file;
  private final long totalBytes;
  private final long startSeconds;
  private final long startNanos;
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  private final Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
  private volatile long loadedBytes;
  private volatile long rdbUsedMem;
  private long keysLoaded;
  private long keysExpired;
  private long lastProgressNanos;
  private String failure;
  private final boolean inline;
  private final EncodingLimits limits;
  private final java.util.Random random;
  private final boolean checksum;
  private boolean merge;

  private RdbLoading(ServerNode node, Path file, long totalBytes, boolean inline) {
    this.inline = inline;
    this.node = node;
    // read here, on the loop: the parser thread must not touch node state
    this.limits = EncodingLimits.of(node.settings());
    this.random = new java.util.Random(node.context().random().nextLong());
    this.checksum = node.settings().rdbChecksum;
    this.file = file;
    this.totalBytes = totalBytes;
    this.startSeconds = node.context().clock().currentTimeMillis() / 1000;
    this.startNanos = node.context().clock().nanoTime();
    this.lastProgressNanos = startNanos;
  }

  /**
   * Starts loading {@code file} (on the loop); the future completes on the loop when the
   * dataset is in, or exceptionally with the reason the file was refused.
   */
  public static CompletableFuture<Void> start(ServerNode node, Path file) throws IOException {
    RdbLoading l = new RdbLoading(node, file, Files.size(file), false);
    node.loader(l);
    node.bio().submit(l::parse);
    return l.done;
  }

  /**
   * Loads {@code file} right now (DEBUG RELOAD: the node serves nothing meanwhile, as in
   * Redis). The loop inserts while the I/O thread parses the next batches. Throws with the
   * reason when the file is refused; keys loaded before the error stay.
   */
  public static void loadNow(ServerNode node, Path file, boolean merge) throws IOException {
    RdbLoading l = new RdbLoading(node, file, Files.size(file), true);
    l.merge = merge;
    node.bio().submit(l::parse);
    while (true) {
      Object next = l.handOff.takeUninterruptibly();
      if (next instanceof ParseEnd end) {
        l.finish(end.error());
        break;
      }
      @SuppressWarnings("unchecked")
      List<Decoded> batch = (List<Decoded>) next;
      l.apply(batch);
    }
    if (l.done.isCompletedExceptionally()) {
      try {
        l.done.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }
  }

  @Override
  public void info(StringBuilder b) {
    DatasetLoading.info(b, startSeconds, node.context().clock().currentTimeMillis() / 1000, totalBytes, loadedBytes, rdbUsedMem);
  }

  // ---- the parser, on the background I/O thread ---------------------------------------------

  private record Decoded(int db, byte[] key, RedisValue value, long expireAt, long idleSeconds, int lfuFreq) {}

  /** The parser's last word to an inline load: the error, or null. */
  private record ParseEnd(String error) {}

  /** Batches (then a {@link ParseEnd}) from the parser to a loop blocked in {@link #loadNow}. */
  private static final class HandOff {
    private final java.util.concurrent.ArrayBlockingQueue<Object> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);

    void putUninterruptibly(Object o) {
      boolean interrupted = false;
      while (true) {
        try {
          queue.put(o);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    Object takeUninterruptibly() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return queue.take();
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private final HandOff handOff = new HandOff();

  private void parse() {
    String error = null;
    try (InputStream in = Files.newInputStream(file)) {
      RdbReader reader = new RdbReader(in, limits, random).checksum(checksum);
      List<Decoded>[] batch = new List[] {new ArrayList<Decoded>(BATCH)};
      reader.read(new RdbVisitor() {
        @Override
        public void aux(byte[] key, byte[] value) {
          String k = new String(key, StandardCharsets.ISO_8859_1);
          String v = new String(value, StandardCharsets.ISO_8859_1);
          switch (k) {
            case "ctime" -> log.info("RDB age {} seconds", Math.max(0, startSeconds - parseLong(v)));
            case "used-mem" -> {
              rdbUsedMem = parseLong(v);
              log.info("RDB memory usage when created {} Mb", String.format(Locale.ROOT, "%.2f", rdbUsedMem / 1024.0 / 1024));
            }
            default -> { }
          }
        }

        int db;

        @Override
        public void selectDb(int index) {
          db = index;
        }

        @Override
        public void resizeDb(long size, long expires) {
          batch[0].add(new Decoded(db, null, null, size, -1, -1)); // a sizing hint for the loop
        }

        @Override
        public void keyValue(int db, byte[] key, RedisValue value, long expireAtMs, long idleSeconds, int lfuFreq) {
          batch[0].add(new Decoded(db, key, value, expireAtMs, idleSeconds, lfuFreq));
          if (batch[0].size() == BATCH) {
            hand(batch[0], reader.bytesRead());
            batch[0] = new ArrayList<>(BATCH);
          }
        }
      });
      hand(batch[0], reader.bytesRead());
    } catch (RdbFormatException e) {
      error = e.getMessage() + " (" + file + ")";
    } catch (IOException | RuntimeException e) {
      error = "Error reading the RDB file " + file + ": " + e;
    }
    String result = error;
    if (inline) {
      handOff.putUninterruptibly(new ParseEnd(result));
    } else {
      node.context().loop().execute(() -> finish(result));
    }
  }

  private static long parseLong(String s) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private void hand(List<Decoded> batch, long bytes) {
    if (inline) {
      loadedBytes = bytes;
      handOff.putUninterruptibly(batch);
      return;
    }
    inFlight.acquireUninterruptibly();
    loadedBytes = bytes;
    node.context().loop().execute(() -> apply(batch));
  }

  // ---- the loop side -----------------------------------------------------------------------

  private void apply(List<Decoded> batch) {
    if (!inline) {
      inFlight.release();
    }
    if (failure != null) {
      return;
    }
    Keyspace ks = node.keyspace();
    long now = ks.refreshNow();
    for (Decoded d : batch) {
      if (d.key() == null) {
        if (d.db() < ks.databases()) {
          ks.db(d.db()).presize(d.expireAt());
        }
        continue;
      }
      if (d.db() >= ks.databases()) {
        failure = "FATAL: Data file was created with a Redis server configured to handle more than "
            + ks.databases() + " databases. Exiting";
        return;
      }
      // A master drops keys that expired while the file sat on disk (Redis's rdbLoad does).
      if (d.expireAt() != -1 && d.expireAt() < now && ks.expiryDeletes()) {
        keysExpired++;
        continue;
      }
      Database db = ks.db(d.db());
      Entry e;
      if (merge) {
        db.delete(d.key());
        e = db.addLoaded(d.key(), d.value());
      } else {
        e = db.addLoadedIfAbsent(d.key(), d.value());
        if (e == null) {
          failure = "RDB has duplicated key '" + new String(d.key(), StandardCharsets.ISO_8859_1) + "' in DB " + d.db();
          return;
        }
      }
      db.setAccess(e, d.idleSeconds(), d.lfuFreq()); // IDLE or FREQ opcodes (files written under LRU or LFU)
      if (d.expireAt() != -1) {
        db.setExpire(e, d.expireAt());
      }
      keysLoaded++;
    }
    long nowNanos = node.context().clock().nanoTime();
    if (nowNanos - lastProgressNanos > 1_000_000_000L) {
      lastProgressNanos = nowNanos;
      log.info("Loading RDB: {}% ({} keys loaded)",
          String.format(Locale.ROOT, "%.1f", totalBytes == 0 ? 100.0 : 100.0 * loadedBytes / totalBytes), keysLoaded);
    }
  }

  private void finish(String parseError) {
    if (!inline) {
      node.loader(null);
    }
    String error = failure != null ? failure : parseError;
    if (error != null) {
      log.warn("Internal error in RDB reading: {}", error);
      done.completeExceptionally(new IOException(error));
      return;
    }
    node.rdb().loaded(keysLoaded, keysExpired);
    double secs = (node.context().clock().nanoTime() - startNanos) / 1e9;
    log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", keysLoaded, keysExpired);
    log.info("DB loaded from disk: {} seconds", String.format(Locale.ROOT, "%.3f", secs));
    done.complete(null);
  }
}
