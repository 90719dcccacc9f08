package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import io.haredis.core.keyspace.Database;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * WATCH bookkeeping (Redis's {@code watched_keys} in multi.c): which clients watch which key of
 * which database. A write to a watched key, its expiry, or a FLUSH/SWAPDB that changes it marks
 * every watcher dirty, and their EXEC then fails with a null reply.
 *
 * <p>Costs nothing while nobody watches: {@link #any()} gates every lookup on the write path.
 * Loop-confined.
 */
public final class WatchedKeys {

  /** A key of a database; the key bytes are compared by content. */
  record Key(int db, ByteBuffer key) {}

  private final Map<Key, List<ClientState>> watchers = new HashMap<>();
  private final Map<ClientState, List<Key>> byClient = new HashMap<>();
  private final Map<ClientState, List<Key>> expiredAtWatch = new HashMap<>();

  /** Whether any client watches anything. */
  public boolean any() {
    return !watchers.isEmpty();
  }

  /**
   * WATCH: the client watches {@code key} of database {@code db} (once, however often asked).
   * {@code alreadyExpired} records a key that was logically expired when watched, so its
   * expiry is not later mistaken for a change.
   */
  public void watch(ClientState c, int db, byte[] key, boolean alreadyExpired) {
    Key k = new Key(db, ByteBuffer.wrap(key));
    List<ClientState> list = watchers.computeIfAbsent(k, x -> new ArrayList<>(2));
    if (!list.contains(c)) {
      list.add(c);
      byClient.computeIfAbsent(c, x -> new ArrayList<>()).add(k);
      if (alreadyExpired) {
        expiredAtWatch.computeIfAbsent(c, x -> new ArrayList<>()).add(k);
      }
    }
  }

  /** UNWATCH, EXEC, DISCARD, RESET and disconnects: the client watches nothing any more. */
  public void unwatchAll(ClientState c) {
    expiredAtWatch.remove(c);
    List<Key> keys = byClient.remove(c);
    if (keys == null) {
      c.watchDirty(false);
      return;
    }
    for (Key k : keys) {
      List<ClientState> list = watchers.get(k);
      list.remove(c);
      if (list.isEmpty()) {
        watchers.remove(k);
      }
    }
    c.watchDirty(false);
  }

  /** How many keys a client watches (CLIENT LIST {@code watch}, INFO {@code watching_clients}). */
  public int watchedBy(ClientState c) {
    List<Key> keys = byClient.get(c);
    return keys == null ? 0 : keys.size();
  }

  /**
   * The keys {@code c} watches that were alive when watched, as (db, key) pairs: EXEC fails if
   * one of them has logically expired since.
   */
  public List<Map.Entry<Integer, byte[]>> liveKeysAtWatch(ClientState c) {
    List<Key> keys = byClient.get(c);
    List<Key> skip = expiredAtWatch.getOrDefault(c, List.of());
    List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
    if (keys != null) {
      for (Key k : keys) {
        if (!skip.contains(k)) {
          out.add(Map.entry(k.db(), k.key().array()));
        }
      }
    }
    return out;
  }

  /**
   * A key of {@code db} was modified (Redis's {@code touchWatchedKey}). For a watcher who saw the
   * key already expired at WATCH, its deletion is no change; it clears that mark, so a later
   * write does count.
   */
  public void touch(Database db, byte[] b, int off, int len) {
    if (watchers.isEmpty()) {
      return;
    }
    Key k = new Key(db.index(), ByteBuffer.wrap(b, off, len).slice());
    List<ClientState> list = watchers.get(k);
    if (list == null) {
      return;
    }
    boolean deleted = db.peek(b, off, len) == null;
    for (ClientState c : list) {
      List<Key> expired = expiredAtWatch.get(c);
      if (deleted && expired != null && expired.remove(k)) {
        continue;
      }
      c.watchDirty(true);
    }
  }

  /**
   * A database was emptied or swapped (Redis's {@code touchAllWatchedKeysInDb}): watchers of a
   * key that exists in {@code emptied}, or in {@code replacedWith} when swapping, are dirty.
   */
  public void touchAllInDb(Database emptied, Database replacedWith) {
    if (watchers.isEmpty()) {
      return;
    }
    for (Map.Entry<Key, List<ClientState>> w : watchers.entrySet()) {
      Key k = w.getKey();
      if (k.db() != emptied.index()) {
        continue;
      }
      byte[] key = k.key().array();
      boolean changes = emptied.peek(key, 0, key.length) != null
          || (replacedWith != null && replacedWith.peek(key, 0, key.length) != null);
      if (changes) {
        for (ClientState c : w.getValue()) {
          c.watchDirty(true);
        }
      }
    }
  }
}
