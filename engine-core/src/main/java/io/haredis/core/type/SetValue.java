package io.haredis.core.type;

import io.haredis.core.resp.Numbers;
import java.util.Random;

/**
 * A set value, with Redis 7.0's two encodings ({@code t_set.c}):
 *
 * <ul>
 *   <li><b>intset</b>: every member reads as a 64-bit integer ({@code string2ll} rules: no sign
 *       {@code +}, no leading zeros, no {@code -0}) and there are at most
 *       {@code set-max-intset-entries} of them. Members are kept sorted in one packed array
 *       ({@link IntSet}), so iteration is ascending numeric order, as in Redis.
 *   <li><b>hashtable</b>: anything else ({@link MemberTable}); iteration order is unspecified.
 * </ul>
 *
 * <h2>Conversion</h2>
 * Mirrors {@code setTypeAdd}: adding a non-integer member to an intset, or growing it past the
 * limit, converts it to a hashtable; a hashtable never converts back (7.0 has no listpack sets).
 * A new set starts as an intset when its first member is an integer ({@code setTypeCreate}).
 * The limit is passed in by the caller (the node's settings), so this class stays free of node
 * state.
 *
 * <p>Data structure only: no RESP. Not thread-safe (the node's loop owns it).
 */
public final class SetValue implements RedisValue {

  private byte[] ints; // intset encoding: packed members; null when hashtable
  private MemberTable table; // hashtable encoding; null when intset
  private byte width; // intset member width in bytes (2, 4, 8)

  private SetValue() {}

  /** An empty intset-encoded set (Redis's {@code createIntsetObject}). */
  public static SetValue newIntset() {
    SetValue s = new SetValue();
    s.ints = IntSet.EMPTY;
    s.width = 2;
    return s;
  }

  /** An empty hashtable-encoded set presized for {@code expected} members. */
  public static SetValue newHashtable(int expected) {
    SetValue s = new SetValue();
    s.table = new MemberTable(expected);
    return s;
  }

  /** An empty set that can hold {@code first} in the cheapest encoding ({@code setTypeCreate}). */
  public static SetValue createFor(byte[] b, int off, int len) {
    return Numbers.isLong(b, off, len) ? newIntset() : newHashtable(1);
  }

  /**
   * An intset-encoded set over {@code packed}: members ascending and distinct, little-endian,
   * {@code width} (2, 4 or 8) bytes each, exactly as an RDB intset blob holds them after its
   * header. Takes ownership. The caller (the RDB loader) has checked all of that.
   */
  public static SetValue fromIntset(byte[] packed, int width) {
    if (width != 2 && width != 4 && width != 8 || packed.length % width != 0) {
      throw new IllegalArgumentException("intset width " + width + " with " + packed.length + " bytes");
    }
    SetValue s = new SetValue();
    s.ints = packed.length == 0 ? IntSet.EMPTY : packed;
    s.width = (byte) width;
    return s;
  }

  /** The packed members of an intset (see {@link #fromIntset}); do not modify. */
  public byte[] intsetContents() {
    assert ints != null;
    return ints;
  }

  /** The member width in bytes of an intset: 2, 4 or 8. */
  public int intsetWidth() {
    assert ints != null;
    return width;
  }

  /** Converts an intset to a hashtable (a loaded intset longer than set-max-intset-entries). */
  public void convertToHashtableEncoding() {
    if (ints != null) {
      convertToHashtable();
    }
  }

  @Override
  public ValueType type() {
    return ValueType.SET;
  }

  @Override
  public String encoding() {
    return ints != null ? "intset" : "hashtable";
  }

  public boolean isIntset() {
    return ints != null;
  }

  @Override
  public SetValue copy() {
    SetValue s = new SetValue();
    s.width = width;
    if (ints != null) {
      s.ints = ints.length == 0 ? IntSet.EMPTY : ints.clone();
    } else {
      s.table = table.copy();
    }
    return s;
  }

  public int size() {
    return ints != null ? IntSet.size(ints, width) : table.size();
  }

  // ---- membership -----------------------------------------------------------------------

