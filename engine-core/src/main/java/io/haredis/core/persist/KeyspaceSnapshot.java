package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict;
import io.haredis.core.keyspace.Keyspace;

/**
 * A walk over the whole keyspace, a bounded number of buckets at a time, for a caller that
 * finishes it before anything else runs on the loop (SAVE, DEBUG RELOAD, SHUTDOWN): nothing
 * changes under it, so it needs no barrier and can run while a background save is in progress.
 * Background saves use {@link BackgroundSnapshot} instead.
 */
public final class KeyspaceSnapshot {

  private final SnapshotSink sink;
  private final Dict[] dicts;
  private final long[] sizes;
  private final long[] expires;
  private final long keysTotal;
  private int current;
  private long cursor;
  private boolean begun;
  private boolean finished;

  private KeyspaceSnapshot(Keyspace keyspace, SnapshotSink sink) {
    this.sink = sink;
    int n = keyspace.databases();
    this.dicts = new Dict[n];
    this.sizes = new long[n];
    this.expires = new long[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      dicts[i] = keyspace.db(i).dict();
      sizes[i] = dicts[i].size();
      expires[i] = keyspace.db(i).expiresCount();
      total += sizes[i];
    }
    this.keysTotal = total;
  }

  /** A walk of {@code keyspace} as it is now, delivered to {@code sink}. */
  public static KeyspaceSnapshot quiescent(Keyspace keyspace, SnapshotSink sink) {
    return new KeyspaceSnapshot(keyspace, sink);
  }

  public long keysTotal() {
    return keysTotal;
  }

  /**
   * Walks up to {@code bucketBudget} buckets (fewer when a database ends); returns true when the
   * whole keyspace has been delivered.
   */
  public boolean step(int bucketBudget) {
    while (!finished && bucketBudget > 0) {
      if (current == dicts.length) {
        finished = true;
        break;
      }
      if (sizes[current] == 0) {
        current++;
        continue;
      }
      int db = current;
      if (!begun) {
        begun = true;
        sink.beginDb(db, sizes[db], expires[db]);
      }
      Dict.ScanVisitor visitor = e -> sink.entry(db, e);
      while (bucketBudget-- > 0) {
        cursor = dicts[db].scan(cursor, visitor);
        if (cursor == 0) {
          sink.endDb(db);
          current++;
          begun = false;
          break;
        }
      }
    }
    return finished;
  }

  /** Stops the walk; what was delivered stays delivered. */
  public void abort() {
    finished = true;
  }
}
