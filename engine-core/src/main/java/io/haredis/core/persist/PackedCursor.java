package io.haredis.core.persist;

import io.haredis.core.resp.Numbers;
import java.util.Arrays;

/**
 * Walks the elements of one of Redis's packed blobs (listpack, ziplist, zipmap) as an RDB
 * holds them, validating as it goes. Every bound is checked against the blob before a byte is
 * read, with the checks of Redis's deep integrity validation ({@code lpValidateIntegrity},
 * {@code ziplistValidateIntegrity}, {@code zipmapValidateIntegrity}), so a corrupt or hostile
 * blob ends in {@link #CORRUPT}, never in an exception or an out-of-bounds read.
 *
 * <p>After {@link #next()} returns {@link #ELEMENT}, the element is either an integer
 * ({@link #isInt}, {@link #intValue}) or a slice {@code [off, off+len)} of {@link #buf}. One
 * cursor is reused for many blobs ({@link #open}); nothing is allocated per element unless the
 * caller asks for a copy.
 */
abstract class PackedCursor {

  static final int END = 0;
  static final int ELEMENT = 1;
  static final int CORRUPT = -1;

  byte[] buf;
  int base;
  int size;
  int pos;
  int count;

  boolean isInt;
  long intValue;
  int off;
  int len;

  private final byte[] text = new byte[20];

  /** Checks the header of {@code a[off, off+len)} and positions before the first element. */
  abstract boolean open(byte[] a, int off, int len);

  /** Moves to the next element: {@link #ELEMENT}, {@link #END} or {@link #CORRUPT}. */
  abstract int next();

  /** The element as a new array (integers as their decimal text). */
  final byte[] copy() {
    if (isInt) {
      return Numbers.toBytes(intValue);
    }
    return Arrays.copyOfRange(buf, off, off + len);
  }

  /**
   * Makes the element a slice even when it is an integer (its decimal text in an internal
   * buffer, valid until the next call): {@link #buf}, {@link #off}, {@link #len} then describe it.
   */
  final void asSlice() {
    if (isInt) {
      len = Numbers.write(intValue, text, 0);
      buf = textBuf();
      off = 0;
    }
  }

  private byte[] textBuf() {
    return text;
  }

  static int u8(byte[] a, int p) {
    return a[p] & 0xff;
  }

  static int u16le(byte[] a, int p) {
    return (a[p] & 0xff) | (a[p + 1] & 0xff) << 8;
  }

  static long u32le(byte[] a, int p) {
    return ((a[p] & 0xff) | (a[p + 1] & 0xff) << 8 | (a[p + 2] & 0xff) << 16 | (long) (a[p + 3] & 0xff) << 24);
  }

