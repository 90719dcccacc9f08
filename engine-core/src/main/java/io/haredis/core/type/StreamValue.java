package io.haredis.core.type;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A stream: entries ordered by ID, each a list of field/value pairs, plus the metadata Redis 7.0
 * keeps ({@code last_id}, {@code first_id}, {@code max_deleted_entry_id}, {@code entries_added})
 * and the consumer groups, ordered by name as Redis's rax orders them (unsigned bytes).
 *
 * <p>Nothing here knows RESP. Not thread-safe (the node loop owns it).
 */
public final class StreamValue implements RedisValue {

  private final TreeMap<StreamId, byte[][]> entries = new TreeMap<>();
  private final TreeMap<byte[], StreamGroup> groups = new TreeMap<>(Arrays::compareUnsigned);
  private StreamId lastId = StreamId.MIN;
  private StreamId firstId = StreamId.MIN;
  private StreamId maxDeletedId = StreamId.MIN;
  private long entriesAdded;

  @Override
  public ValueType type() {
    return ValueType.STREAM;
  }

  @Override
  public String encoding() {
    return "stream";
  }

  /** Live entries in ID order: each value is field, value, field, value... (read-only view). */
  public NavigableMap<StreamId, byte[][]> entries() {
    return Collections.unmodifiableNavigableMap(entries);
  }

  /** Number of live entries (XLEN). */
  public long length() {
    return entries.size();
  }

  /**
   * Appends an entry as loaders do (RDB, RESTORE): no ID check against {@link #lastId} and no
   * metadata update; the loader sets the metadata it read. {@code fieldsAndValues} is kept.
   */
  public void putLoaded(StreamId id, byte[][] fieldsAndValues) {
    entries.put(id, fieldsAndValues);
  }

  /** Consumer groups by name (mutable; commands and loaders add and remove groups here). */
  public NavigableMap<byte[], StreamGroup> groups() {
    return groups;
  }

  public StreamId lastId() {
    return lastId;
  }

  public void lastId(StreamId id) {
    lastId = id;
  }

  public StreamId firstId() {
    return firstId;
  }

  public void firstId(StreamId id) {
    firstId = id;
  }

  public StreamId maxDeletedId() {
    return maxDeletedId;
  }

  public void maxDeletedId(StreamId id) {
    maxDeletedId = id;
  }

  public long entriesAdded() {
    return entriesAdded;
  }

  public void entriesAdded(long n) {
    entriesAdded = n;
  }

  @Override
  public StreamValue copy() {
    StreamValue s = new StreamValue();
    for (var e : entries.entrySet()) {
      byte[][] fv = e.getValue();
      byte[][] c = new byte[fv.length][];
      for (int i = 0; i < fv.length; i++) {
        c[i] = fv[i].clone();
      }
      s.entries.put(e.getKey(), c);
    }
    s.lastId = lastId;
    s.firstId = firstId;
    s.maxDeletedId = maxDeletedId;
    s.entriesAdded = entriesAdded;
    for (StreamGroup g : groups.values()) {
      StreamGroup cg = g.copy();
      s.groups.put(cg.name(), cg);
    }
    return s;
  }
}
