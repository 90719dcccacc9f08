package io.haredis.core.persist;

import java.util.Arrays;

/**
 * The growable byte buffer an {@link RdbWriter} encodes into. It is reused between calls
 * ({@link #clear()} keeps the array), so encoding key after key allocates nothing once the
 * buffer has grown to the largest value. The caller drains it (to a file, a socket, a DUMP
 * reply) and clears it. Not thread-safe.
 */
public final class RdbOutput {

  private byte[] buf;
  private int len;

  public RdbOutput(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity: " + initialCapacity + " (expected: >= 0)");
    }
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public void write(int b) {
    if (len == buf.length) {
      grow(1);
    }
    buf[len++] = (byte) b;
  }

  public void write(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  /** Number of bytes written since the last {@link #clear()}. */
  public int length() {
    return len;
  }

  /** The backing array; valid bytes are {@code [0, length())}. Changes when the buffer grows. */
  public byte[] array() {
    return buf;
  }

  /** Forgets the content, keeping the array. */
  public void clear() {
    len = 0;
  }

  /**
   * Clears the buffer and, if one large value grew it beyond {@code maxCapacity} bytes, lets
   * the big array go (a long-lived writer should not pin the memory of its largest value).
   */
  public void trim(int maxCapacity) {
    len = 0;
    if (buf.length > maxCapacity) {
      buf = new byte[Math.max(16, Math.min(maxCapacity, 256))];
    }
  }

  /** The content as a new exact-length array. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Makes room for {@code n} more bytes. */
  void ensure(int n) {
    if (buf.length - len < n) {
      grow(n);
    }
  }

  /** Advances the length over {@code n} bytes written directly into {@link #array()}. */
  void skip(int n) {
    assert len + n <= buf.length;
    len += n;
  }

  /** Drops everything from {@code newLength} on. */
  void truncate(int newLength) {
    assert newLength >= 0 && newLength <= len;
    len = newLength;
  }

  void writeLongLE(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[len++] = (byte) (v >>> (8 * i));
    }
  }

  private void grow(int n) {
    long needed = (long) len + n;
    if (needed > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("RDB buffer would exceed 2 GiB");
    }
    long cap = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
    buf = Arrays.copyOf(buf, (int) cap);
  }
}
