package io.haredis.core.type;

import java.util.Arrays;
import java.util.Random;

/**
 * A hash value, in one of Redis's two encodings.
 *
 * <h2>listpack</h2>
 * A small hash is one exact-length {@code byte[]}: field, value, field, value... each element
 * written as a varint length (7 bits a byte, low bits first) followed by its bytes, in insertion
 * order. Like Redis's listpack, an update replaces the value in place, a new field goes to the
 * tail and a delete closes the gap, so iteration order (HGETALL, HKEYS, HSCAN...) is exactly
 * Redis's for small hashes. Lookups are linear, as in Redis.
 *
 * <h2>hashtable</h2>
 * Past {@code hash-max-listpack-entries} fields, or when a field or value longer than
 * {@code hash-max-listpack-value} is written, the hash becomes a {@link HashTable} (chained,
 * power-of-two buckets, reverse-binary scan cursors like Redis's dict). It never converts
 * back, as in Redis.
 *
 * <p>Nothing here knows RESP. Not thread-safe (the node loop owns it).
 */
public final class HashValue implements RedisValue {

  /** Listpack size past which Redis refuses to grow a listpack ({@code lpSafeToAdd}). */
  private static final long LISTPACK_SAFETY_SIZE = 1L << 30;

  private static final byte[] EMPTY = new byte[0];

  /** Receives one field/value pair; the slices are valid only during the call. */
  @FunctionalInterface
  public interface PairVisitor {
    void pair(byte[] f, int fOff, int fLen, byte[] v, int vOff, int vLen);
  }

  // listpack encoding (table == null)
  private byte[] lp;
  private int count;
  // hashtable encoding
  private HashTable table;

  /** An empty hash, listpack-encoded (callers add at least one field before storing it). */
  public HashValue() {
    lp = EMPTY;
  }

  /** An empty hashtable-encoded hash presized for {@code expected} fields (loaders). */
  public static HashValue newHashtable(int expected) {
    HashValue h = new HashValue();
    h.lp = null;
    h.table = new HashTable(Math.max(0, expected));
    return h;
  }

  /**
   * Builds a listpack-encoded hash pair by pair, refusing duplicate fields, without the
   * quadratic cost of {@link #set} (which re-allocates and searches per field): RDB loading and
   * RESTORE. The builder is reusable ({@link #reset}); {@link #build} copies out an exact-size
   * hash. Not thread-safe.
   */
  public static final class ListpackBuilder {
    private byte[] buf = new byte[256];
    private int len;
    private int count;
    private int[] index = new int[16]; // open addressing: offset of a field's varint + 1, 0 = empty

    public void reset() {
      len = 0;
      count = 0;
      if (index.length > 1024) {
        index = new int[16];
      } else {
        Arrays.fill(index, 0);
      }
    }

    /** Number of pairs added. */
    public int size() {
      return count;
    }

