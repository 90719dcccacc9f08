package io.haredis.core.keyspace;

import io.haredis.core.type.RedisValue;
import java.util.Arrays;
import java.util.Random;

/**
 * The key dictionary of one database: chained hash table of binary keys, mirroring Redis's
 * {@code dict.c}.
 *
 * <h2>Incremental rehashing</h2>
 * When the table must grow or shrink, a second table is allocated and buckets move from the
 * old to the new one a few at a time: one bucket per lookup, insert or delete
 * ({@code _dictRehashStep}), and a time-boxed batch from the node's cron
 * ({@code incrementallyRehash}). No single call ever moves millions of keys, so a resize never
 * pauses the node. While rehashing, lookups probe both tables and inserts go to the new one.
 *
 * <h2>SCAN guarantee</h2>
 * {@link #scan} is Redis's {@code dictScan}: the cursor walks bucket indexes in reverse-binary
 * order, so when the table doubles or halves between calls, buckets already visited map onto
 * buckets the cursor has passed. Every key present for the whole scan is returned at least once;
 * keys may be returned more than once.
 *
 * <h2>Probing without a key object</h2>
 * Lookups take {@code (array, offset, length)}, a slice of the client's query buffer.
 */
public final class Dict {

  /**
   * A key and its value. It points at its expiry, so a TTL check needs no second lookup, but
   * only keys with a TTL pay for one ({@link Ttl}); the key's hash is not stored but computed
   * again when the entry moves to a new table. 32 bytes with compressed pointers: this object is
   * the per-key overhead of the whole keyspace.
   */
  public static final class Entry {
    final byte[] key;
    RedisValue value;
    Entry next;
    int lru; // LRU clock (Unix seconds, unsigned) of the last touching access: OBJECT IDLETIME
    Ttl ttl; // null without a TTL

    Entry(byte[] key, RedisValue value) {
      this.key = key;
      this.value = value;
    }

    /** The key; do not modify. */
    public byte[] key() {
      return key;
    }

    public RedisValue value() {
      return value;
    }

    /** Expiry as a Unix time in milliseconds, or -1. */
    public long expireAt() {
      Ttl t = ttl;
      return t == null ? -1 : t.at;
    }

    /** The raw access field: an LRU clock or an LFU minute and counter ({@link AccessPolicy}). */
    public int accessField() {
      return lru;
    }

    /** Unix seconds of the last access that touched the key (Redis's {@code robj.lru}). */
    public long lastAccessSeconds() {
      return Integer.toUnsignedLong(lru);
    }
  }

  /** The expiry of a key with a TTL, and its slot in the database's array of such keys. */
  static final class Ttl {
    long at;
    int index;

    Ttl(long at, int index) {
      this.at = at;
      this.index = index;
    }
  }

  /** Receives entries from {@link #scan}. */
  @FunctionalInterface
  public interface ScanVisitor {
    void visit(Entry e);

    /**
     * Called before the entries of each non-empty bucket: every key visited until the next call
     * has a {@link #hash} {@code h} with {@code (h & mask) == index}. A visitor that looks keys up
     * by hash can use it instead of hashing each key.
     */
    default void bucket(int index, int mask) {}
  }

  private static final int INITIAL_SIZE = 4;
  private static final int FORCE_RESIZE_RATIO = 5;

  private final int seed;
  private Entry[] t0 = new Entry[0];
  private Entry[] t1;
  private int used0;
  private int used1;
  private int rehashIdx = -1;
  private DictBarrier barrier;

  Dict(int seed) {
    this.seed = seed;
  }

  public int size() {
    return used0 + used1;
  }

  public boolean isRehashing() {
    return rehashIdx != -1;
  }

  /** Bucket count of the main table (and the rehash target, if any), for DEBUG HTSTATS-like reporting. */
  public int buckets() {
    return t0.length + (t1 == null ? 0 : t1.length);
  }

  int hash(byte[] b, int off, int len) {
    return Hashing.hash(seed, b, off, len);
  }

  /** The hash this dictionary files {@code key} under (and {@link #scan} orders it by). */
  public int hash(byte[] key) {
    return Hashing.hash(seed, key, 0, key.length);
  }

  // ---- for DictSnapshot -------------------------------------------------------------------

  Entry[] table0() {
    return t0;
  }

  /** The rehash target, or {@code null}. */
  Entry[] table1() {
    return t1;
  }

  /** The snapshot barrier watching this dictionary, or {@code null}. */
  public DictBarrier barrier() {
    return barrier;
  }

  /**
   * Installs (or with {@code null} removes) the barrier of a snapshot being taken. While one is
   * installed the table never starts to shrink (as Redis does not resize while a child saves):
   * a shrink would move every entry, and each move costs the loop a bucket capture.
   */
  public void barrier(DictBarrier b) {
    this.barrier = b;
  }

