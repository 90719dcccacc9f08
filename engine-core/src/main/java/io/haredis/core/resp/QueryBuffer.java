package io.haredis.core.resp;

import io.netty.buffer.ByteBuf;

/**
 * A client's query buffer (Redis's {@code c->querybuf}): a growable heap array of bytes read
 * from the client and not yet consumed. Request arguments are slices of it, so it is compacted
 * only when the decoder says which bytes must be kept.
 */
public final class QueryBuffer {

  private static final int INITIAL_SIZE = 256;

  private byte[] array = new byte[INITIAL_SIZE];
  private int readPos;
  private int writePos;

  public byte[] array() {
    return array;
  }

  public int readPos() {
    return readPos;
  }

  public void readPos(int pos) {
    assert pos >= readPos && pos <= writePos : pos;
    readPos = pos;
  }

  public int writePos() {
    return writePos;
  }

  public int readable() {
    return writePos - readPos;
  }

  /** Bytes held, consumed or not: what counts against {@code client-query-buffer-limit}. */
  public int length() {
    return writePos - readPos;
  }

  /** Capacity, for CLIENT LIST's {@code qbuf-free}. */
  public int capacity() {
    return array.length;
  }

  /**
   * Drops bytes before {@code keepFrom} and makes room for {@code incoming} more.
   *
   * @return how far the kept bytes moved towards 0
   */
  int compact(int keepFrom, int incoming) {
    assert keepFrom >= 0 && keepFrom <= readPos;
    int kept = writePos - keepFrom;
    long needed = (long) kept + incoming;
    if (needed > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("query buffer over 2 GiB");
    }
    if (needed > array.length) {
      int size = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(needed, (long) array.length * 2));
      byte[] bigger = new byte[size];
      System.arraycopy(array, keepFrom, bigger, 0, kept);
      array = bigger;
    } else if (keepFrom > 0) {
      System.arraycopy(array, keepFrom, array, 0, kept);
    }
    readPos -= keepFrom;
    writePos = kept;
    return keepFrom;
  }

  /** Appends readable bytes of {@code data} (room was made by {@link RequestDecoder#prepareAppend}). */
  public void append(ByteBuf data) {
    int n = data.readableBytes();
    data.readBytes(array, writePos, n);
    writePos += n;
  }

  /** Appends bytes (room was made by {@link RequestDecoder#prepareAppend}). */
  public void append(byte[] data, int off, int len) {
    System.arraycopy(data, off, array, writePos, len);
    writePos += len;
  }

  /** Puts a decoded request back (its command was postponed by CLIENT PAUSE). */
  public void rewindTo(int pos) {
    assert pos <= readPos;
    readPos = pos;
  }

  /** Shrinks an idle buffer that grew for one big request (Redis's clientsCronResizeQueryBuffer). */
  public void trimIfIdle(int keepCapacity) {
    if (readPos == writePos && array.length > keepCapacity) {
      array = new byte[INITIAL_SIZE];
      readPos = 0;
      writePos = 0;
    }
  }
}