  static long s64le(byte[] a, int p) {
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (a[p + i] & 0xff);
    }
    return v;
  }

  // ---- listpack ---------------------------------------------------------------------------

  /** Redis's listpack ({@code listpack.c}). */
  static final class Listpack extends PackedCursor {
    private int numele;
    private byte[] blob;

    @Override
    boolean open(byte[] a, int o, int n) {
      blob = a;
      buf = a;
      base = o;
      size = n;
      count = 0;
      if (n < ListpackEncoder.HEADER_SIZE + 1 || u32le(a, o) != n || u8(a, o + n - 1) != 0xFF) {
        return false;
      }
      numele = u16le(a, o + 4);
      pos = o + ListpackEncoder.HEADER_SIZE;
      return true;
    }

    @Override
    int next() {
      byte[] a = blob;
      buf = a;
      int end = base + size - 1; // the EOF byte
      int p = pos;
      if (p > end) {
        return CORRUPT;
      }
      int b = a[p] & 0xff;
      if (b == 0xFF) {
        if (p != end || (numele != ListpackEncoder.NUMELE_UNKNOWN && numele != count)) {
          return CORRUPT;
        }
        return END;
      }
      long entry; // encoding + data
      isInt = true;
      if ((b & 0x80) == 0) {
        intValue = b;
        entry = 1;
      } else if ((b & 0xC0) == 0x80) {
        isInt = false;
        len = b & 0x3f;
        off = p + 1;
        entry = 1L + len;
      } else if ((b & 0xE0) == 0xC0) {
        if (p + 1 >= end) {
          return CORRUPT;
        }
        int u = ((b & 0x1f) << 8) | (a[p + 1] & 0xff);
        intValue = u >= 1 << 12 ? u - (1 << 13) : u;
        entry = 2;
      } else if ((b & 0xF0) == 0xE0) {
        if (p + 1 >= end) {
          return CORRUPT;
        }
        isInt = false;
        len = ((b & 0x0f) << 8) | (a[p + 1] & 0xff);
        off = p + 2;
        entry = 2L + len;
      } else {
        switch (b) {
          case 0xF0 -> {
            if (p + 4 >= end) {
              return CORRUPT;
            }
            long l = u32le(a, p + 1);
            if (l > Integer.MAX_VALUE) {
              return CORRUPT;
            }
            isInt = false;
            len = (int) l;
            off = p + 5;
            entry = 5L + l;
          }
          case 0xF1 -> {
            if (p + 2 >= end) {
              return CORRUPT;
            }
            intValue = (short) u16le(a, p + 1);
            entry = 3;
          }
          case 0xF2 -> {
            if (p + 3 >= end) {
              return CORRUPT;
            }
            intValue = ((a[p + 1] & 0xff) | (a[p + 2] & 0xff) << 8 | (a[p + 3] & 0xff) << 16) << 8 >> 8;
            entry = 4;
          }
          case 0xF3 -> {
            if (p + 4 >= end) {
              return CORRUPT;
            }
            intValue = (int) u32le(a, p + 1);
            entry = 5;
          }
          case 0xF4 -> {
            if (p + 8 >= end) {
              return CORRUPT;
            }
            intValue = s64le(a, p + 1);
            entry = 9;
          }
          default -> {
            return CORRUPT;
          }
        }
      }
      int backlen = ListpackEncoder.backlenSize(entry);
      long next = p + entry + backlen;
      if (next > end) {
        return CORRUPT;
      }
      // the backlen, read backwards from its last byte, must give the entry's size
      long v = 0;
      int shift = 0;
      int q = (int) next - 1;
      for (int i = 0; i < backlen; i++, q--) {
        int x = a[q] & 0xff;
        v |= (long) (x & 127) << shift;
        shift += 7;
        if ((x & 128) == 0) {
          if (i != backlen - 1) {
            return CORRUPT;
          }
        } else if (i == backlen - 1) {
          return CORRUPT;
        }
      }
      if (v != entry) {
        return CORRUPT;
      }
      pos = (int) next;
      count++;
      return ELEMENT;
    }
  }

  // ---- ziplist ----------------------------------------------------------------------------

  /** Redis's ziplist ({@code ziplist.c}), written by RDB versions up to 9. */
  static final class Ziplist extends PackedCursor {
    private static final int HEADER = 10;
    private int zllen;
    private long tail;
    private int prevRaw;
    private int prevStart;
    private byte[] blob;

    @Override
    boolean open(byte[] a, int o, int n) {
      blob = a;
      buf = a;
      base = o;
      size = n;
      count = 0;
      prevRaw = 0;
      prevStart = -1;
      if (n < HEADER + 1 || u32le(a, o) != n || u8(a, o + n - 1) != 0xFF) {
        return false;
      }
      tail = u32le(a, o + 4);
      if (tail > n - 1) {
        return false;
      }
      zllen = u16le(a, o + 8);
      pos = o + HEADER;
      return true;
    }

    @Override
    int next() {
      byte[] a = blob;
      buf = a;
      int first = base + HEADER;
      int last = base + size - 1; // the end byte
      int p = pos;
      if (p > last) {
        return CORRUPT;
      }
      if ((a[p] & 0xff) == 0xFF) {
        if (p != last) {
          return CORRUPT;
        }
        if (prevStart >= 0 && prevStart - base != tail) {
          return CORRUPT;
        }
        if (zllen != 0xffff && zllen != count) {
          return CORRUPT;
        }
        return END;
      }
      int prevLenSize = (a[p] & 0xff) < 254 ? 1 : 5;
      if (p + prevLenSize > last) {
        return CORRUPT;
      }
      long prevLen = prevLenSize == 1 ? (a[p] & 0xff) : u32le(a, p + 1);
      int e = p + prevLenSize;
      int b = a[e] & 0xff;
      int lenSize;
      long dataLen;
      isInt = true;
      if (b < 0xC0) {
        isInt = false;
        int kind = b >>> 6;
        if (kind == 0) {
          lenSize = 1;
          dataLen = b & 0x3f;
        } else if (kind == 1) {
          lenSize = 2;
          if (e + 1 > last) {
            return CORRUPT;
          }
          dataLen = ((b & 0x3f) << 8) | (a[e + 1] & 0xff);
        } else {
          lenSize = 5;
          if (e + 4 > last) {
            return CORRUPT;
          }
          dataLen = ((long) (a[e + 1] & 0xff) << 24) | (a[e + 2] & 0xff) << 16 | (a[e + 3] & 0xff) << 8 | (a[e + 4] & 0xff);
        }
      } else {
        lenSize = 1;
        switch (b) {
          case 0xC0 -> dataLen = 2;
          case 0xD0 -> dataLen = 4;
          case 0xE0 -> dataLen = 8;
          case 0xF0 -> dataLen = 3;
          case 0xFE -> dataLen = 1;
          default -> {
            if (b >= 0xF1 && b <= 0xFD) {
              dataLen = 0;
            } else {
              return CORRUPT;
            }
          }
        }
      }
      int header = prevLenSize + lenSize;
      long entryEnd = (long) p + header + dataLen;
      if (entryEnd > last || p - prevLen < first) {
        return CORRUPT;
      }
      if (prevLen != prevRaw) {
        return CORRUPT;
      }
      int d = p + header;
      if (!isInt) {
        if (dataLen > Integer.MAX_VALUE) {
          return CORRUPT;
        }
        off = d;
        len = (int) dataLen;
      } else {
        switch (b) {
          case 0xC0 -> intValue = (short) u16le(a, d);
          case 0xD0 -> intValue = (int) u32le(a, d);
          case 0xE0 -> intValue = s64le(a, d);
          case 0xF0 -> intValue = ((a[d] & 0xff) | (a[d + 1] & 0xff) << 8 | (a[d + 2] & 0xff) << 16) << 8 >> 8;
          case 0xFE -> intValue = a[d];
          default -> intValue = (b & 0x0f) - 1;
        }
      }
      prevRaw = (int) (entryEnd - p);
      prevStart = p;
      pos = (int) entryEnd;
      count++;
      return ELEMENT;
    }
  }

  // ---- zipmap -----------------------------------------------------------------------------

  /**
   * Redis 2.x's zipmap (hashes in RDB type 9): alternating keys and values; a value's length is
   * followed by a byte of trailing free space.
   */
  static final class Zipmap extends PackedCursor {
    private static final int BIGLEN = 254;
    private static final int END_MARK = 255;
    private boolean wantValue;
    private byte[] blob;

    @Override
    boolean open(byte[] a, int o, int n) {
      blob = a;
      buf = a;
      base = o;
      size = n;
      count = 0;
      wantValue = false;
      if (n < 2 || u8(a, o + n - 1) != END_MARK) {
        return false;
      }
      pos = o + 1;
      return true;
    }

    private boolean outOfRange(long p) {
      return p < base + 2 || p > base + size - 1;
    }

    @Override
    int next() {
      byte[] a = blob;
      buf = a;
      isInt = false;
      int p = pos;
      if (outOfRange(p) && !(p == base + 1 && size >= 2)) {
        return CORRUPT;
      }
      int b = a[p] & 0xff;
      if (!wantValue && b == END_MARK) {
        if (p != base + size - 1 || count == 0) {
          return CORRUPT;
        }
        int header = a[base] & 0xff;
        if (header != BIGLEN && header != count) {
          return CORRUPT;
        }
        return END;
      }
      int lenSize = b < BIGLEN ? 1 : 5;
      if (outOfRange((long) p + lenSize)) {
        return CORRUPT;
      }
      long l = b < BIGLEN ? b : u32le(a, p + 1);
      long q = (long) p + lenSize;
      int free = 0;
      if (wantValue) {
        free = a[(int) q] & 0xff;
        q++;
      }
      long end = q + l + free;
      if (outOfRange(end) || l > Integer.MAX_VALUE) {
        return CORRUPT;
      }
      off = (int) q;
      len = (int) l;
      pos = (int) end;
      if (wantValue) {
        count++;
      }
      wantValue = !wantValue;
      return ELEMENT;
    }
  }
}