  public Entry find(byte[] b, int off, int len) {
    if (size() == 0) {
      return null;
    }
    if (isRehashing()) {
      rehashStep();
    }
    int h = hash(b, off, len);
    Entry e = findIn(t0, h, b, off, len);
    if (e == null && t1 != null) {
      e = findIn(t1, h, b, off, len);
    }
    return e;
  }

  public Entry find(byte[] key) {
    return find(key, 0, key.length);
  }

  private static Entry findIn(Entry[] table, int h, byte[] b, int off, int len) {
    if (table.length == 0) {
      return null;
    }
    for (Entry e = table[h & (table.length - 1)]; e != null; e = e.next) {
      if (e.key.length == len && Arrays.equals(e.key, 0, len, b, off, off + len)) {
        return e;
      }
    }
    return null;
  }

  /** Inserts a key that is known to be absent; returns its entry. Takes ownership of {@code key}. */
  public Entry insertNew(byte[] key, RedisValue value) {
    if (isRehashing()) {
      rehashStep();
    }
    expandIfNeeded();
    int h = hash(key, 0, key.length);
    assert findIn(t0, h, key, 0, key.length) == null && (t1 == null || findIn(t1, h, key, 0, key.length) == null)
        : "key already present";
    return link(h, key, value);
  }

  /**
   * Inserts a key unless it is present (one hash, one lookup: loading a file checks every key for
   * duplicates). Returns the new entry, or {@code null} when the key was there. Takes ownership
   * of {@code key}.
   */
  public Entry insertIfAbsent(byte[] key, RedisValue value) {
    if (isRehashing()) {
      rehashStep();
    }
    int h = hash(key, 0, key.length);
    if (findIn(t0, h, key, 0, key.length) != null || (t1 != null && findIn(t1, h, key, 0, key.length) != null)) {
      return null;
    }
    expandIfNeeded(); // may start a rehash into an empty table: the lookup above still holds
    return link(h, key, value);
  }

  private Entry link(int h, byte[] key, RedisValue value) {
    Entry e = new Entry(key, value);
    if (isRehashing()) {
      int i = h & (t1.length - 1);
      if (barrier != null) {
        barrier.beforeLink(t1, i);
      }
      e.next = t1[i];
      t1[i] = e;
      used1++;
    } else {
      int i = h & (t0.length - 1);
      if (barrier != null) {
        barrier.beforeLink(t0, i);
      }
      e.next = t0[i];
      t0[i] = e;
      used0++;
    }
    return e;
  }

  /** Removes and returns the entry of a key, or {@code null}. */
  public Entry remove(byte[] b, int off, int len) {
    if (size() == 0) {
      return null;
    }
    if (isRehashing()) {
      rehashStep();
    }
    int h = hash(b, off, len);
    if (barrier != null) {
      beforeUnlink(h, b, off, len);
    }
    Entry e = removeFrom(t0, h, b, off, len);
    if (e != null) {
      used0--;
      return e;
    }
    if (t1 != null) {
      e = removeFrom(t1, h, b, off, len);
      if (e != null) {
        used1--;
      }
    }
    return e;
  }

  private void beforeUnlink(int h, byte[] b, int off, int len) {
    if (findIn(t0, h, b, off, len) != null) {
      barrier.beforeLink(t0, h & (t0.length - 1));
    } else if (t1 != null && findIn(t1, h, b, off, len) != null) {
      barrier.beforeLink(t1, h & (t1.length - 1));
    }
  }

  private static Entry removeFrom(Entry[] table, int h, byte[] b, int off, int len) {
    if (table.length == 0) {
      return null;
    }
    int i = h & (table.length - 1);
    Entry prev = null;
    for (Entry e = table[i]; e != null; prev = e, e = e.next) {
      if (e.key.length == len && Arrays.equals(e.key, 0, len, b, off, off + len)) {
        if (prev == null) {
          table[i] = e.next;
        } else {
          prev.next = e.next;
        }
        e.next = null;
        return e;
      }
    }
    return null;
  }

  public void clear() {
    t0 = new Entry[0];
    t1 = null;
    used0 = 0;
    used1 = 0;
    rehashIdx = -1;
  }

  // ---- resizing -------------------------------------------------------------------------

  private void expandIfNeeded() {
    if (isRehashing()) {
      return;
    }
    if (t0.length == 0) {
      t0 = new Entry[INITIAL_SIZE];
      return;
    }
    if (used0 >= t0.length || used0 / t0.length > FORCE_RESIZE_RATIO) {
      startRehash(nextPower(used0 + 1));
    }
  }

  /**
   * Sizes an empty dictionary for {@code n} keys at once (Redis's dictExpand on RDB RESIZEDB),
   * so loading a file never rehashes. No effect on a dictionary that holds keys.
   */
  public void presize(long n) {
    if (size() != 0 || n <= t0.length) {
      return;
    }
    t0 = new Entry[nextPower((int) Math.min(n, 1 << 30))];
    t1 = null;
    rehashIdx = -1;
  }

