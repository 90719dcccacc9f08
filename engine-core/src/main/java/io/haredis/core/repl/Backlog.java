package io.haredis.core.repl;

/**
 * The replication backlog: a ring of the last {@code size} bytes of the replication stream,
 * indexed by replication offset, so a replica that reconnects can continue from its offset
 * (Redis's {@code repl_backlog}, served by {@code addReplyReplicationBacklog}).
 */
public final class Backlog {

  private byte[] ring;
  private long startOffset = 1; // replication offset of the oldest byte held
  private long endOffset;       // replication offset of the last byte held
  private int writeIndex;

  public Backlog(int sizeBytes) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("sizeBytes: " + sizeBytes + " (expected: > 0)");
    }
    ring = new byte[sizeBytes];
  }

  public int size() {
    return ring.length;
  }

  /** Bytes held (at most {@link #size()}). */
  public long histlen() {
    return endOffset - startOffset + 1;
  }

  /** Offset of the first byte held (Redis's {@code repl_backlog_first_byte_offset}). */
  public long firstByteOffset() {
    return startOffset;
  }

  void append(byte[] b, int off, int len, long newEndOffset) {
    if (len >= ring.length) {
      System.arraycopy(b, off + len - ring.length, ring, 0, ring.length);
      writeIndex = 0;
    } else {
      int first = Math.min(len, ring.length - writeIndex);
      System.arraycopy(b, off, ring, writeIndex, first);
      System.arraycopy(b, off + first, ring, 0, len - first);
      writeIndex = (writeIndex + len) % ring.length;
    }
    endOffset = newEndOffset;
    startOffset = Math.max(startOffset, endOffset - ring.length + 1);
  }

  /** Starts an empty backlog whose next byte has offset {@code nextOffset}. */
  void resetTo(long nextOffset) {
    startOffset = nextOffset;
    endOffset = nextOffset - 1;
    writeIndex = 0;
  }

  /** Whether bytes from {@code offset} on are all held (a partial resync can start there). */
  public boolean contains(long offset) {
    return offset >= startOffset && offset <= endOffset + 1;
  }

  /**
   * Copies the bytes from replication offset {@code from} (inclusive) to the end into a new
   * array.
   *
   * @throws IllegalArgumentException if {@code from} is not {@link #contains held}
   */
  public byte[] readFrom(long from) {
    if (!contains(from)) {
      throw new IllegalArgumentException("offset: " + from + " (expected: " + startOffset + ".." + (endOffset + 1) + ")");
    }
    int n = (int) (endOffset + 1 - from);
    byte[] out = new byte[n];
    int start = Math.floorMod(writeIndex - n, ring.length);
    int first = Math.min(n, ring.length - start);
    System.arraycopy(ring, start, out, 0, first);
    System.arraycopy(ring, 0, out, first, n - first);
    return out;
  }
}
