package io.haredis.core.type;

import java.util.Arrays;

/**
 * A list value (Redis's {@code OBJ_LIST}).
 *
 * <h2>Layout</h2>
 * A growable circular array of element byte arrays: {@code elements} has a power-of-two
 * capacity, {@code head} is the slot of index 0 and the element at logical index {@code i} lives
 * at {@code (head + i) & (capacity - 1)}. Pushing or popping at either end and reading or
 * replacing by index are O(1) (amortized for pushes); inserting or removing in the middle moves
 * the shorter side. The array halves when it falls to a quarter full, so a list that was large
 * once does not pin its old capacity. Redis keeps a list as a quicklist (a linked list of
 * listpack nodes); nothing observable in 7.0 depends on that layout except OBJECT ENCODING, which
 * always says {@code quicklist} (7.0 has no listpack encoding for small lists). An RDB writer can
 * cut the elements into quicklist nodes itself from {@link #get}.
 *
 * <h2>Element ownership</h2>
 * Elements are never changed in place: {@link #set} replaces the array. So callers may keep a
 * popped or read element, and {@link #copy} shares the element arrays safely. Callers pushing an
 * element hand over an array nobody else writes to (a copy of a query-buffer slice).
 *
 * <h2>Emptiness</h2>
 * A list may become empty through this API, but Redis never keeps an empty list under a key:
 * commands delete the key when {@link #size} reaches 0.
 *
 * <p>Not thread-safe; used on the node's loop only. Knows nothing of RESP or commands.
 */
public final class ListValue implements RedisValue {

  private static final int MIN_CAPACITY = 4;
  private static final byte[][] EMPTY = new byte[0][];

  private byte[][] elements;
  private int head;
  private int size;

  public ListValue() {
    elements = EMPTY;
  }

