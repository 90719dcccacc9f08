package io.haredis.core.keyspace;

import io.haredis.core.keyspace.Dict.Entry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A point-in-time view of one {@link Dict} that another thread reads while the loop keeps
 * changing the dictionary: what a forked child sees of Redis's memory.
 *
 * <p>Taking it copies nothing: it keeps the dictionary's bucket arrays of the instant and a state
 * byte per bucket. The reader ({@link #walk}) follows each bucket's chain from its slot in those
 * arrays. The loop, before any change that could disturb a chain the reader may not have read
 * yet, claims the bucket (this class is the dictionary's {@link DictBarrier}):
 * <ul>
 *   <li>a change to a slot of one of those arrays, or to the links of its chain (insert in
 *       front, unlink, a rehash moving the bucket out or entries in): that bucket;</li>
 *   <li>a change to an entry's value or TTL, or its removal: the bucket its hash maps to in each
 *       of the instant's arrays (the one it was in at the instant among them).</li>
 * </ul>
 * An entry of the instant leaves those arrays only by a rehash move, which claims its bucket
 * first, so a chain the reader has not reached is the instant's chain.
 *
 * <p>Each bucket is claimed once, by compare-and-set, by whichever side comes first. The reader
 * then reads the chain and marks it done; the loop instead serializes the chain's old state
 * itself ({@link Capture}) and leaves the bytes for the reader. A loop that finds the reader
 * inside the bucket waits for it: one bucket's worth of work.
 */
public final class DictSnapshot implements DictBarrier {

  private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(byte[].class);
  private static final byte FREE = 0;
  /** The reader is reading the bucket's chain. */
  private static final byte READING = 1;
  /** The loop is serializing the bucket's chain. */
  private static final byte CAPTURING = 2;
  /** The loop's bytes for the bucket wait in {@link #captured}. */
  private static final byte CAPTURED = 3;
  /** Read, consumed, or empty when claimed. */
  private static final byte DONE = 4;

  /** Serializes, on the loop, the entries of a bucket about to change, as they are now. */
  public interface Capture {
    /** One entry of the bucket; the bucket's entries come in a row, then {@link #end}. */
    void entry(Entry e);

    /** The bytes of the entries given since the last call. */
    byte[] end();
  }

  /** Receives the buckets, on the reading thread, in walk order. */
  public interface BucketVisitor {
    /** An entry as it was at the snapshot's instant; the loop does not change it until this returns. */
    void entry(Entry e);

    /** The bytes of a bucket the loop serialized before changing it. */
    void captured(byte[] bytes);
  }

  /** One of the instant's bucket arrays and the state of each of its buckets. */
  private static final class Table {
    final Entry[] heads;
    final byte[] state;
    final long id;

    Table(Entry[] heads, long id) {
      this.heads = heads;
      this.state = new byte[heads.length];
      this.id = id;
    }
  }

  private final Dict dict;
  private final Capture capture;
  /** The instant's main table, and the rehash target when a rehash was under way. */
  private final Table source;
  private final Table target;
  private final long size;
  /** Bytes (or the failure) of the buckets the loop captured, by table id and index. */
  private final ConcurrentHashMap<Long, Object> captured = new ConcurrentHashMap<>();
  /** Set by the loop: the reader stops at its next bucket. */
  private volatile boolean abandoned;
  /** Set by the reader while it may be inside a chain (a Dekker handshake with {@link #abandoned}). */
  private volatile boolean reading;
  // reader position (reading thread only)
  private boolean inTarget;
  private int next;

  private DictSnapshot(Dict dict, Capture capture) {
    this.dict = dict;
    this.capture = capture;
    Entry[] t1 = dict.table1();
    this.source = new Table(dict.table0(), 0);
    this.target = t1 == null ? null : new Table(t1, 1L << 32);
    this.size = dict.size();
  }

  /**
   * Takes the snapshot of {@code dict} and installs it as the dictionary's barrier; on the loop.
   * {@link #release} removes it.
   */
  public static DictSnapshot take(Dict dict, Capture capture) {
    if (dict.barrier() != null) {
      throw new IllegalStateException("a snapshot is already in progress");
    }
    DictSnapshot s = new DictSnapshot(dict, capture);
    dict.barrier(s);
    return s;
  }

  /** Keys at the instant. */
  public long size() {
    return size;
  }

  /** Stops watching the dictionary, on the loop, once the reader has finished. */
  public void release() {
    if (dict.barrier() == this) {
      dict.barrier(null);
    }
  }

  /**
   * Gives the snapshot up while the reader may still be walking (a cancelled save): waits until
   * the reader is out of any chain, at most one bucket's worth, and releases the dictionary. The
   * reader's next {@link #walk} returns at once.
   */
  public void abandon() {
    abandoned = true;
    while (reading) {
      Thread.onSpinWait();
    }
    release();
  }

  // ---- loop side --------------------------------------------------------------------------

  @Override
  public void beforeChange(Entry e) {
    int h = dict.hash(e.key());
    if (source.heads.length > 0) {
      claim(source, h & (source.heads.length - 1));
    }
    if (target != null) {
      // during a rehash a key can be in either table (inserts go straight to the new one)
      claim(target, h & (target.heads.length - 1));
    }
  }

  @Override
  public void beforeLink(Entry[] table, int index) {
    if (table == source.heads) {
      claim(source, index);
    } else if (target != null && table == target.heads) {
      claim(target, index);
    }
    // any other array is newer than the instant: its chains hold only entries of claimed
    // buckets or entries born after the instant
  }

  private void claim(Table t, int i) {
    byte s = (byte) STATE.getAcquire(t.state, i);
    if (s == FREE) {
      if (STATE.compareAndSet(t.state, i, FREE, CAPTURING)) {
        Entry head = t.heads[i];
        if (head == null || abandoned) {
          STATE.setRelease(t.state, i, DONE);
          return;
        }
        Object bytes;
        try {
          for (Entry e = head; e != null; e = e.next) {
            capture.entry(e);
          }
          bytes = capture.end();
        } catch (RuntimeException ex) {
          bytes = ex; // the reader fails the snapshot with it; the change goes on
        }
        captured.put(t.id | i, bytes);
        STATE.setRelease(t.state, i, CAPTURED);
        return;
      }
      s = (byte) STATE.getAcquire(t.state, i);
    }
    for (int spins = 0; s == READING; spins++) {
      if (spins < 10_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the reader was descheduled inside the bucket
      }
      s = (byte) STATE.getAcquire(t.state, i);
    }
  }

  // ---- reader side ------------------------------------------------------------------------

  /**
   * Visits up to {@code buckets} buckets from where the last call stopped; returns true once
   * every bucket has been visited. On the reading thread.
   */
  public boolean walk(int buckets, BucketVisitor visitor) {
    reading = true;
    try {
      return walkBuckets(buckets, visitor);
    } finally {
      reading = false;
    }
  }

  private boolean walkBuckets(int buckets, BucketVisitor visitor) {
    while (buckets-- > 0) {
      if (abandoned) {
        return true;
      }
      Table t = inTarget ? target : source;
      if (next == t.heads.length) {
        if (inTarget || target == null) {
          return true;
        }
        inTarget = true;
        next = 0;
        continue;
      }
      int i = next++;
      if (STATE.compareAndSet(t.state, i, FREE, READING)) {
        // the loop changes this slot and its chain only after claiming the bucket
        try {
          for (Entry e = t.heads[i]; e != null; e = e.next) {
            visitor.entry(e);
          }
        } finally {
          STATE.setRelease(t.state, i, DONE);
        }
        continue;
      }
      byte s = (byte) STATE.getAcquire(t.state, i);
      while (s == CAPTURING) {
        Thread.onSpinWait(); // the loop is serializing one bucket
        s = (byte) STATE.getAcquire(t.state, i);
      }
      if (s == CAPTURED) {
        Object o = captured.remove(t.id | i);
        STATE.setRelease(t.state, i, DONE);
        if (o instanceof RuntimeException ex) {
          throw new IllegalStateException("a bucket could not be saved before its change", ex);
        }
        visitor.captured((byte[]) o);
      }
    }
    return false;
  }
}
