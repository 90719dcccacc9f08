package io.haredis.core.keyspace;

import io.haredis.core.keyspace.Dict.Entry;

/**
 * Told about every change to one {@link Dict} while a point-in-time snapshot of it is being
 * taken (BGSAVE, AOF rewrite, full resync). It is what replaces fork's copy-on-write: the
 * snapshot saves a key's old value before the first change reaches it.
 *
 * <p>Installed with {@link Dict#barrier(DictBarrier)}; {@link Database} calls it on the node's
 * loop before any change to an existing entry (value, TTL, removal); {@link Dict} calls
 * {@link #beforeLink} before it changes a slot or a chain's links (inserts included).
 */
public interface DictBarrier {

  /** {@code e} is still in its old state and is about to change or leave the dictionary. */
  void beforeChange(Entry e);

  /**
   * Slot {@code index} of bucket array {@code table}, or the links of its chain, is about to
   * change (an insert in front, an unlink, a rehash moving entries out of or into it): called by
   * {@link Dict} itself, for a snapshot read by another thread that may be following that chain.
   */
  void beforeLink(Entry[] table, int index);
}
