package io.haredis.api.time;

import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A node's event loop: one thread (or one simulated timeline) that runs every task of the node
 * in order. {@link #execute} may be called from any thread.
 */
public interface Scheduler extends Executor {

  /** Runs {@code task} on the loop, after the tasks already queued. */
  @Override
  void execute(Runnable task);

  /** Runs {@code task} on the loop after {@code delay}; the returned handle cancels it. */
  Cancellable schedule(Runnable task, long delay, TimeUnit unit);

  /** Whether the calling thread is this loop. */
  boolean inLoop();

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not run; no effect otherwise. */
    void cancel();
  }
}
