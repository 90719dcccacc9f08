package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict.Entry;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A {@link SnapshotSink} that serializes off the loop: the walk only collects entries into
 * {@link Batch}es, which the background I/O thread turns into RDB bytes, so the loop spends on a
 * background save little more than the walk itself.
 *
 * <p>An entry handed over but not yet serialized may be about to change on the loop
 * ({@link #changingDelivered}). Each entry of a batch has a state, claimed by compare-and-set by
 * whichever side gets there first: the serializer (which the loop then waits for: one value's
 * worth of work) or the loop (which serializes the old state itself, into bytes the serializer
 * copies in place). So the file holds every key as it was at the snapshot's instant, and nothing
 * reads a value while the loop changes it.
 *
 * <p>Keys saved early (ahead of the walk) are serialized on the loop, as in
 * {@link RdbSnapshotSink}, and travel in their database's last batch.
 */
final class RdbBatchSink implements SnapshotSink {

  private static final int FREE = 0;
  private static final int SERIALIZER = 1;
  private static final int LOOP = 2;
  private static final int LOOP_DONE = 3;
  private static final int DONE = 4;

  /** Items for the serializer, in file order: entries, database headers, early bytes. */
  static final class Batch {
    final Object[] items;
    final AtomicIntegerArray state;
    final byte[][] loopBytes;
    int size;
    volatile boolean complete;

    Batch(int capacity) {
      items = new Object[capacity];
      state = new AtomicIntegerArray(capacity);
      loopBytes = new byte[capacity][];
    }
  }

  private record BeginDb(int db, long size, long expires) {}

  private record Raw(byte[] bytes) {}

  private final int capacity;
  // loop side
  private final EarlyKeys early;
  private final RdbOutput claimOut = new RdbOutput(4096);
  private final RdbWriter claimWriter;
  private final ArrayDeque<Batch> handedOver = new ArrayDeque<>();
  /** Serialized batches, cleared for reuse: a save does not feed the young generation. */
  private final ArrayDeque<Batch> free = new ArrayDeque<>();
  private Batch current;
  // serializer side (handed over with the first batch)
  private final RdbOutput out;
  private final RdbWriter writer;

  RdbBatchSink(int databases, boolean compress, int listMaxListpackSize, int listCompressDepth, int capacity,
      int outputCapacity) {
    this.capacity = capacity;
    this.early = new EarlyKeys(databases, compress, listMaxListpackSize, listCompressDepth);
    this.claimWriter = new RdbWriter(claimOut, compress, listMaxListpackSize, listCompressDepth);
    this.out = new RdbOutput(outputCapacity);
    this.writer = new RdbWriter(out, compress, listMaxListpackSize, listCompressDepth);
    this.current = new Batch(capacity);
  }

  /** The header and AUX fields, written on the loop before any batch is handed over. */
  RdbWriter headerWriter() {
    return writer;
  }

  // ---- loop side ---------------------------------------------------------------------------

  @Override
  public void beginDb(int db, long size, long expires) {
    add(new BeginDb(db, size, expires));
  }

  @Override
  public void entry(int db, Entry e, boolean isEarly) {
    if (isEarly) {
      early.add(db, e);
    } else {
      add(e);
    }
  }

  @Override
  public void endDb(int db) {
    byte[] pending = early.take(db);
    if (pending != null) {
      add(new Raw(pending));
    }
  }

  @Override
  public void changingDelivered(int db, Entry e) {
    recycleCompleted();
    for (Batch b : handedOver) {
      if (claim(b, e)) {
        return;
      }
    }
    claim(current, e);
  }

  private boolean claim(Batch b, Entry e) {
    for (int i = 0; i < b.size; i++) {
      if (b.items[i] != e) {
        continue;
      }
      if (b.state.compareAndSet(i, FREE, LOOP)) {
        claimOut.clear();
        claimWriter.keyValue(e.key(), e.value(), e.expireAt());
        b.loopBytes[i] = Arrays.copyOf(claimOut.array(), claimOut.length());
        b.state.set(i, LOOP_DONE);
      } else {
        // SERIALIZER: wait, it is one value's worth of work; LOOP_DONE (an earlier change) or
        // DONE: the old state is already captured
        while (b.state.get(i) == SERIALIZER) {
          Thread.onSpinWait();
        }
      }
      return true;
    }
    return false;
  }

  private void add(Object item) {
    Batch b = current;
    if (b.size == b.items.length) {
      b = grow(b);
    }
    b.items[b.size++] = item;
  }

  private Batch grow(Batch b) {
    // only the current batch grows (a database header or early bytes past a full batch)
    Batch bigger = new Batch(b.items.length * 2);
    System.arraycopy(b.items, 0, bigger.items, 0, b.size);
    System.arraycopy(b.loopBytes, 0, bigger.loopBytes, 0, b.size);
    for (int i = 0; i < b.size; i++) {
      bigger.state.set(i, b.state.get(i)); // not handed over yet: only the loop has seen it
    }
    bigger.size = b.size;
    current = bigger;
    return bigger;
  }

  /** Items collected since the last hand-over. */
  int pending() {
    return current.size;
  }

  /** Batches handed over and not yet serialized. */
  int inFlight() {
    recycleCompleted();
    return handedOver.size();
  }

  private void recycleCompleted() {
    while (!handedOver.isEmpty() && handedOver.peekFirst().complete) {
      Batch b = handedOver.pollFirst();
      if (b.items.length == capacity) {
        for (int i = 0; i < b.size; i++) {
          b.items[i] = null;
          b.loopBytes[i] = null;
          b.state.set(i, FREE); // the serializer is done with it: plain stores would do, this is cheap enough
        }
        b.size = 0;
        b.complete = false;
        free.addLast(b);
      }
    }
  }

  /** The collected items, for the serializer; {@code null} when there are none. */
  Batch takeBatch() {
    if (current.size == 0) {
      return null;
    }
    Batch b = current;
    handedOver.addLast(b);
    Batch next = free.pollFirst();
    current = next != null ? next : new Batch(capacity);
    return b;
  }

  // ---- serializer side (background I/O thread) ----------------------------------------------

  /** Serializes {@code b} into {@link #output()}. */
  void serialize(Batch b) {
    for (int i = 0; i < b.size; i++) {
      Object item = b.items[i];
      if (item instanceof Entry e) {
        if (b.state.compareAndSet(i, FREE, SERIALIZER)) {
          writer.keyValue(e.key(), e.value(), e.expireAt());
          b.state.set(i, DONE);
        } else {
          while (b.state.get(i) != LOOP_DONE) {
            Thread.onSpinWait(); // the loop is saving this entry's old state
          }
          out.write(b.loopBytes[i], 0, b.loopBytes[i].length);
        }
      } else if (item instanceof BeginDb d) {
        writer.selectDb(d.db());
        writer.resizeDb(d.size(), d.expires());
      } else {
        byte[] raw = ((Raw) item).bytes();
        out.write(raw, 0, raw.length);
      }
    }
    b.complete = true;
  }

  /** Serializer-side output (drained by the serializer into the file). */
  RdbOutput output() {
    return out;
  }

  /** The EOF opcode, on the serializer side after the last batch. */
  void end() {
    writer.eof();
  }
}
