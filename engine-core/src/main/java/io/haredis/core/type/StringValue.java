package io.haredis.core.type;

import io.haredis.core.resp.Numbers;
import java.util.Arrays;

/**
 * A string value. Like Redis, a string that reads as a 64-bit integer is kept as the number
 * ({@code int} encoding), short strings are {@code embstr} and strings that were appended to
 * or are longer than 44 bytes are {@code raw}; APPEND and SETRANGE grow the buffer greedily, as
 * sds does, so repeated appends stay linear.
 */
public final class StringValue implements RedisValue {

  /** Longest string Redis stores as embstr (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
  public static final int EMBSTR_SIZE_LIMIT = 44;

  private static final byte INT = 0;
  private static final byte EMBSTR = 1;
  private static final byte RAW = 2;

  private byte[] bytes; // null when int-encoded
  private int length;
  private long longValue;
  private byte encoding;

  private StringValue() {}

  /**
   * The value of a SET-like command: int-encoded when the bytes are a long of at most 20
   * characters (Redis's tryObjectEncoding), embstr up to 44 bytes, raw above. Takes ownership.
   */
  public static StringValue of(byte[] value) {
    StringValue v = new StringValue();
    if (value.length <= 20 && Numbers.isLong(value, 0, value.length)) {
      v.encoding = INT;
      v.longValue = Numbers.parseLong(value, 0, value.length, 0);
      v.length = value.length;
      return v;
    }
    v.bytes = value;
    v.length = value.length;
    v.encoding = value.length <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
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
      encoding = INT;
      longValue = Numbers.parseLong(src, off, len, 0);
      length = len;
      bytes = null;
      return;
    }
    if (bytes == null || bytes.length < len || bytes.length > 2L * len + 16) {
      bytes = new byte[len];
    }
    System.arraycopy(src, off, bytes, 0, len);
    length = len;
    encoding = len <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
    if (len < bytes.length) {
      bytes[len] = 0; // like sds's terminator: HyperLogLog reads the byte after a corrupt value's end
    }
  }

  /** An int-encoded value (INCR and friends). */
  public static StringValue ofLong(long value) {
    StringValue v = new StringValue();
    v.encoding = INT;
    v.longValue = value;
    v.length = Numbers.digits(value);
    return v;
  }

  /**
   * A string value kept as bytes even if it reads as a number (Redis's createStringObject:
   * embstr up to 44 bytes, raw above), e.g. INCRBYFLOAT's result. Takes ownership.
   */
  public static StringValue ofText(byte[] value) {
    StringValue v = new StringValue();
    v.bytes = value;
    v.length = value.length;
    v.encoding = value.length <= EMBSTR_SIZE_LIMIT ? EMBSTR : RAW;
    return v;
  }

  /** A raw-encoded value that is not re-encoded (APPEND, SETRANGE results). Takes ownership. */
  public static StringValue raw(byte[] value, int length) {
    StringValue v = new StringValue();
    v.bytes = value;
    v.length = length;
    v.encoding = RAW;
    return v;
  }

  @Override
  public ValueType type() {
    return ValueType.STRING;
  }

  @Override
  public String encoding() {
    return switch (encoding) {
      case INT -> "int";
      case EMBSTR -> "embstr";
      default -> "raw";
    };
  }

  public boolean isInt() {
    return encoding == INT;
  }

  /** The number, for an int-encoded value. */
  public long longValue() {
    assert encoding == INT;
    return longValue;
  }

  /** Turns this value into the int-encoded {@code value} in place (INCR without allocating). */
  public void setLong(long value) {
    encoding = INT;
    bytes = null;
    longValue = value;
    length = Numbers.digits(value);
  }

  /** Length in bytes of the string form. */
  public int length() {
    return length;
  }

  /**
   * The backing array of a non-int value; valid bytes are {@code [0, length())}. Do not modify.
   */
  public byte[] array() {
    assert encoding != INT;
    return bytes;
  }

  /** The string form as a new exact-length array. */
  public byte[] toBytes() {
    if (encoding == INT) {
      byte[] out = new byte[length];
      Numbers.write(longValue, out, 0);
      return out;
    }
    return bytes.length == length ? bytes.clone() : Arrays.copyOf(bytes, length);
  }

  /** Grows this value to a raw string of at least {@code newLength} bytes (APPEND/SETRANGE). */
  public byte[] makeRawForWrite(int newLength) {
    if (encoding == INT) {
      byte[] digits = toBytes();
      bytes = digits;
    }
    if (bytes.length < newLength) {
      // sds's greedy growth: double below 1 MiB, then 1 MiB at a time.
      int cap = newLength < 1024 * 1024 ? newLength * 2 : newLength + 1024 * 1024;
      bytes = Arrays.copyOf(bytes, Math.max(cap, newLength));
    }
    encoding = RAW;
    return bytes;
  }

  /** Sets the length after a write through {@link #makeRawForWrite}. */
  public void setLength(int newLength) {
    assert encoding == RAW && newLength <= bytes.length;
    length = newLength;
    if (newLength < bytes.length) {
      bytes[newLength] = 0; // sds terminator, see assign
    }
  }

  @Override
  public StringValue copy() {
    StringValue v = new StringValue();
    v.encoding = encoding;
    v.longValue = longValue;
    v.length = length;
    v.bytes = bytes == null ? null : Arrays.copyOf(bytes, length);
    return v;
  }
}
