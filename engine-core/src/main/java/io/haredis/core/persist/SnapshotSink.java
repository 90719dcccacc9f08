package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict.Entry;

/**
 * Receives a {@link KeyspaceSnapshot}: each database's keys as they were when the snapshot began.
 * Called on the node's loop; an entry is only valid during the call (its value may change
 * right after), so a sink serializes or digests it at once.
 */
public interface SnapshotSink {

  /** Database {@code db} begins; {@code size} and {@code expires} are its counts at the start. */
  void beginDb(int db, long size, long expires);

  /**
   * One key of database {@code db}. {@code early} is true when the key is about to change and is
   * being saved ahead of the scan (it may arrive while another database is being scanned, even
   * before {@code db}'s {@link #beginDb}; it belongs to {@code db}'s section all the same).
   */
  void entry(int db, Entry e, boolean early);

  /** Every key of database {@code db} has been delivered. */
  void endDb(int db);

  /**
   * A key already delivered (by the walk, not early) is about to change. A sink that serializes
   * delivered entries later, off the loop, must capture the old state now if it has not yet;
   * called while the snapshot {@linkplain KeyspaceSnapshot#holdBarriers holds its barriers}.
   */
  default void changingDelivered(int db, Entry e) {}
}
