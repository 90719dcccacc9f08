package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.DictBarrier;
import io.haredis.core.keyspace.Keyspace;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A point-in-time view of the whole keyspace, taken without stopping the node and without
 * copying the dataset: what Redis gets from fork().
 *
 * <p>The snapshot walks each database's dictionary with {@link Dict#scan} a bounded amount at a
 * time ({@link #step}), on the node's loop, between client commands. Meanwhile a
 * {@link DictBarrier} on each dictionary sees every change before it happens. The scan cursor
 * splits the keys into those already delivered and those still ahead: since {@code dictScan}
 * visits hashes in reverse-binary order, a key is behind the cursor exactly when its bit-reversed
 * hash is below the bit-reversed cursor, whatever the table's size or rehashing state (tables
 * may grow during the walk; they may not shrink, which {@link Dict#barrier} prevents). So:
 * <ul>
 *   <li>a key ahead of the cursor that is about to change is delivered now, in its old state
 *       ({@code early}), and remembered so the scan skips it when it gets there;</li>
 *   <li>a key inserted ahead of the cursor is remembered too: it did not exist at the snapshot's
 *       instant;</li>
 *   <li>keys behind the cursor were delivered already; their changes are not the snapshot's.</li>
 * </ul>
 * A database emptied by FLUSHDB/FLUSHALL keeps its old dictionary object, which nothing touches
 * any more, so the walk simply finishes it; SWAPDB moves dictionaries with their barriers.
 * The cost of writes during a snapshot is one hash per first change of a key ahead of the cursor
 * plus the serialization of its old value.
 */
public final class KeyspaceSnapshot {

  private final SnapshotSink sink;
  private final DbWalk[] walks;
  private int current;
  private long keysDelivered;
  private final long keysTotal;
  private boolean finished;
  private boolean holdBarriers;

  /** Starts a snapshot of {@code keyspace} as it is now. */
  public KeyspaceSnapshot(Keyspace keyspace, SnapshotSink sink) {
    this(keyspace, sink, true);
  }

  /**
   * A walk for a caller that finishes it before anything else runs on the loop (SAVE, DEBUG
   * RELOAD, SHUTDOWN): no barriers are needed, so it can run while a background snapshot is in
   * progress.
   */
  public static KeyspaceSnapshot quiescent(Keyspace keyspace, SnapshotSink sink) {
    return new KeyspaceSnapshot(keyspace, sink, false);
  }

  private KeyspaceSnapshot(Keyspace keyspace, SnapshotSink sink, boolean barriers) {
    this.sink = sink;
    this.walks = new DbWalk[keyspace.databases()];
    long total = 0;
    for (int i = 0; i < walks.length; i++) {
      Dict d = keyspace.db(i).dict();
      if (barriers && d.barrier() != null) {
        throw new IllegalStateException("a snapshot is already in progress");
      }
      walks[i] = new DbWalk(i, d, d.size(), keyspace.db(i).expiresCount());
      total += d.size();
    }
    for (DbWalk w : walks) {
      if (w.size > 0) {
        if (barriers) {
          w.dict.barrier(w);
        }
      } else {
        w.done = true;
      }
    }
    this.keysTotal = total;
  }

  /** Keys in the snapshot (INFO's {@code current_save_keys_total}). */
  public long keysTotal() {
    return keysTotal;
  }

  /** Keys delivered so far, early ones included. */
  public long keysDelivered() {
    return keysDelivered;
  }

  public boolean isFinished() {
    return finished;
  }

  /**
   * Walks up to {@code bucketBudget} buckets (fewer when a database ends); returns true when the
   * whole snapshot has been delivered.
   */
  public boolean step(int bucketBudget) {
    while (!finished && bucketBudget > 0) {
      if (current == walks.length) {
        finished = true;
        break;
      }
      DbWalk w = walks[current];
      if (w.done) {
        current++;
        continue;
      }
      if (!w.begun) {
        w.begun = true;
        sink.beginDb(w.db, w.size, w.expires);
      }
      while (bucketBudget-- > 0) {
        w.cursor = w.dict.scan(w.cursor, w);
        w.started = true;
        if (w.cursor == 0) {
          w.finish();
          current++;
          break;
        }
      }
    }
    return finished;
  }

  /**
   * Keeps the barriers after the walk has finished, until {@link #abort}: for a sink that
   * serializes delivered entries later ({@link SnapshotSink#changingDelivered}).
   */
  public KeyspaceSnapshot holdBarriers() {
    this.holdBarriers = true;
    return this;
  }

  /** Stops watching the dictionaries; what was delivered stays delivered. Idempotent. */
  public void abort() {
    for (DbWalk w : walks) {
      if (w.dict.barrier() == w) {
        w.dict.barrier(null);
      }
      w.done = true;
    }
    finished = true;
  }

  /** One database's walk: the scan visitor and the barrier of its dictionary. */
  private final class DbWalk implements DictBarrier, Dict.ScanVisitor {
    final int db;
    final Dict dict;
    final long size;
    final long expires;
    /** Entries delivered early or born after the snapshot, which the scan must skip. */
    final Set<Entry> skip = Collections.newSetFromMap(new IdentityHashMap<>());
    /**
     * A bit per low-order hash value of the entries ever put in {@link #skip}: the scan checks a
     * bucket once against it instead of each of its entries against the identity set, which
     * would stamp an identity hash on (and so write to) every entry of the dataset.
     */
    final long[] skipFilter;
    final int filterMask;
    /** The bucket being visited holds no entry of {@link #skip}. */
    boolean bucketClear;
    long cursor;
    boolean begun;
    boolean started;
    boolean done;

    DbWalk(int db, Dict dict, long size, long expires) {
      this.db = db;
      this.dict = dict;
      this.size = size;
      this.expires = expires;
      int bits = Integer.highestOneBit((int) Math.max(64, Math.min(size, 1 << 20)));
      this.skipFilter = new long[bits >>> 6];
      this.filterMask = bits - 1;
    }

    private boolean behindCursor(int hash) {
      return started && Integer.compareUnsigned(Integer.reverse(hash), Integer.reverse((int) cursor)) < 0;
    }

    private void addSkip(Entry e, int hash) {
      if (skip.add(e)) {
        int bit = hash & filterMask;
        skipFilter[bit >>> 6] |= 1L << bit;
      }
    }

    @Override
    public void beforeChange(Entry e) {
      if (done) {
        if (holdBarriers) {
          sink.changingDelivered(db, e);
        }
        return;
      }
      int hash = dict.hash(e.key());
      if (behindCursor(hash)) {
        if (holdBarriers) {
          sink.changingDelivered(db, e);
        }
        return;
      }
      if (skip.contains(e)) {
        return;
      }
      addSkip(e, hash);
      keysDelivered++;
      sink.entry(db, e, true);
    }

    @Override
    public void added(Entry e) {
      if (done) {
        return;
      }
      int hash = dict.hash(e.key());
      if (!behindCursor(hash)) {
        addSkip(e, hash);
      }
    }

    @Override
    public void bucket(int index, int mask) {
      // a table at least as big as the filter files a key's filter bit in its bucket index
      bucketClear = skip.isEmpty()
          || (mask >= filterMask && (skipFilter[(index & filterMask) >>> 6] & (1L << index)) == 0);
    }

    @Override
    public void visit(Entry e) {
      if (!bucketClear && skip.remove(e)) {
        return;
      }
      keysDelivered++;
      sink.entry(db, e, false);
    }

    void finish() {
      done = true;
      if (!holdBarriers && dict.barrier() == this) {
        dict.barrier(null);
      }
      skip.clear();
      sink.endDb(db);
    }
  }
}
