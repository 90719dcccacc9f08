package io.haredis.core.type;

import java.util.Arrays;
import java.util.Random;

/**
 * The hashtable encoding of a hash: field → value, chained buckets in a power-of-two table. It
 * grows to the next power of two when it holds as many fields as buckets and shrinks after a
 * delete leaves it under 10% full (Redis's {@code htNeedsResize}/{@code dictResize} rules for
 * hashes), rehashing at once rather than incrementally. {@link #scan} uses Redis's
 * reverse-binary cursor, so a full scan reports every field present from start to end even when
 * the table resizes in between.
 */
final class HashTable {

  private static final int INITIAL_SIZE = 4;
  private static final int MIN_FILL_PERCENT = 10;

  static final class Node {
    final byte[] field;
    byte[] value;
    final int hash;
    Node next;

    Node(byte[] field, byte[] value, int hash, Node next) {
      this.field = field;
      this.value = value;
      this.hash = hash;
      this.next = next;
    }
  }

  private Node[] buckets;
  private int size;

  HashTable(int expected) {
    buckets = new Node[sizeFor(expected)];
  }

  private static int sizeFor(int n) {
    int s = INITIAL_SIZE;
    while (s < n) {
      s <<= 1;
    }
    return s;
  }

  /** MurmurHash3-style 32-bit hash of a slice (fixed seed: no node state reaches here). */
  static int hash(byte[] b, int off, int len) {
    int h = 0x9747b28c ^ len;
    int i = off;
    int end = off + (len & ~3);
    for (; i < end; i += 4) {
      int k = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] << 24);
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int k = 0;
    for (int j = (len & 3) - 1; j >= 0; j--) {
      k = (k << 8) | (b[i + j] & 0xff);
    }
    k *= 0xcc9e2d51;
    k = Integer.rotateLeft(k, 15);
    k *= 0x1b873593;
    h ^= k;
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

  Node find(byte[] f, int off, int len) {
    int h = hash(f, off, len);
    for (Node n = buckets[h & (buckets.length - 1)]; n != null; n = n.next) {
      if (n.hash == h && n.field.length == len && Arrays.equals(n.field, 0, len, f, off, off + len)) {
        return n;
      }
    }
    return null;
  }

  /** Inserts or replaces (copies the slices); true when the field is new. */
  boolean put(byte[] f, int fOff, int fLen, byte[] v, int vOff, int vLen) {
    Node n = find(f, fOff, fLen);
    byte[] value = Arrays.copyOfRange(v, vOff, vOff + vLen);
    if (n != null) {
      n.value = value;
      return false;
    }
    if (size >= buckets.length) {
      resize(buckets.length << 1);
    }
    int h = hash(f, fOff, fLen);
    int i = h & (buckets.length - 1);
    buckets[i] = new Node(Arrays.copyOfRange(f, fOff, fOff + fLen), value, h, buckets[i]);
    size++;
    return true;
  }

  boolean remove(byte[] f, int off, int len) {
    int h = hash(f, off, len);
    int i = h & (buckets.length - 1);
    Node prev = null;
    for (Node n = buckets[i]; n != null; prev = n, n = n.next) {
      if (n.hash == h && n.field.length == len && Arrays.equals(n.field, 0, len, f, off, off + len)) {
        if (prev == null) {
          buckets[i] = n.next;
        } else {
          prev.next = n.next;
        }
        size--;
        if (buckets.length > INITIAL_SIZE && (long) size * 100 / buckets.length < MIN_FILL_PERCENT) {
          resize(sizeFor(size));
        }
        return true;
      }
    }
    return false;
  }

  private void resize(int newSize) {
    Node[] old = buckets;
    Node[] nb = new Node[newSize];
    int mask = newSize - 1;
    for (Node head : old) {
      for (Node n = head; n != null; ) {
        Node next = n.next;
        int i = n.hash & mask;
        n.next = nb[i];
        nb[i] = n;
        n = next;
      }
    }
    buckets = nb;
  }

  void forEach(HashValue.PairVisitor v) {
    for (Node head : buckets) {
      for (Node n = head; n != null; n = n.next) {
        v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
      }
    }
  }

  /** A random node: a random non-empty bucket, then a random node of its chain. */
  Node randomNode(Random random) {
    Node head;
    do {
      head = buckets[random.nextInt(buckets.length)];
    } while (head == null);
    int len = 0;
    for (Node n = head; n != null; n = n.next) {
      len++;
    }
    Node n = head;
    for (int k = random.nextInt(len); k > 0; k--) {
      n = n.next;
    }
    return n;
  }

  /** Visits bucket {@code cursor & mask} and returns the next cursor (0 at the end). */
  long scan(long cursor, HashValue.PairVisitor v) {
    long mask = buckets.length - 1;
    for (Node n = buckets[(int) (cursor & mask)]; n != null; n = n.next) {
      v.pair(n.field, 0, n.field.length, n.value, 0, n.value.length);
    }
    cursor |= ~mask;
    cursor = Long.reverse(cursor);
    cursor++;
    cursor = Long.reverse(cursor);
    return cursor;
  }

  HashTable copy() {
    HashTable t = new HashTable(size);
    forEach(t::put);
    return t;
  }

  long approximateBytes() {
    long b = 16 + 16 + 4L * buckets.length;
    for (Node head : buckets) {
      for (Node n = head; n != null; n = n.next) {
        b += 32 + 16 + n.field.length + 16 + n.value.length;
      }
    }
    return b;
  }
}
