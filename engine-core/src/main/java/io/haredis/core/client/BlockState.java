package io.haredis.core.client;

import io.haredis.api.time.Scheduler;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.type.ValueType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Why and until when a client is blocked (Redis's {@code blockingState}): the command to run
 * again when one of its keys becomes ready, with a copy of its arguments, the database, the
 * keys, the type a key must hold to wake it, and the deadline (0 = forever).
 */
public final class BlockState {

  /** The reply a blocked command gives when it times out. */
  public enum TimeoutReply {
    NULL_ARRAY,
    NULL_BULK
  }

  private final CommandSpec spec;
  private final byte[][] argv;
  private final int db;
  private final List<ByteBuffer> keys;
  private final ValueType wakeOn;
  private final long deadlineMillis;
  private final TimeoutReply timeoutReply;
  private Scheduler.Cancellable timer;

  public BlockState(CommandSpec spec, byte[][] argv, int db, List<ByteBuffer> keys, ValueType wakeOn,
      long deadlineMillis, TimeoutReply timeoutReply) {
    this.spec = spec;
    this.argv = argv;
    this.db = db;
    this.keys = keys;
    this.wakeOn = wakeOn;
    this.deadlineMillis = deadlineMillis;
    this.timeoutReply = timeoutReply;
  }

  public CommandSpec spec() {
    return spec;
  }

  public byte[][] argv() {
    return argv;
  }

  public int db() {
    return db;
  }

  public List<ByteBuffer> keys() {
    return keys;
  }

  public ValueType wakeOn() {
    return wakeOn;
  }

  /** Unix ms after which the client gets its timeout reply; 0 for never. */
  public long deadlineMillis() {
    return deadlineMillis;
  }

  public TimeoutReply timeoutReply() {
    return timeoutReply;
  }

  public void timer(Scheduler.Cancellable t) {
    this.timer = t;
  }

  public void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }
}
