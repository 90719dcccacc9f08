package io.haredis.core.type;

import java.util.Arrays;
import java.util.Random;

/**
 * The {@code hashtable} encoding of a set: a chained hash table of binary members (the role of
 * a Redis {@code dict} with {@code setDictType}).
 *
 * <h2>Sizing</h2>
 * The bucket array is a power of two. It doubles when the member count reaches the bucket
 * count (load factor 1, as {@code _dictExpandIfNeeded}) and halves toward the member count when
 * fewer than 10% of the buckets would be used ({@code htNeedsResize} after a removal). Unlike
 * Redis the rehash is done at once: one set is bounded by what a single command adds.
 *
 * <h2>SCAN</h2>
 * {@link #scan} walks bucket indexes in reverse-binary order ({@code dictScan}'s cursor), so a
 * table that doubled or halved between two calls still yields every member present for the
 * whole scan at least once.
 *
 * <p>Not thread-safe.
 */
final class MemberTable {

  static final class Node {
    final byte[] member;
    final int hash;
    Node next;

    Node(byte[] member, int hash, Node next) {
      this.member = member;
      this.hash = hash;
      this.next = next;
    }
  }

  private static final int MIN_BUCKETS = 4;

  private Node[] table;
  private int size;

  MemberTable(int expected) {
    table = new Node[capacityFor(Math.max(expected, 1))];
  }

  private static int capacityFor(int n) {
    int c = MIN_BUCKETS;
    while (c < n) {
      c <<= 1;
    }
    return c;
  }

  static int hash(byte[] b, int off, int len) {
    int h = 0x9747b28c;
    for (int i = off; i < off + len; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  int size() {
    return size;
  }

  Node[] buckets() {
    return table;
  }

  boolean contains(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    for (Node n = table[h & (table.length - 1)]; n != null; n = n.next) {
      if (n.hash == h && Arrays.equals(n.member, 0, n.member.length, b, off, off + len)) {
        return true;
      }
    }
    return false;
  }

  /** Adds a copy of the slice; false if already present. */
  boolean add(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    int idx = h & (table.length - 1);
    for (Node n = table[idx]; n != null; n = n.next) {
      if (n.hash == h && Arrays.equals(n.member, 0, n.member.length, b, off, off + len)) {
        return false;
      }
    }
    if (size >= table.length) {
      resize(table.length << 1);
      idx = h & (table.length - 1);
    }
    table[idx] = new Node(Arrays.copyOfRange(b, off, off + len), h, table[idx]);
    size++;
    return true;
  }

  boolean remove(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    int idx = h & (table.length - 1);
    Node prev = null;
    for (Node n = table[idx]; n != null; prev = n, n = n.next) {
      if (n.hash == h && Arrays.equals(n.member, 0, n.member.length, b, off, off + len)) {
        if (prev == null) {
          table[idx] = n.next;
        } else {
          prev.next = n.next;
        }
        size--;
        if (table.length > MIN_BUCKETS && (long) size * 100 / table.length < 10) {
          resize(capacityFor(size));
        }
        return true;
      }
    }
    return false;
  }

  private void resize(int capacity) {
    Node[] old = table;
    Node[] t = new Node[capacity];
    for (Node head : old) {
      for (Node n = head; n != null; ) {
        Node next = n.next;
        int idx = n.hash & (capacity - 1);
        n.next = t[idx];
        t[idx] = n;
        n = next;
      }
    }
    table = t;
  }

  /** A uniformly chosen non-empty bucket, then a uniform member of its chain. */
  byte[] random(Random random) {
    assert size > 0;
    Node head;
    do {
      head = table[random.nextInt(table.length)];
    } while (head == null);
    int len = 0;
    for (Node n = head; n != null; n = n.next) {
      len++;
    }
    Node n = head;
    for (int k = random.nextInt(len); k > 0; k--) {
      n = n.next;
    }
    return n.member;
  }

  /** Receives members during {@link #scan}. */
  interface Visitor {
    void visit(byte[] member);
  }

  /** One step of {@code dictScan}: visits one bucket, returns the next cursor (0 = done). */
  long scan(long cursor, Visitor visitor) {
    long mask = table.length - 1;
    for (Node n = table[(int) (cursor & mask)]; n != null; n = n.next) {
      visitor.visit(n.member);
    }
    cursor |= ~mask;
    cursor = Long.reverse(cursor);
    cursor++;
    return Long.reverse(cursor);
  }

  MemberTable copy() {
    MemberTable t = new MemberTable(1);
    t.table = new Node[table.length];
    for (int i = 0; i < table.length; i++) {
      for (Node n = table[i]; n != null; n = n.next) {
        t.table[i] = new Node(n.member.clone(), n.hash, t.table[i]);
      }
    }
    t.size = size;
    return t;
  }
}
