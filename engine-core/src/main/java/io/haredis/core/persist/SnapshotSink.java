package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict.Entry;

/**
 * Receives a {@link KeyspaceSnapshot}: each database's keys, on the node's loop. An entry is only
 * valid during the call, so a sink serializes or digests it at once.
 */
public interface SnapshotSink {

  /** Database {@code db} begins; {@code size} and {@code expires} are its counts. */
  void beginDb(int db, long size, long expires);

  /** One key of database {@code db}. */
  void entry(int db, Entry e);

  /** Every key of database {@code db} has been delivered. */
  void endDb(int db);
}