  public boolean contains(byte[] b, int off, int len) {
    if (ints != null) {
      return Numbers.isLong(b, off, len) && IntSet.search(ints, width, Numbers.parseLong(b, off, len, 0)) >= 0;
    }
    return table.contains(b, off, len);
  }

  public boolean contains(byte[] b) {
    return contains(b, 0, b.length);
  }

  /**
   * Adds a member (copying the bytes); false if it was already there. {@code maxIntsetEntries}
   * is {@code set-max-intset-entries}.
   */
  public boolean add(byte[] b, int off, int len, long maxIntsetEntries) {
    if (ints != null) {
      if (Numbers.isLong(b, off, len)) {
        return addLong(Numbers.parseLong(b, off, len, 0), maxIntsetEntries);
      }
      convertToHashtable();
    }
    return table.add(b, off, len);
  }

  public boolean add(byte[] b, long maxIntsetEntries) {
    return add(b, 0, b.length, maxIntsetEntries);
  }

  /** Adds an integer member (as its decimal text when hashtable-encoded). */
  public boolean addLong(long v, long maxIntsetEntries) {
    if (ints == null) {
      byte[] text = Numbers.toBytes(v);
      return table.add(text, 0, text.length);
    }
    int pos = IntSet.search(ints, width, v);
    if (pos >= 0) {
      return false;
    }
    int w = Math.max(width, IntSet.widthFor(v));
    ints = IntSet.insert(ints, width, w, -pos - 1, v);
    width = (byte) w;
    if (IntSet.size(ints, width) > maxIntsetEntries) {
      convertToHashtable();
    }
    return true;
  }

  public boolean remove(byte[] b, int off, int len) {
    if (ints != null) {
      if (!Numbers.isLong(b, off, len)) {
        return false;
      }
      int pos = IntSet.search(ints, width, Numbers.parseLong(b, off, len, 0));
      if (pos < 0) {
        return false;
      }
      ints = IntSet.removeAt(ints, width, pos);
      return true;
    }
    return table.remove(b, off, len);
  }

  public boolean remove(byte[] b) {
    return remove(b, 0, b.length);
  }

  private void convertToHashtable() {
    int n = IntSet.size(ints, width);
    MemberTable t = new MemberTable(n);
    for (int i = 0; i < n; i++) {
      byte[] text = Numbers.toBytes(IntSet.get(ints, width, i));
      t.add(text, 0, text.length);
    }
    table = t;
    ints = null;
  }

  // ---- random and iteration -----------------------------------------------------------

  /** A random member's bytes (do not modify); the set must not be empty. */
  public byte[] randomMember(Random random) {
    if (ints != null) {
      return Numbers.toBytes(IntSet.get(ints, width, random.nextInt(IntSet.size(ints, width))));
    }
    return table.random(random);
  }

  /** Receives members in iteration order (ascending for intsets). */
  @FunctionalInterface
  public interface MemberVisitor {
    void visit(byte[] member);
  }

  /**
   * Visits every member as bytes (intset members as their decimal text, possibly shared cached
   * arrays; hashtable members are the stored arrays: never modify them). Do not modify the set meanwhile.
   */
  public void forEach(MemberVisitor visitor) {
    if (ints != null) {
      int n = IntSet.size(ints, width);
      for (int i = 0; i < n; i++) {
        visitor.visit(Numbers.toBytes(IntSet.get(ints, width, i)));
      }
      return;
    }
    for (MemberTable.Node head : table.buckets()) {
      for (MemberTable.Node m = head; m != null; m = m.next) {
        visitor.visit(m.member);
      }
    }
  }

  /** All members as byte arrays, in iteration order. */
  public byte[][] members() {
    byte[][] out = new byte[size()][];
    int[] i = {0};
    forEach(m -> out[i[0]++] = m);
    return out;
  }

  /**
   * One {@code dictScan} step over a hashtable-encoded set: visits one bucket, returns the next
   * cursor (0 when done).
   */
  public long scan(long cursor, MemberVisitor visitor) {
    return table.scan(cursor, visitor::visit);
  }
}
