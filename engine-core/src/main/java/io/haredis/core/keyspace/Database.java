package io.haredis.core.keyspace;

import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.type.RedisValue;
import java.util.Arrays;

/**
 * One of the node's databases (SELECT index): the key dictionary plus the set of keys that
 * have a time to live. Type-specific commands reach values through the lookups here, which
 * apply lazy expiry exactly as Redis's {@code lookupKey*} / {@code expireIfNeeded} do.
 *
 * <p>Keys with a TTL are also kept in a dense array ({@code expires}) so the active expiry
 * cycle can walk them with a cursor and INFO can count them; each entry knows its index there,
 * so adding and removing an expiry are O(1).
 */
public final class Database {

  private final int index;
  private final Keyspace keyspace;
  private Dict dict;
  private Entry[] expires = new Entry[16];
  private int expiresCount;
  long avgTtl; // updated by the active expire cycle, as Redis's db->avg_ttl
  int expireCursor;

  Database(int index, Keyspace keyspace, int seed) {
    this.index = index;
    this.keyspace = keyspace;
    this.dict = new Dict(seed);
  }

  public int index() {
    return index;
  }

  public Keyspace keyspace() {
    return keyspace;
  }

  public int size() {
    return dict.size();
  }

  public int expiresCount() {
    return expiresCount;
  }

  public long avgTtl() {
    return avgTtl;
  }

  public Dict dict() {
    return dict;
  }

  // ---- lookups --------------------------------------------------------------------------

  /**
   * The live entry of a key for a read: expired keys are deleted (on a master) or hidden (on a
   * replica). Counts keyspace hits and misses.
   */
  public Entry lookupRead(byte[] b, int off, int len) {
    Entry e = lookupReadNoTouch(b, off, len);
    if (e != null) {
      keyspace.touch(e);
    }
    return e;
  }

  /**
   * {@link #lookupRead} without updating the key's access time (Redis's
   * {@code LOOKUP_NOTOUCH}: EXISTS, TYPE, TTL, OBJECT). Counts hits and misses.
   */
  public Entry lookupReadNoTouch(byte[] b, int off, int len) {
    Entry e = lookup(b, off, len);
    if (e == null) {
      keyspace.stats.keyspaceMisses++;
    } else {
      keyspace.stats.keyspaceHits++;
    }
    return e;
  }

  /** The live entry of a key for a write; no hit/miss accounting. Updates the access time. */
  public Entry lookupWrite(byte[] b, int off, int len) {
    Entry e = lookup(b, off, len);
    if (e != null) {
      keyspace.touch(e);
      DictBarrier barrier = dict.barrier();
      if (barrier != null) {
        barrier.beforeChange(e); // the caller may now change the value in place
      }
    }
    return e;
  }

  /**
   * Declares that a live entry found by a read lookup is about to be changed in place (PFCOUNT
   * refreshing its cached cardinality), so a snapshot in progress keeps the old bytes.
   */
  public void beforeInPlaceChange(Entry e) {
    DictBarrier barrier = dict.barrier();
    if (barrier != null) {
      barrier.beforeChange(e);
    }
  }

  /** The live entry without statistics or access-time update (expiry checks; commands use the lookups above). */
  public Entry lookup(byte[] b, int off, int len) {
    Entry e = dict.find(b, off, len);
    if (e != null && e.ttl != null && keyspace.isExpired(e.ttl.at)) {
      if (keyspace.expiryDeletes()) {
        deleteExpired(e);
      }
      return null;
    }
    return e;
  }

  public Entry lookup(byte[] key) {
    return lookup(key, 0, key.length);
  }

  /** The entry whether or not it has expired (SCAN, digest and RDB use their own checks). */
  public Entry peek(byte[] b, int off, int len) {
    return dict.find(b, off, len);
  }

  // ---- writes ---------------------------------------------------------------------------

  /**
   * Adds a key that {@link #lookupWrite} found absent. Takes ownership of {@code key}.
   */
  public Entry add(byte[] key, RedisValue value) {
    Entry e = insert(key, value);
    keyspace.onAdded(this, key);
    return e;
  }

  /**
   * Adds a key read from a file (RDB load, DEBUG RELOAD): like {@link #add}, but as in Redis a
   * load neither publishes {@code new} nor wakes clients blocked on the key.
   */
  public Entry addLoaded(byte[] key, RedisValue value) {
    return insert(key, value);
  }

  /**
   * {@link #addLoaded} unless the key is already there (a file with a duplicated key): returns
   * {@code null} then, and changes nothing.
   */
  public Entry addLoadedIfAbsent(byte[] key, RedisValue value) {
    Entry e = dict.insertIfAbsent(key, value);
    if (e != null) {
      inserted(e);
    }
    return e;
  }

  private Entry insert(byte[] key, RedisValue value) {
    Entry e = dict.insertNew(key, value);
    inserted(e);
    return e;
  }

  private void inserted(Entry e) {
    keyspace.created(e);
  }

