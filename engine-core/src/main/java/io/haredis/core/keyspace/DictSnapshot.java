package io.haredis.core.keyspace;

import io.haredis.core.keyspace.Dict.Entry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A point-in-time view of one {@link Dict} that another thread reads while the loop keeps
 * changing the dictionary: what a forked child sees of Redis's memory.
 *
 * <p>Taking it copies the bucket heads of the dictionary's table(s), a few MB for millions of
 * keys and no entry. From then on the reader ({@link #walk}) follows each copied chain from its
 * head, and the loop, before any change that would disturb a chain the reader may not have read
 * yet, claims that chain's bucket (this class is the dictionary's {@link DictBarrier}):
 * <ul>
 *   <li>a change to an entry's value or TTL, or its removal: the bucket its hash maps to in each
 *       copied table (the one it was in at the instant among them);</li>
 *   <li>a relink of a live chain (unlink, rehash): every copied bucket whose entries can be in
 *       that chain (tables only grow during a snapshot, so one per copied table at most).</li>
 * </ul>
 * <p>Each copied bucket is claimed once, by compare-and-set, by whichever side comes first. The
 * reader then reads the chain and marks it done; the loop instead serializes the chain's old
 * state itself ({@link Capture}) and leaves the bytes in the bucket for the reader. A loop that
 * finds the reader inside the bucket waits for it: one bucket's worth of work. Keys inserted
 * after the instant are never seen: inserts link new entries in front of the live heads, which
 * the copy does not hold.
 */
public final class DictSnapshot implements DictBarrier {

  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
  /** The reader is reading the bucket's chain. */
  private static final Object READING = new Object();
  /** The loop is serializing the bucket's chain. */
  private static final Object CAPTURING = new Object();
  /** Read, or its captured bytes consumed. */
  private static final Object DONE = new Object();
  /** The loop could not serialize a chain: the snapshot is unusable. */
  private record Failed(RuntimeException cause) {}

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

  private final Dict dict;
  private final Capture capture;
  /** Copies of the table heads; {@code source} is the only one unless a rehash was under way. */
  private final Heads source;
  private final Heads target;
  private final long size;
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
    dict.finishShrink(); // so no live table is ever smaller than a copied one
    Entry[] t0 = dict.table0();
    Entry[] t1 = dict.table1();
    this.source = new Heads(t0);
    this.target = t1 == null ? null : new Heads(t1);
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

  /**
   * A copy of a table's heads, in chunks: one array of millions of slots would be a humongous
   * allocation for the collector, which can cost a pause of its own.
   */
  private static final class Heads {
    static final int CHUNK_BITS = 16;
    static final int CHUNK = 1 << CHUNK_BITS;
    final Object[][] chunks;
    final int length;

    Heads(Entry[] table) {
      length = table.length;
      chunks = new Object[(length + CHUNK - 1) >>> CHUNK_BITS][];
      for (int c = 0; c < chunks.length; c++) {
        int from = c << CHUNK_BITS;
        int n = Math.min(CHUNK, length - from);
        chunks[c] = new Object[n];
        System.arraycopy(table, from, chunks[c], 0, n);
      }
    }

    Object get(int i) {
      return (Object) SLOT.getAcquire(chunks[i >>> CHUNK_BITS], i & (CHUNK - 1));
    }

    boolean cas(int i, Object expected, Object value) {
      return SLOT.compareAndSet(chunks[i >>> CHUNK_BITS], i & (CHUNK - 1), expected, value);
    }

    void set(int i, Object value) {
      SLOT.setRelease(chunks[i >>> CHUNK_BITS], i & (CHUNK - 1), value);
    }
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
    claim(source, h & (source.length - 1));
    if (target != null) {
      // during a rehash a key can be in either table (inserts go straight to the new one)
      claim(target, h & (target.length - 1));
    }
  }

  @Override
  public void added(Entry e) {
    // invisible to the reader: linked in front of a live head, which the copy does not hold
  }

  @Override
  public void beforeRelink(int index, int tableLength) {
    // entries only move to bigger tables, so a live chain holds entries of a copied table no
    // bigger than its own, all from the one copied bucket its index maps to
    if (source.length <= tableLength) {
      claim(source, index & (source.length - 1));
    }
    if (target != null && target.length <= tableLength) {
      claim(target, index & (target.length - 1));
    }
  }

  private byte[] captureChain(Entry head) {
    for (Entry e = head; e != null; e = e.next) {
      capture.entry(e);
    }
    return capture.end();
  }

  private void claim(Heads table, int i) {
    Object o = table.get(i);
    if (o instanceof Entry head) {
      if (table.cas(i, head, CAPTURING)) {
        Object captured;
        try {
          captured = abandoned ? DONE : captureChain(head);
        } catch (RuntimeException ex) {
          captured = new Failed(ex); // the reader fails the snapshot with it; the change goes on
        }
        table.set(i, captured);
        return;
      }
      o = table.get(i);
    }
    for (int spins = 0; o == READING; spins++) {
      if (spins < 10_000) {
        Thread.onSpinWait();
      } else {
        Thread.yield(); // the reader was descheduled inside the bucket
      }
      o = table.get(i);
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
      Heads table = inTarget ? target : source;
      if (next == table.length) {
        if (inTarget || target == null) {
          return true;
        }
        inTarget = true;
        next = 0;
        continue;
      }
      int i = next++;
      Object o = table.get(i);
      if (o == null) {
        continue;
      }
      if (o instanceof Entry head) {
        if (table.cas(i, head, READING)) {
          try {
            for (Entry e = head; e != null; e = e.next) {
              visitor.entry(e);
            }
          } finally {
            table.set(i, DONE);
          }
          continue;
        }
        o = table.get(i);
      }
      while (o == CAPTURING) {
        Thread.onSpinWait(); // the loop is serializing one bucket
        o = table.get(i);
      }
      if (o instanceof Failed f) {
        throw new IllegalStateException("a bucket could not be saved before its change", f.cause());
      }
      if (o instanceof byte[] bytes) {
        visitor.captured(bytes);
      }
      table.set(i, DONE);
    }
    return false;
  }
}
