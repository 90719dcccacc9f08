package io.haredis.core.type;

/**
 * One entry of a group's PEL (Redis's {@code streamNACK}): delivered to {@link #consumer}, not yet
 * acknowledged; last delivered at {@link #deliveryTime} (ms) and delivered {@link #deliveryCount}
 * times. It sits in both the group's and its consumer's PEL.
 */
public final class StreamPending {

  private final StreamId id;
  private StreamConsumer consumer;
  private long deliveryTime;
  private long deliveryCount;

  public StreamPending(StreamId id, StreamConsumer consumer, long deliveryTime, long deliveryCount) {
    this.id = id;
    this.consumer = consumer;
    this.deliveryTime = deliveryTime;
    this.deliveryCount = deliveryCount;
  }

  public StreamId id() {
    return id;
  }

  public StreamConsumer consumer() {
    return consumer;
  }

  /** Moves this entry to another consumer's ownership (the caller moves it between consumer PELs). */
  public void consumer(StreamConsumer c) {
    consumer = c;
  }

  public long deliveryTime() {
    return deliveryTime;
  }

  public void deliveryTime(long ms) {
    deliveryTime = ms;
  }

  public long deliveryCount() {
    return deliveryCount;
  }

  public void deliveryCount(long n) {
    deliveryCount = n;
  }
}