  /** An empty list with room for {@code expectedSize} elements (loaders: RDB, RESTORE). */
  public ListValue(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize: " + expectedSize + " (expected: >= 0)");
    }
    elements = expectedSize == 0 ? EMPTY : new byte[capacityFor(expectedSize)][];
  }

  private ListValue(byte[][] elements, int size) {
    this.elements = elements;
    this.size = size;
  }

  @Override
  public ValueType type() {
    return ValueType.LIST;
  }

  /** Redis 7.0 keeps every list as a quicklist. */
  @Override
  public String encoding() {
    return "quicklist";
  }

  @Override
  public ListValue copy() {
    byte[][] a = new byte[capacityFor(size)][];
    copyOut(a);
    return new ListValue(a, size);
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  // ---- ends -----------------------------------------------------------------------------

  /** Pushes {@code element} at {@code end} (takes ownership of the array). */
  public void push(ListEnd end, byte[] element) {
    if (end == ListEnd.HEAD) {
      pushHead(element);
    } else {
      pushTail(element);
    }
  }

  public void pushHead(byte[] element) {
    assert element != null;
    ensureCapacity(size + 1);
    head = (head - 1) & (elements.length - 1);
    elements[head] = element;
    size++;
  }

  public void pushTail(byte[] element) {
    assert element != null;
    ensureCapacity(size + 1);
    elements[(head + size) & (elements.length - 1)] = element;
    size++;
  }

  /** Removes and returns the element at {@code end}, or null when the list is empty. */
  public byte[] pop(ListEnd end) {
    return end == ListEnd.HEAD ? popHead() : popTail();
  }

  public byte[] popHead() {
    if (size == 0) {
      return null;
    }
    byte[] e = elements[head];
    elements[head] = null;
    head = (head + 1) & (elements.length - 1);
    size--;
    maybeShrink();
    return e;
  }

  public byte[] popTail() {
    if (size == 0) {
      return null;
    }
    int slot = (head + size - 1) & (elements.length - 1);
    byte[] e = elements[slot];
    elements[slot] = null;
    size--;
    maybeShrink();
    return e;
  }

  /** The element at {@code end} without removing it, or null when empty. */
  public byte[] peek(ListEnd end) {
    if (size == 0) {
      return null;
    }
    return end == ListEnd.HEAD ? get(0) : get(size - 1);
  }

  // ---- by index -------------------------------------------------------------------------

  /** The element at {@code index} (0-based from the head; must be in range). */
  public byte[] get(int index) {
    assert index >= 0 && index < size : index;
    return elements[(head + index) & (elements.length - 1)];
  }

  /** Replaces the element at {@code index} (in range); returns the old one. */
  public byte[] set(int index, byte[] element) {
    assert index >= 0 && index < size && element != null;
    int slot = (head + index) & (elements.length - 1);
    byte[] old = elements[slot];
    elements[slot] = element;
    return old;
  }

  /**
   * Inserts {@code element} so that it ends up at {@code index} ({@code 0..size}), moving the
   * shorter side.
   */
  public void insert(int index, byte[] element) {
    assert index >= 0 && index <= size && element != null;
    if (index == 0) {
      pushHead(element);
      return;
    }
    if (index == size) {
      pushTail(element);
      return;
    }
    ensureCapacity(size + 1);
    int mask = elements.length - 1;
    if (index < size - index) {
      // shift [0, index) one slot towards the head
      head = (head - 1) & mask;
      for (int i = 0; i < index; i++) {
        elements[(head + i) & mask] = elements[(head + i + 1) & mask];
      }
    } else {
      // shift [index, size) one slot towards the tail
      for (int i = size; i > index; i--) {
        elements[(head + i) & mask] = elements[(head + i - 1) & mask];
      }
    }
    elements[(head + index) & mask] = element;
    size++;
  }

  /** Removes the element at {@code index} (in range), moving the shorter side; returns it. */
  public byte[] remove(int index) {
    assert index >= 0 && index < size;
    int mask = elements.length - 1;
    byte[] old = elements[(head + index) & mask];
    if (index < size - 1 - index) {
      for (int i = index; i > 0; i--) {
        elements[(head + i) & mask] = elements[(head + i - 1) & mask];
      }
      elements[head] = null;
      head = (head + 1) & mask;
    } else {
      for (int i = index; i < size - 1; i++) {
        elements[(head + i) & mask] = elements[(head + i + 1) & mask];
      }
      elements[(head + size - 1) & mask] = null;
    }
    size--;
    maybeShrink();
    return old;
  }

  /** Drops {@code fromHead} elements at the head and {@code fromTail} at the tail (LTRIM). */
  public void trim(int fromHead, int fromTail) {
    assert fromHead >= 0 && fromTail >= 0 && fromHead + fromTail <= size;
    int mask = elements.length - 1;
    for (int i = 0; i < fromHead; i++) {
      elements[(head + i) & mask] = null;
    }
    for (int i = size - fromTail; i < size; i++) {
      elements[(head + i) & mask] = null;
    }
    if (size > 0) {
      head = (head + fromHead) & mask;
    }
    size -= fromHead + fromTail;
    maybeShrink();
  }

  // ---- search ---------------------------------------------------------------------------

  /** Whether the element at {@code index} equals {@code b[off, off+len)}. */
  public boolean elementEquals(int index, byte[] b, int off, int len) {
    byte[] e = get(index);
    return e.length == len && Arrays.equals(e, 0, len, b, off, off + len);
  }

  /**
   * The index of the first element equal to {@code b[off, off+len)} scanning from the head, or
   * -1.
   */
  public int indexOf(byte[] b, int off, int len) {
    for (int i = 0; i < size; i++) {
      if (elementEquals(i, b, off, len)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Removes up to {@code limit} elements equal to {@code b[off, off+len)} (LREM): scanning from
   * {@code from}; {@code limit <= 0} removes every match. Returns how many were removed. Keeps
   * the survivors' order in one pass.
   */
  public int removeMatching(byte[] b, int off, int len, ListEnd from, long limit) {
    int mask = elements.length - 1;
    int removed = 0;
    if (from == ListEnd.HEAD) {
      int w = 0;
      for (int r = 0; r < size; r++) {
        byte[] e = elements[(head + r) & mask];
        if ((limit <= 0 || removed < limit) && e.length == len
            && Arrays.equals(e, 0, len, b, off, off + len)) {
          removed++;
          continue;
        }
        elements[(head + w) & mask] = e;
        w++;
      }
      for (int i = w; i < size; i++) {
        elements[(head + i) & mask] = null;
      }
    } else {
      int w = size - 1;
      for (int r = size - 1; r >= 0; r--) {
        byte[] e = elements[(head + r) & mask];
        if ((limit <= 0 || removed < limit) && e.length == len
            && Arrays.equals(e, 0, len, b, off, off + len)) {
          removed++;
          continue;
        }
        elements[(head + w) & mask] = e;
        w--;
      }
      for (int i = 0; i <= w; i++) {
        elements[(head + i) & mask] = null;
      }
      if (size > 0) {
        head = (head + removed) & mask;
      }
    }
    size -= removed;
    maybeShrink();
    return removed;
  }

  /** The elements head to tail, as a fresh array (tests, RDB, DUMP). */
  public byte[][] toArray() {
    byte[][] a = new byte[size][];
    copyOut(a);
    return a;
  }

  /** A list of copies of {@code values} (tests and loaders). */
  public static ListValue of(byte[]... values) {
    ListValue l = new ListValue();
    for (byte[] v : values) {
      l.pushTail(v.clone());
    }
    return l;
  }

  // ---- capacity -------------------------------------------------------------------------

  private static int capacityFor(int n) {
    int c = MIN_CAPACITY;
    while (c < n) {
      c <<= 1;
      if (c <= 0) {
        throw new IllegalStateException("list too long: " + n);
      }
    }
    return c;
  }

  private void ensureCapacity(int needed) {
    if (needed <= elements.length) {
      return;
    }
    resize(capacityFor(Math.max(needed, elements.length * 2)));
  }

  private void maybeShrink() {
    int cap = elements.length;
    if (size == 0) {
      head = 0;
      if (cap > MIN_CAPACITY) {
        elements = EMPTY;
      }
      return;
    }
    if (cap > MIN_CAPACITY && size <= cap >>> 2) {
      resize(cap >>> 1);
    }
  }

  private void resize(int capacity) {
    byte[][] a = new byte[capacity][];
    copyOut(a);
    elements = a;
    head = 0;
  }

  /** Copies the elements head to tail into {@code a[0..size)}. */
  private void copyOut(byte[][] a) {
    if (size == 0) {
      return;
    }
    int first = Math.min(size, elements.length - head);
    System.arraycopy(elements, head, a, 0, first);
    if (first < size) {
      System.arraycopy(elements, 0, a, first, size - first);
    }
  }

  /** Structural invariants (tests). */
  public boolean checkInvariants() {
    int cap = elements.length;
    assert cap == 0 || Integer.bitCount(cap) == 1 : "capacity not a power of two: " + cap;
    assert size >= 0 && size <= cap : "size " + size + " capacity " + cap;
    for (int i = 0; i < cap; i++) {
      int logical = (i - head) & (cap - 1);
      boolean occupied = logical < size;
      assert occupied == (elements[i] != null) : "slot " + i + " occupied=" + occupied;
    }
    return true;
  }
}