    /** Appends a pair; false (and nothing added) when {@code f} is already a field. */
    public boolean add(byte[] f, int fOff, int fLen, byte[] v, int vOff, int vLen) {
      int h = HashTable.hash(f, fOff, fLen);
      int mask = index.length - 1;
      int i = h & mask;
      while (index[i] != 0) {
        int p = index[i] - 1;
        long fh = readVarint(buf, p);
        if (len(fh) == fLen && Arrays.equals(buf, data(fh), data(fh) + fLen, f, fOff, fOff + fLen)) {
          return false;
        }
        i = (i + 1) & mask;
      }
      long need = (long) len + varintSize(fLen) + fLen + varintSize(vLen) + vLen;
      if (need > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("listpack hash too large");
      }
      if (need > buf.length) {
        buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * buf.length)));
      }
      index[i] = len + 1;
      int q = writeVarint(buf, len, fLen);
      System.arraycopy(f, fOff, buf, q, fLen);
      q = writeVarint(buf, q + fLen, vLen);
      System.arraycopy(v, vOff, buf, q, vLen);
      len = q + vLen;
      count++;
      if (count * 2 > index.length) {
        rehash();
      }
      return true;
    }

    private void rehash() {
      int[] n = new int[index.length * 2];
      int mask = n.length - 1;
      for (int p = 0; p < len; ) {
        long fh = readVarint(buf, p);
        int i = HashTable.hash(buf, data(fh), len(fh)) & mask;
        while (n[i] != 0) {
          i = (i + 1) & mask;
        }
        n[i] = p + 1;
        long vh = readVarint(buf, data(fh) + len(fh));
        p = data(vh) + len(vh);
      }
      index = n;
    }

    /** The hash built so far, listpack-encoded (a copy; the builder can go on or be reset). */
    public HashValue build() {
      HashValue h = new HashValue();
      h.lp = len == 0 ? EMPTY : Arrays.copyOf(buf, len);
      h.count = count;
      return h;
    }
  }

  @Override
  public ValueType type() {
    return ValueType.HASH;
  }

  @Override
  public String encoding() {
    return table == null ? "listpack" : "hashtable";
  }

  public boolean isListpack() {
    return table == null;
  }

  /** Number of fields. */
  public int size() {
    return table == null ? count : table.size();
  }

  @Override
  public HashValue copy() {
    HashValue h = new HashValue();
    if (table == null) {
      h.lp = lp.clone();
      h.count = count;
    } else {
      h.table = table.copy();
    }
    return h;
  }

  // ---- listpack primitives ----------------------------------------------------------------

  private static int varintSize(int n) {
    int s = 1;
    while ((n >>>= 7) != 0) {
      s++;
    }
    return s;
  }

  private static int writeVarint(byte[] b, int p, int n) {
    while ((n & ~0x7f) != 0) {
      b[p++] = (byte) ((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    b[p++] = (byte) n;
    return p;
  }

  /** Reads the varint at {@code p}: returns {@code length << 32 | dataOffset}. */
  private static long readVarint(byte[] b, int p) {
    int n = 0;
    int shift = 0;
    while (true) {
      int x = b[p++];
      n |= (x & 0x7f) << shift;
      if ((x & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return ((long) n << 32) | p;
  }

  private static int len(long header) {
    return (int) (header >>> 32);
  }

  private static int data(long header) {
    return (int) header;
  }

  /** Offset of the field element equal to {@code f}, or -1. */
  private int lpFind(byte[] f, int off, int len) {
    byte[] b = lp;
    int p = 0;
    int end = b.length;
    while (p < end) {
      long fh = readVarint(b, p);
      int fl = len(fh);
      int fd = data(fh);
      if (fl == len && Arrays.equals(b, fd, fd + fl, f, off, off + len)) {
        return p;
      }
      long vh = readVarint(b, fd + fl);
      p = data(vh) + len(vh);
    }
    return -1;
  }

  /** Offset just past the element starting at {@code p}. */
  private int lpSkip(int p) {
    long h = readVarint(lp, p);
    return data(h) + len(h);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** Whether {@code f} is a field. */
  public boolean exists(byte[] f, int off, int len) {
    return table == null ? lpFind(f, off, len) >= 0 : table.find(f, off, len) != null;
  }

  /** The value of {@code f} (a copy; do not keep the hashtable's array either), or null. */
  public byte[] get(byte[] f, int off, int len) {
    if (table != null) {
      HashTable.Node n = table.find(f, off, len);
      return n == null ? null : n.value;
    }
    int p = lpFind(f, off, len);
    if (p < 0) {
      return null;
    }
    long vh = readVarint(lp, lpSkip(p));
    return Arrays.copyOfRange(lp, data(vh), data(vh) + len(vh));
  }

  /**
   * Where the value of {@code f} sits in {@link #listpackArray()}, listpack encoding only, for
   * replies that copy nothing: {@code offset << 32 | length}, or -1 when there is no such field.
   */
  public long listpackValue(byte[] f, int off, int len) {
    int p = lpFind(f, off, len);
    if (p < 0) {
      return -1;
    }
    long vh = readVarint(lp, lpSkip(p));
    return ((long) data(vh) << 32) | len(vh);
  }

  /** The packed listpack bytes (listpack encoding only). Do not modify or keep. */
  public byte[] listpackArray() {
    return lp;
  }

  /** Length of the value of {@code f}, or 0 when there is no such field (HSTRLEN). */
  public int valueLength(byte[] f, int off, int len) {
    if (table != null) {
      HashTable.Node n = table.find(f, off, len);
      return n == null ? 0 : n.value.length;
    }
    int p = lpFind(f, off, len);
    return p < 0 ? 0 : len(readVarint(lp, lpSkip(p)));
  }

  /** Visits every pair in the encoding's order (insertion order for a listpack). */
  public void forEach(PairVisitor visitor) {
    if (table != null) {
      table.forEach(visitor);
      return;
    }
    byte[] b = lp;
    int p = 0;
    while (p < b.length) {
      long fh = readVarint(b, p);
      long vh = readVarint(b, data(fh) + len(fh));
      visitor.pair(b, data(fh), len(fh), b, data(vh), len(vh));
      p = data(vh) + len(vh);
    }
  }

  /** All pairs as copies, flat: field0, value0, field1, value1... in iteration order. */
  public byte[][] toArray() {
    byte[][] out = new byte[size() * 2][];
    int[] i = {0};
    forEach((f, fo, fl, v, vo, vl) -> {
      out[i[0]++] = Arrays.copyOfRange(f, fo, fo + fl);
      out[i[0]++] = Arrays.copyOfRange(v, vo, vo + vl);
    });
    return out;
  }

  /**
   * One pair chosen at random, hashtable encoding only: {@code {field, value}} (the stored arrays;
   * do not modify).
   */
  public byte[][] randomPair(Random random) {
    HashTable.Node n = table.randomNode(random);
    return new byte[][] {n.field, n.value};
  }

  /**
   * HSCAN over the hashtable encoding: visits one bucket per step, Redis's reverse-binary cursor.
   * For a listpack, visits everything and returns 0.
   */
  public long scan(long cursor, PairVisitor visitor) {
    if (table == null) {
      forEach(visitor);
      return 0;
    }
    return table.scan(cursor, visitor);
  }

  // ---- writes -----------------------------------------------------------------------------

  /**
   * Redis's {@code hashTypeTryConversion}: converts a listpack to a hashtable when an element
   * about to be written is longer than {@code maxValue}, or the listpack would pass its safety
   * limit. Call with the lengths of all the fields and values of one command before writing.
   */
  public void convertIfTooLong(long maxLength, long totalLength, long maxValue) {
    if (table == null
        && (maxLength > maxValue || (long) lp.length + totalLength > LISTPACK_SAFETY_SIZE)) {
      convertToHashtable();
    }
  }

  /**
   * Sets {@code f} to {@code v} (copied), converting as Redis's {@code hashTypeSet} does: to a
   * hashtable first when either is longer than {@code maxValue}, and after the insert when the
   * listpack holds more than {@code maxEntries} fields.
   *
   * @return true when the field is new, false when an existing value was replaced
   */
  public boolean set(byte[] f, int fOff, int fLen, byte[] v, int vOff, int vLen,
      long maxEntries, long maxValue) {
    if (table == null && (fLen > maxValue || vLen > maxValue)) {
      convertToHashtable();
    }
    if (table != null) {
      return table.put(f, fOff, fLen, v, vOff, vLen);
    }
    int p = lpFind(f, fOff, fLen);
    if (p >= 0) {
      int vp = lpSkip(p);
      int vEnd = lpSkip(vp);
      if (len(readVarint(lp, vp)) == vLen) {
        System.arraycopy(v, vOff, lp, vEnd - vLen, vLen); // same length: overwrite in place
        return false;
      }
      int newSize = varintSize(vLen) + vLen;
      byte[] n = new byte[lp.length - (vEnd - vp) + newSize];
      System.arraycopy(lp, 0, n, 0, vp);
      int q = writeVarint(n, vp, vLen);
      System.arraycopy(v, vOff, n, q, vLen);
      System.arraycopy(lp, vEnd, n, q + vLen, lp.length - vEnd);
      lp = n;
      return false;
    }
    int old = lp.length;
    byte[] n = Arrays.copyOf(lp, old + varintSize(fLen) + fLen + varintSize(vLen) + vLen);
    int q = writeVarint(n, old, fLen);
    System.arraycopy(f, fOff, n, q, fLen);
    q = writeVarint(n, q + fLen, vLen);
    System.arraycopy(v, vOff, n, q, vLen);
    lp = n;
    count++;
    if (count > maxEntries) {
      convertToHashtable();
    }
    return true;
  }

  /** Convenience for whole arrays. */
  public boolean set(byte[] f, byte[] v, long maxEntries, long maxValue) {
    return set(f, 0, f.length, v, 0, v.length, maxEntries, maxValue);
  }

  /** Removes {@code f}; true when it was there. The caller deletes an emptied key. */
  public boolean delete(byte[] f, int off, int len) {
    if (table != null) {
      return table.remove(f, off, len);
    }
    int p = lpFind(f, off, len);
    if (p < 0) {
      return false;
    }
    int end = lpSkip(lpSkip(p));
    byte[] n = new byte[lp.length - (end - p)];
    System.arraycopy(lp, 0, n, 0, p);
    System.arraycopy(lp, end, n, p, lp.length - end);
    lp = n;
    count--;
    return true;
  }

  /** Converts a listpack to the hashtable encoding, keeping every pair. */
  public void convertToHashtable() {
    if (table != null) {
      return;
    }
    HashTable t = new HashTable(count);
    forEach(t::put);
    table = t;
    lp = null;
    count = 0;
  }

  /** Approximate heap bytes used by the encoding (tests and MEMORY-like reports). */
  public long approximateBytes() {
    if (table == null) {
      return 16 + 16 + lp.length;
    }
    return 16 + table.approximateBytes();
  }
}
