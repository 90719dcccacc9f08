package io.haredis.core.type;

import io.haredis.core.resp.Numbers;
import java.util.Arrays;

/**
 * A string value. Like Redis, a string that reads as a 64-bit integer is kept as the number
 * ({@code int} encoding), short strings are {@code embstr} and strings that were appended to
 * or are longer than 44 bytes are {@code raw}; APPEND and SETRANGE grow the buffer greedily, as
 * sds does, so repeated appends stay linear.
 *
 * <h2>Layout</h2>
 * Millions of these live in a keyspace, so the object is two fields (24 bytes with compressed
 * pointers): the byte array, null for an int-encoded value, and one {@code long} holding either
 * the number or, for text, the length in the low 32 bits and the encoding above them.
 */
public final class StringValue implements RedisValue {

  /** Longest string Redis stores as embstr (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
  public static final int EMBSTR_SIZE_LIMIT = 44;

  private static final byte EMBSTR = 1;
  private static final byte RAW = 2;

  private byte[] bytes; // null when int-encoded
  private long word;    // the number when int-encoded; else encoding << 32 | length

  private StringValue() {}

  private void setText(byte[] b, int length, byte encoding) {
    bytes = b;
    word = ((long) encoding << 32) | (length & 0xffffffffL);
  }

  private static byte textEncoding(int length) {
    return length <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
  }

  /**
   * The value of a SET-like command: int-encoded when the bytes are a long of at most 20
   * characters (Redis's tryObjectEncoding), embstr up to 44 bytes, raw above. Takes ownership.
   */
  public static StringValue of(byte[] value) {
    StringValue v = new StringValue();
    if (value.length <= 20 && Numbers.isLong(value, 0, value.length)) {
      v.word = Numbers.parseLong(value, 0, value.length, 0);
      return v;
    }
    v.setText(value, value.length, textEncoding(value.length));
    return v;
  }

  /**
   * Overwrites this value with a SET-like command's bytes, encoded as {@link #of} would, reusing
   * the current array when it fits without wasting more than about half of it. SET of a
   * same-sized value then allocates nothing. Safe because no one keeps a value's array: replies,
   * the replication log and copies all copy the bytes out.
   */
  public void assign(byte[] src, int off, int len) {
    if (len <= 20 && Numbers.isLong(src, off, len)) {
      bytes = null;
      word = Numbers.parseLong(src, off, len, 0);
      return;
    }
    byte[] target = bytes;
    if (target == null || target.length < len || target.length > 2L * len + 16) {
      target = new byte[len];
    }
    System.arraycopy(src, off, target, 0, len);
    setText(target, len, textEncoding(len));
    if (len < target.length) {
      target[len] = 0; // like sds's terminator: HyperLogLog reads the byte after a corrupt value's end
    }
  }

  /** An int-encoded value (INCR and friends). */
  public static StringValue ofLong(long value) {
    StringValue v = new StringValue();
    v.word = value;
    return v;
  }

  /**
   * A string value kept as bytes even if it reads as a number (Redis's createStringObject:
   * embstr up to 44 bytes, raw above), e.g. INCRBYFLOAT's result. Takes ownership.
   */
  public static StringValue ofText(byte[] value) {
    StringValue v = new StringValue();
    v.setText(value, value.length, textEncoding(value.length));
    return v;
  }

  /** A raw-encoded value that is not re-encoded (APPEND, SETRANGE results). Takes ownership. */
  public static StringValue raw(byte[] value, int length) {
    StringValue v = new StringValue();
    v.setText(value, length, RAW);
    return v;
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String encoding() {
    if (bytes == null) {
      return "int";
    }
    return (byte) (word >>> 32) == EMBSTR ? "embstr" : "raw";
  }

  public boolean isInt() {
    return bytes == null;
  }

  /** The number, for an int-encoded value. */
  public long longValue() {
    assert bytes == null;
    return word;
  }

  /** Turns this value into the int-encoded {@code value} in place (INCR without allocating). */
  public void setLong(long value) {
    bytes = null;
    word = value;
  }

  /** Length in bytes of the string form. */
  public int length() {
    return bytes == null ? Numbers.digits(word) : (int) word;
  }

  /**
   * The backing array of a non-int value; valid bytes are {@code [0, length())}. Do not modify.
   */
  public byte[] array() {
    assert bytes != null;
    return bytes;
  }

  /** The string form as a new exact-length array. */
  public byte[] toBytes() {
    if (bytes == null) {
      byte[] out = new byte[Numbers.digits(word)];
      Numbers.write(word, out, 0);
      return out;
    }
    int length = (int) word;
    return bytes.length == length ? bytes.clone() : Arrays.copyOf(bytes, length);
  }

  /** Grows this value to a raw string of at least {@code newLength} bytes (APPEND/SETRANGE). */
  public byte[] makeRawForWrite(int newLength) {
    byte[] b = bytes == null ? toBytes() : bytes;
    int length = bytes == null ? b.length : (int) word;
    if (b.length < newLength) {
      // sds's greedy growth: double below 1 MiB, then 1 MiB at a time.
      int cap = newLength < 1024 * 1024 ? newLength * 2 : newLength + 1024 * 1024;
      b = Arrays.copyOf(b, Math.max(cap, newLength));
    }
    setText(b, length, RAW);
    return b;
  }

  /** Sets the length after a write through {@link #makeRawForWrite}. */
  public void setLength(int newLength) {
    assert bytes != null && (byte) (word >>> 32) == RAW && newLength <= bytes.length;
    setText(bytes, newLength, RAW);
    if (newLength < bytes.length) {
      bytes[newLength] = 0; // sds terminator, see assign
    }
  }

  @Override
  public StringValue copy() {
    StringValue v = new StringValue();
    v.word = word;
    v.bytes = bytes == null ? null : Arrays.copyOf(bytes, (int) word);
    return v;
  }
}
