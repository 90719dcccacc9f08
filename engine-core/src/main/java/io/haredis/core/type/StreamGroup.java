package io.haredis.core.type;

import java.util.Arrays;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A consumer group: its last delivered ID, {@code entries_read} (Redis 7.0's lag bookkeeping;
 * {@link #ENTRIES_READ_UNKNOWN} when not known), the pending entries list (PEL: every entry
 * delivered and not yet acknowledged, by ID) and its consumers by name.
 */
public final class StreamGroup {

  /** Redis's {@code SCG_INVALID_ENTRIES_READ}. */
  public static final long ENTRIES_READ_UNKNOWN = -1;

  private final byte[] name;
  private StreamId lastId;
  private long entriesRead;
  private final TreeMap<StreamId, StreamPending> pending = new TreeMap<>();
  private final TreeMap<byte[], StreamConsumer> consumers = new TreeMap<>(Arrays::compareUnsigned);

  public StreamGroup(byte[] name, StreamId lastId, long entriesRead) {
    this.name = name;
    this.lastId = lastId;
    this.entriesRead = entriesRead;
  }

  public byte[] name() {
    return name;
  }

  public StreamId lastId() {
    return lastId;
  }

  public void lastId(StreamId id) {
    lastId = id;
  }

  public long entriesRead() {
    return entriesRead;
  }

  public void entriesRead(long n) {
    entriesRead = n;
  }

  /** The group's PEL by ID (mutable; each entry is also in its consumer's PEL). */
  public NavigableMap<StreamId, StreamPending> pending() {
    return pending;
  }

  /** Consumers by name (mutable). */
  public NavigableMap<byte[], StreamConsumer> consumers() {
    return consumers;
  }

  /** A deep copy: the copy's PEL entries point at the copy's consumers. */
  public StreamGroup copy() {
    StreamGroup g = new StreamGroup(name.clone(), lastId, entriesRead);
    for (StreamConsumer c : consumers.values()) {
      StreamConsumer cc = new StreamConsumer(c.name().clone(), c.seenTime());
      g.consumers.put(cc.name(), cc);
    }
    for (StreamPending p : pending.values()) {
      StreamConsumer owner = g.consumers.get(p.consumer().name());
      StreamPending cp = new StreamPending(p.id(), owner, p.deliveryTime(), p.deliveryCount());
      g.pending.put(cp.id(), cp);
      owner.pending().put(cp.id(), cp);
    }
    return g;
  }
}
