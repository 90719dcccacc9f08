package io.haredis.core.persist;

import io.haredis.core.resp.Numbers;

/**
 * Builds a listpack byte for byte as Redis 7.0's {@code listpack.c} lays it out, into a
 * reused {@link RdbOutput}: a 6-byte header (total bytes and element count, little-endian),
 * the entries, and the {@code 0xFF} terminator.
 *
 * <h2>Entries</h2>
 * Each entry is an encoding byte (plus length or value bytes), the data, and a "backlen":
 * the entry's own size written backwards in 7-bit groups so the listpack can be walked from
 * the tail. Elements that read as 64-bit integers by {@code lpStringToInt64} (Redis's
 * {@code string2ll} rules) are stored as integers in the smallest of the 7, 13, 16, 24, 32 or
 * 64-bit forms; other strings as 6-bit, 12-bit or 32-bit length strings. Matching these
 * choices exactly is what makes our DUMP payloads equal to Redis's.
 */
final class ListpackEncoder {

  static final int HEADER_SIZE = 6;
  /** Element count written when there are 65535 or more (Redis's LP_HDR_NUMELE_UNKNOWN). */
  static final int NUMELE_UNKNOWN = 0xffff;

  private final RdbOutput out;
  private int start;
  private int count;

  ListpackEncoder(RdbOutput out) {
    this.out = out;
  }

  /** Starts a listpack at the current end of the buffer. */
  void begin() {
    start = out.length();
    count = 0;
    out.ensure(HEADER_SIZE);
    out.skip(HEADER_SIZE);
  }

  /** Bytes the listpack would take if finished now (Redis's {@code lpBytes}). */
  int bytes() {
    return out.length() - start + 1;
  }

  int count() {
    return count;
  }

  /** Appends a string element (stored as an integer when it reads as one). */
  void append(byte[] b, int off, int len) {
    if (len <= 20 && Numbers.isLong(b, off, len)) {
      appendInteger(Numbers.parseLong(b, off, len, 0));
      return;
    }
    appendString(b, off, len);
  }

  /** Appends a string element as a string, whatever it holds. */
  void appendString(byte[] b, int off, int len) {
    int header = len < 64 ? 1 : len < 4096 ? 2 : 5;
    int entry = header + len;
    out.ensure(entry + 5);
    byte[] a = out.array();
    int p = out.length();
    if (len < 64) {
      a[p++] = (byte) (0x80 | len);
    } else if (len < 4096) {
      a[p++] = (byte) (0xE0 | (len >>> 8));
      a[p++] = (byte) len;
    } else {
      a[p++] = (byte) 0xF0;
      a[p++] = (byte) len;
      a[p++] = (byte) (len >>> 8);
      a[p++] = (byte) (len >>> 16);
      a[p++] = (byte) (len >>> 24);
    }
    System.arraycopy(b, off, a, p, len);
    p += len;
    p = writeBacklen(a, p, entry);
    out.skip(p - out.length());
    count++;
  }

  /** Appends an integer element in the smallest integer encoding. */
  void appendInteger(long v) {
    out.ensure(9 + 1);
    byte[] a = out.array();
    int p = out.length();
    int entry;
    if (v >= 0 && v <= 127) {
      a[p++] = (byte) v;
      entry = 1;
    } else if (v >= -4096 && v <= 4095) {
      long u = v < 0 ? (1L << 13) + v : v;
      a[p++] = (byte) (0xC0 | (u >>> 8));
      a[p++] = (byte) u;
      entry = 2;
    } else if (v >= -32768 && v <= 32767) {
      a[p++] = (byte) 0xF1;
      a[p++] = (byte) v;
      a[p++] = (byte) (v >>> 8);
      entry = 3;
    } else if (v >= -8388608 && v <= 8388607) {
      a[p++] = (byte) 0xF2;
      a[p++] = (byte) v;
      a[p++] = (byte) (v >>> 8);
      a[p++] = (byte) (v >>> 16);
      entry = 4;
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      a[p++] = (byte) 0xF3;
      for (int i = 0; i < 4; i++) {
        a[p++] = (byte) (v >>> (8 * i));
      }
      entry = 5;
    } else {
      a[p++] = (byte) 0xF4;
      for (int i = 0; i < 8; i++) {
        a[p++] = (byte) (v >>> (8 * i));
      }
      entry = 9;
    }
    p = writeBacklen(a, p, entry);
    out.skip(p - out.length());
    count++;
  }

  /** Writes the terminator and the header; the listpack is {@code [start, out.length())}. */
  void finish() {
    out.write(0xFF);
    byte[] a = out.array();
    int total = out.length() - start;
    a[start] = (byte) total;
    a[start + 1] = (byte) (total >>> 8);
    a[start + 2] = (byte) (total >>> 16);
    a[start + 3] = (byte) (total >>> 24);
    int n = count < NUMELE_UNKNOWN ? count : NUMELE_UNKNOWN;
    a[start + 4] = (byte) n;
    a[start + 5] = (byte) (n >>> 8);
  }

  int start() {
    return start;
  }

  /** Size of the backlen of an entry of {@code l} bytes. */
  static int backlenSize(long l) {
    return l <= 127 ? 1 : l < 16383 ? 2 : l < 2097151 ? 3 : l < 268435455 ? 4 : 5;
  }

  /** Bytes an element takes in a listpack (entry plus backlen), as {@link #append} writes it. */
  static int entrySize(byte[] b, int off, int len) {
    int entry;
    if (len <= 20 && Numbers.isLong(b, off, len)) {
      entry = integerEntrySize(Numbers.parseLong(b, off, len, 0));
    } else {
      entry = (len < 64 ? 1 : len < 4096 ? 2 : 5) + len;
    }
    return entry + backlenSize(entry);
  }

  private static int integerEntrySize(long v) {
    if (v >= 0 && v <= 127) {
      return 1;
    } else if (v >= -4096 && v <= 4095) {
      return 2;
    } else if (v >= -32768 && v <= 32767) {
      return 3;
    } else if (v >= -8388608 && v <= 8388607) {
      return 4;
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      return 5;
    }
    return 9;
  }

  private static int writeBacklen(byte[] a, int p, int l) {
    if (l <= 127) {
      a[p++] = (byte) l;
    } else if (l < 16383) {
      a[p++] = (byte) (l >>> 7);
      a[p++] = (byte) ((l & 127) | 128);
    } else if (l < 2097151) {
      a[p++] = (byte) (l >>> 14);
      a[p++] = (byte) (((l >>> 7) & 127) | 128);
      a[p++] = (byte) ((l & 127) | 128);
    } else if (l < 268435455) {
      a[p++] = (byte) (l >>> 21);
      a[p++] = (byte) (((l >>> 14) & 127) | 128);
      a[p++] = (byte) (((l >>> 7) & 127) | 128);
      a[p++] = (byte) ((l & 127) | 128);
    } else {
      a[p++] = (byte) (l >>> 28);
      a[p++] = (byte) (((l >>> 21) & 127) | 128);
      a[p++] = (byte) (((l >>> 14) & 127) | 128);
      a[p++] = (byte) (((l >>> 7) & 127) | 128);
      a[p++] = (byte) ((l & 127) | 128);
    }
    return p;
  }
}
