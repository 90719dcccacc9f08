package io.haredis.core.type;

/**
 * A stream entry ID: milliseconds and sequence number, each an unsigned 64-bit number (Redis's
 * {@code streamID}). Ordered as unsigned (ms, seq) pairs; {@link #toString} prints Redis's
 * {@code <ms>-<seq>} form.
 */
public record StreamId(long ms, long seq) implements Comparable<StreamId> {

  public static final StreamId MIN = new StreamId(0, 0);
  /** {@code 18446744073709551615-18446744073709551615}, the largest ID. */
  public static final StreamId MAX = new StreamId(-1L, -1L);

  @Override
  public int compareTo(StreamId o) {
    int c = Long.compareUnsigned(ms, o.ms);
    return c != 0 ? c : Long.compareUnsigned(seq, o.seq);
  }

  /** The next ID, or null past {@link #MAX}. */
  public StreamId next() {
    if (seq != -1L) {
      return new StreamId(ms, seq + 1);
    }
    return ms == -1L ? null : new StreamId(ms + 1, 0);
  }

  /** The previous ID, or null before {@link #MIN}. */
  public StreamId previous() {
    if (seq != 0) {
      return new StreamId(ms, seq - 1);
    }
    return ms == 0 ? null : new StreamId(ms - 1, -1L);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(ms) + "-" + Long.toUnsignedString(seq);
  }
}
