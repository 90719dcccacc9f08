package io.haredis.core.persist;

import io.haredis.core.keyspace.AccessPolicy;
import io.haredis.core.keyspace.Dict.Entry;

/**
 * Serializes a {@link KeyspaceSnapshot} as an RDB stream. The caller drains {@link #output()} as
 * it grows.
 */
public final class RdbSnapshotSink implements SnapshotSink {

  private final RdbOutput out;
  private final RdbWriter writer;
  private AccessPolicy.SaveHints hints = AccessPolicy.SaveHints.NONE;

  public RdbSnapshotSink(boolean compress, int listMaxListpackSize, int listCompressDepth, int initialCapacity) {
    this.out = new RdbOutput(initialCapacity);
    this.writer = new RdbWriter(out, compress, listMaxListpackSize, listCompressDepth);
  }

  /** The eviction hints to write per key (IDLE or FREQ opcodes), as of the snapshot's instant. */
  public RdbSnapshotSink hints(AccessPolicy.SaveHints hints) {
    this.hints = hints;
    return this;
  }

  /** The bytes produced so far and not yet drained. */
  public RdbOutput output() {
    return out;
  }

  /** Writes the header and the AUX fields Redis 7.0 writes (in its order). */
  public void begin(long ctimeSeconds, long usedMem, int replStreamDb, String replId, long replOffset, boolean aofBase) {
    header(writer, ctimeSeconds, usedMem, replStreamDb, replId, replOffset, aofBase);
  }

  static void header(RdbWriter writer, long ctimeSeconds, long usedMem, int replStreamDb, String replId, long replOffset,
      boolean aofBase) {
    writer.header();
    writer.aux("redis-ver", "7.0.15");
    writer.aux("redis-bits", 64);
    writer.aux("ctime", ctimeSeconds);
    writer.aux("used-mem", usedMem);
    writer.aux("repl-stream-db", replStreamDb);
    writer.aux("repl-id", replId);
    writer.aux("repl-offset", replOffset);
    writer.aux("aof-base", aofBase ? 1 : 0);
  }

  @Override
  public void beginDb(int db, long size, long expires) {
    writer.selectDb(db);
    writer.resizeDb(size, expires);
  }

  @Override
  public void entry(int db, Entry e) {
    writer.keyValue(e.key(), e.value(), e.expireAt(), hints.idleSeconds(e), hints.lfuFreq(e));
  }

  @Override
  public void endDb(int db) {
    // a database is one section; nothing follows its keys
  }

  /** Writes the EOF opcode; the file appends the checksum. */
  public void end() {
    writer.eof();
  }
}