  /** Shrinks a sparse table (Redis's htNeedsResize + dictResize, run from cron). */
  public void shrinkIfSparse() {
    if (isRehashing() || t0.length <= INITIAL_SIZE || barrier != null) {
      return;
    }
    if ((long) used0 * 100 / t0.length < 10) {
      int target = nextPower(Math.max(used0, INITIAL_SIZE));
      if (target < t0.length) {
        startRehash(target);
      }
    }
  }

  private void startRehash(int size) {
    if (size == t0.length) {
      return;
    }
    t1 = new Entry[size];
    used1 = 0;
    rehashIdx = 0;
  }

  private static int nextPower(int n) {
    int size = INITIAL_SIZE;
    while (size < n && size < (1 << 30)) {
      size <<= 1;
    }
    return size;
  }

  private void rehashStep() {
    rehash(1);
  }

  /**
   * Moves up to {@code n} non-empty buckets to the new table, visiting at most {@code 10 n}
   * empty ones (Redis's {@code dictRehash}). Returns true while rehashing is not finished.
   */
  public boolean rehash(int n) {
    if (!isRehashing()) {
      return false;
    }
    int emptyVisits = n * 10;
    while (n-- > 0 && used0 != 0) {
      while (t0[rehashIdx] == null) {
        rehashIdx++;
        if (--emptyVisits == 0) {
          return true;
        }
      }
      if (barrier != null) {
        barrier.beforeLink(t0, rehashIdx);
      }
      Entry e = t0[rehashIdx];
      int mask1 = t1.length - 1;
      while (e != null) {
        Entry next = e.next;
        int i = hash(e.key, 0, e.key.length) & mask1;
        if (barrier != null) {
          barrier.beforeLink(t1, i);
        }
        e.next = t1[i];
        t1[i] = e;
        used0--;
        used1++;
        e = next;
      }
      t0[rehashIdx] = null;
      rehashIdx++;
    }
    if (used0 == 0) {
      t0 = t1;
      used0 = used1;
      t1 = null;
      used1 = 0;
      rehashIdx = -1;
      return false;
    }
    return true;
  }

  // ---- scan and sampling ----------------------------------------------------------------

  /**
   * Visits one bucket's worth of entries (both tables' matching buckets while rehashing) and
   * returns the next cursor; 0 when the scan is complete. Mirrors {@code dictScan}.
   */
  public long scan(long cursor, ScanVisitor visitor) {
    if (size() == 0) {
      return 0;
    }
    long v = cursor;
    if (!isRehashing()) {
      long m0 = t0.length - 1;
      visitBucket(t0, (int) (v & m0), visitor);
      v |= ~m0;
      v = Long.reverse(v);
      v++;
      v = Long.reverse(v);
    } else {
      Entry[] small = t0;
      Entry[] large = t1;
      if (small.length > large.length) {
        small = t1;
        large = t0;
      }
      long m0 = small.length - 1;
      long m1 = large.length - 1;
      visitBucket(small, (int) (v & m0), visitor);
      do {
        visitBucket(large, (int) (v & m1), visitor);
        v |= ~m1;
        v = Long.reverse(v);
        v++;
        v = Long.reverse(v);
      } while ((v & (m0 ^ m1)) != 0);
    }
    return v;
  }

  private static void visitBucket(Entry[] table, int index, ScanVisitor visitor) {
    Entry e = table[index];
    if (e != null) {
      visitor.bucket(index, table.length - 1);
    }
    while (e != null) {
      Entry next = e.next; // the visitor may delete e (expired keys)
      visitor.visit(e);
      e = next;
    }
  }

  /** A random entry, or {@code null} when empty (Redis's dictGetRandomKey). */
  public Entry randomEntry(Random random) {
    if (size() == 0) {
      return null;
    }
    if (isRehashing()) {
      rehashStep();
    }
    Entry head;
    if (isRehashing()) {
      int span = t0.length + t1.length;
      do {
        int i = rehashIdx + random.nextInt(span - rehashIdx);
        head = i >= t0.length ? t1[i - t0.length] : t0[i];
      } while (head == null);
    } else {
      do {
        head = t0[random.nextInt(t0.length)];
      } while (head == null);
    }
    int len = 0;
    for (Entry e = head; e != null; e = e.next) {
      len++;
    }
    int pick = random.nextInt(len);
    Entry e = head;
    while (pick-- > 0) {
      e = e.next;
    }
    return e;
  }

  /** Visits every entry; the visitor must not modify the dict. For admin paths (KEYS, digest). */
  public void forEach(ScanVisitor visitor) {
    for (Entry[] table : new Entry[][] {t0, t1}) {
      if (table == null) {
        continue;
      }
      for (Entry head : table) {
        for (Entry e = head; e != null; e = e.next) {
          visitor.visit(e);
        }
      }
    }
  }
}
