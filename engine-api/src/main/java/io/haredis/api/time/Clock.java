package io.haredis.api.time;

/**
 * The time a node sees. Node logic reads time only from its clock, so a test can run nodes
 * under simulated time. Implementations are thread-safe.
 */
public interface Clock {

  /** Wall-clock time in milliseconds since the epoch (used for expiry, LASTSAVE, TIME). */
  long currentTimeMillis();

  /** Wall-clock time in microseconds since the epoch. */
  default long currentTimeMicros() {
    return currentTimeMillis() * 1000;
  }

  /** A monotonic reading in nanoseconds, for durations only. */
  long nanoTime();

  /** The system's clocks. */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}
