package io.haredis.core.persist;

import io.haredis.core.type.RedisValue;

/**
 * Receives what an RDB stream holds, in file order, from {@link RdbReader#read}. Only
 * {@link #keyValue} must be implemented; AUX fields, SELECTDB and RESIZEDB are hints. Any
 * callback may refuse the stream by throwing {@link RdbFormatException} (a database index out
 * of range, a duplicate key), which ends {@link RdbReader#read}.
 */
public interface RdbVisitor {

  /** An AUX field ({@code redis-ver}, {@code ctime}, {@code repl-id}, ...). */
  default void aux(byte[] key, byte[] value) throws RdbFormatException {}

  /** The following keys belong to database {@code db}. */
  default void selectDb(int db) throws RdbFormatException {}

  /** Sizing hint for the current database: number of keys and of keys with a TTL. */
  default void resizeDb(long size, long expires) throws RdbFormatException {}

  /**
   * One key.
   *
   * @param db the database selected by the last SELECTDB (0 before any)
   * @param expireAtMs Unix ms of expiry, or -1
   * @param idleSeconds LRU idle time from an IDLE opcode, or -1
   * @param lfuFreq LFU counter from a FREQ opcode (0..255), or -1
   */
  void keyValue(int db, byte[] key, RedisValue value, long expireAtMs, long idleSeconds, int lfuFreq)
      throws RdbFormatException;
}
