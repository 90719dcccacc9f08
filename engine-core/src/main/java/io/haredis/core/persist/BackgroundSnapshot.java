package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.DictSnapshot;
import io.haredis.core.keyspace.AccessPolicy;
import io.haredis.core.keyspace.Keyspace;
import java.util.Arrays;

/**
 * The whole keyspace as it was at one instant, written as RDB by a background thread while the
 * loop goes on serving: a {@link DictSnapshot} per non-empty database. The loop's only costs are
 * a state byte per bucket when the snapshot is taken and, before it first changes a bucket the
 * writer has not reached, serializing that bucket's old entries itself.
 *
 * <p>Taken, released and abandoned on the loop; {@link #writeSome} runs on the writing thread.
 */
final class BackgroundSnapshot {

  private final DictSnapshot[] dbs;
  private final long[] expires;
  private final long keysTotal;
  // loop side: buckets serialized before their change
  private final Serializer capture;
  // writer side
  private Serializer visitor;
  private int db;
  private boolean dbBegun;
  private volatile long keysWritten;
  private final AccessPolicy.SaveHints hints;

  BackgroundSnapshot(Keyspace keyspace, boolean compress, int listMaxListpackSize, int listCompressDepth) {
    this.hints = keyspace.saveHints();
    this.capture = new Serializer(new RdbWriter(new RdbOutput(4096), compress, listMaxListpackSize, listCompressDepth), hints);
    int n = keyspace.databases();
    this.dbs = new DictSnapshot[n];
    this.expires = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      if (keyspace.db(i).dict().size() > 0) {
        dbs[i] = DictSnapshot.take(keyspace.db(i).dict(), capture);
        expires[i] = keyspace.db(i).expiresCount();
        total += dbs[i].size();
      }
    }
    this.keysTotal = total;
  }

  long keysTotal() {
    return keysTotal;
  }

  /** Keys written or captured so far; on the loop. */
  long keysProcessed() {
    return keysWritten + capture.keys;
  }

  /**
   * Writes up to {@code buckets} more buckets (with the SELECTDB/RESIZEDB header of each
   * database) through {@code writer}, the same one on every call; returns true when every
   * database is written. The EOF is the caller's.
   */
  boolean writeSome(RdbWriter writer, int buckets) {
    if (visitor == null) {
      visitor = new Serializer(writer, hints);
    }
    while (db < dbs.length) {
      DictSnapshot s = dbs[db];
      if (s == null) {
        db++;
        continue;
      }
      if (!dbBegun) {
        dbBegun = true;
        visitor.writer.selectDb(db);
        visitor.writer.resizeDb(s.size(), expires[db]);
      }
      if (!s.walk(buckets, visitor)) {
        keysWritten = visitor.keys;
        return false;
      }
      db++;
      dbBegun = false;
    }
    keysWritten = visitor.keys;
    return true;
  }

  /** The writer has finished: the loop may change anything again. On the loop. */
  void release() {
    for (DictSnapshot s : dbs) {
      if (s != null) {
        s.release();
      }
    }
  }

  /** Gives up a snapshot the writer may still be walking (a cancelled save). On the loop. */
  void abandon() {
    for (DictSnapshot s : dbs) {
      if (s != null) {
        s.abandon();
      }
    }
  }

  /** Keys the writer has written itself (the rest of {@link #keysProcessed} the loop captured). */
  long keysWritten() {
    return keysWritten;
  }

  /**
   * Serializes entries through one writer: as the writer's visitor (raw bytes of captured
   * buckets go straight through), or on the loop as the capture (each bucket's bytes taken out).
   */
  private static final class Serializer implements DictSnapshot.BucketVisitor, DictSnapshot.Capture {
    final RdbWriter writer;
    long keys;

    final AccessPolicy.SaveHints hints;

    Serializer(RdbWriter writer, AccessPolicy.SaveHints hints) {
      this.writer = writer;
      this.hints = hints;
    }

    @Override
    public void entry(Entry e) {
      writer.keyValue(e.key(), e.value(), e.expireAt(), hints.idleSeconds(e), hints.lfuFreq(e));
      keys++;
    }

    @Override
    public void captured(byte[] bytes) {
      writer.output().write(bytes, 0, bytes.length);
    }

    @Override
    public byte[] end() {
      RdbOutput out = writer.output();
      byte[] bytes = Arrays.copyOf(out.array(), out.length());
      out.clear();
      return bytes;
    }
  }
}
