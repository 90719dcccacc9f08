package io.haredis.core.persist;

import io.haredis.core.keyspace.Dict.Entry;
import java.util.Arrays;

/**
 * The keys a snapshot saved early (in their old state, just before a change reached them ahead
 * of the walk), serialized on the loop and kept per database until that database's section of
 * the file ends.
 */
final class EarlyKeys {

  private final RdbOutput[] bytes;
  private final RdbWriter[] writers;
  private final boolean compress;
  private final int listMaxListpackSize;
  private final int listCompressDepth;

  EarlyKeys(int databases, boolean compress, int listMaxListpackSize, int listCompressDepth) {
    this.bytes = new RdbOutput[databases];
    this.writers = new RdbWriter[databases];
    this.compress = compress;
    this.listMaxListpackSize = listMaxListpackSize;
    this.listCompressDepth = listCompressDepth;
  }

  void add(int db, Entry e) {
    if (writers[db] == null) {
      bytes[db] = new RdbOutput(4096);
      writers[db] = new RdbWriter(bytes[db], compress, listMaxListpackSize, listCompressDepth);
    }
    writers[db].keyValue(e.key(), e.value(), e.expireAt());
  }

  /** The serialized keys of {@code db}, or {@code null}; forgets them. */
  byte[] take(int db) {
    RdbOutput pending = bytes[db];
    if (pending == null) {
      return null;
    }
    bytes[db] = null;
    writers[db] = null;
    return Arrays.copyOf(pending.array(), pending.length());
  }
}
