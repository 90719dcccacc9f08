package io.haredis.core.type;

import java.util.NavigableMap;
import java.util.TreeMap;

/** A consumer of a group: its name, when it was last seen (ms), and its share of the group's PEL. */
public final class StreamConsumer {

  private final byte[] name;
  private long seenTime;
  private final TreeMap<StreamId, StreamPending> pending = new TreeMap<>();

  public StreamConsumer(byte[] name, long seenTime) {
    this.name = name;
    this.seenTime = seenTime;
  }

  public byte[] name() {
    return name;
  }

  public long seenTime() {
    return seenTime;
  }

  public void seenTime(long ms) {
    seenTime = ms;
  }

  /** This consumer's pending entries by ID (the same objects as in the group's PEL; mutable). */
  public NavigableMap<StreamId, StreamPending> pending() {
    return pending;
  }
}