  /**
   * Sets a key to a value as Redis's {@code setKey} does: overwriting replaces the value and,
   * unless {@code keepTtl}, drops the TTL. Takes ownership of {@code key}.
   */
  public Entry set(byte[] key, RedisValue value, boolean keepTtl) {
    Entry e = dict.find(key, 0, key.length);
    if (e != null && e.ttl != null && keyspace.isExpired(e.ttl.at) && keyspace.expiryDeletes()) {
      deleteExpired(e);
      e = null;
    }
    if (e == null) {
      e = insert(key, value);
      keyspace.onAdded(this, key);
      return e;
    }
    beforeInPlaceChange(e);
    e.value = value;
    keyspace.overwritten(e);
    if (!keepTtl) {
      removeExpire(e);
    }
    return e;
  }

  /** Replaces the value of a live entry, keeping its TTL. */
  public void replace(Entry e, RedisValue value) {
    beforeInPlaceChange(e);
    e.value = value;
  }

  /** A key took over another's value (RENAME, MOVE): it keeps that value's access field. */
  public void keepAccess(Entry to, Entry from) {
    to.lru = from.lru;
  }

  /**
   * Sets what RESTORE's IDLETIME and FREQ, or an RDB's IDLE and FREQ opcodes, say of a key
   * (Redis's {@code objectSetLRUOrLFU}): the frequency under an LFU policy, else the idle time;
   * -1 for either gives none.
   */
  public void setAccess(Entry e, long idleSeconds, int lfuFreq) {
    keyspace.setAccess(e, idleSeconds, lfuFreq);
  }

  /** Sizes an empty database for {@code keys} keys (an RDB's RESIZEDB hint). */
  public void presize(long keys) {
    dict.presize(keys);
  }

  /** Deletes a key if present (expired or not); returns whether it was there and live. */
  public boolean delete(byte[] b, int off, int len) {
    Entry e = dict.remove(b, off, len);
    if (e == null) {
      return false;
    }
    beforeInPlaceChange(e); // still intact: only unlinked
    boolean live = !(e.ttl != null && keyspace.isExpired(e.ttl.at));
    dropExpire(e);
    if (!live && keyspace.expiryDeletes()) {
      // Deleting an already-expired key counts as its expiry, as lookupKeyWrite would have done.
      keyspace.onExpired(this, e.key);
      return false;
    }
    return live;
  }

  public boolean delete(byte[] key) {
    return delete(key, 0, key.length);
  }

  /** Removes an entry found by a lookup. */
  public void delete(Entry e) {
    beforeInPlaceChange(e);
    Entry removed = dict.remove(e.key, 0, e.key.length);
    assert removed == e;
    dropExpire(e);
  }

  void deleteExpired(Entry e) {
    delete(e);
    keyspace.onExpired(this, e.key);
  }

  public void clear() {
    dict = new Dict(keyspace.nextSeed());
    Arrays.fill(expires, 0, expiresCount, null);
    expiresCount = 0;
    avgTtl = 0;
    expireCursor = 0;
  }

  /** Exchanges contents with another database (SWAPDB). */
  void swapWith(Database other) {
    Dict d = dict;
    dict = other.dict;
    other.dict = d;
    Entry[] x = expires;
    expires = other.expires;
    other.expires = x;
    int c = expiresCount;
    expiresCount = other.expiresCount;
    other.expiresCount = c;
    long a = avgTtl;
    avgTtl = other.avgTtl;
    other.avgTtl = a;
    expireCursor = 0;
    other.expireCursor = 0;
  }

  // ---- expiry ---------------------------------------------------------------------------

  /** Sets the absolute expiry (Unix ms) of a live entry. */
  public void setExpire(Entry e, long whenMillis) {
    assert whenMillis >= 0;
    beforeInPlaceChange(e);
    if (e.ttl == null) {
      if (expiresCount == expires.length) {
        expires = Arrays.copyOf(expires, expires.length * 2);
      }
      e.ttl = new Dict.Ttl(whenMillis, expiresCount);
      expires[expiresCount++] = e;
    } else {
      e.ttl.at = whenMillis;
    }
  }

  /** Removes the TTL of an entry; returns whether it had one. */
  public boolean removeExpire(Entry e) {
    if (e.ttl == null) {
      return false;
    }
    beforeInPlaceChange(e);
    dropExpire(e);
    return true;
  }

  private void dropExpire(Entry e) {
    Dict.Ttl t = e.ttl;
    if (t == null) {
      return;
    }
    int i = t.index;
    assert expires[i] == e;
    Entry last = expires[--expiresCount];
    expires[i] = last;
    last.ttl.index = i;
    expires[expiresCount] = null;
    e.ttl = null;
  }

  /** The i-th key with a TTL, for the active expiry cycle. */
  Entry expiringAt(int i) {
    return expires[i];
  }

  /** Whether the TTL index is consistent (used by test checkers). */
  public boolean checkInvariants() {
    int withTtl = 0;
    int[] count = {0};
    dict.forEach(e -> count[0]++);
    if (count[0] != dict.size()) {
      return false;
    }
    for (int i = 0; i < expiresCount; i++) {
      Entry e = expires[i];
      if (e.ttl == null || e.ttl.index != i || e.ttl.at < 0 || dict.find(e.key) != e) {
        return false;
      }
      withTtl++;
    }
    return withTtl == expiresCount;
  }
}
