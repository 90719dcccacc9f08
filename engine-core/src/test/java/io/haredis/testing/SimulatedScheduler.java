package io.haredis.testing;

import io.haredis.api.time.Clock;
import io.haredis.api.time.Scheduler;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * Simulated time for one or many nodes: tasks run on the test's thread, in time order, when the
 * test advances the clock. Nothing sleeps; a minute of node time passes in microseconds of real
 * time, and a run with the same seed and the same steps replays exactly (TigerBeetle's
 * {@code time.zig}, etcd raft's {@code tick}).
 *
 * <p>Not thread-safe for driving: one test thread calls {@link #runUntilIdle()} and
 * {@link #advance}. {@link #execute} may be called from anywhere (tasks queue for the next run).
 */
public final class SimulatedScheduler implements Scheduler, Clock {

  private record Task(long atMillis, long seq, Runnable run) {}

  private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> a.atMillis != b.atMillis
      ? Long.compare(a.atMillis, b.atMillis) : Long.compare(a.seq, b.seq));
  private long nowMillis;
  private long seq;
  private Thread driver;

  public SimulatedScheduler(long startMillis) {
    this.nowMillis = startMillis;
  }

  @Override
  public synchronized void execute(Runnable task) {
    queue.add(new Task(nowMillis, seq++, task));
  }

  @Override
  public synchronized Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    Task t = new Task(nowMillis + Math.max(0, unit.toMillis(delay)), seq++, task);
    queue.add(t);
    return () -> {
      synchronized (SimulatedScheduler.this) {
        queue.remove(t);
      }
    };
  }

  @Override
  public boolean inLoop() {
    return driver == null || Thread.currentThread() == driver;
  }

  /** Runs every task due now, including tasks they queue for now. */
  public void runUntilIdle() {
    driver = Thread.currentThread();
    while (true) {
      Task t;
      synchronized (this) {
        t = queue.peek();
        if (t == null || t.atMillis > nowMillis) {
          return;
        }
        queue.poll();
      }
      t.run.run();
    }
  }

  /** Moves time forward by {@code millis}, running tasks at their due times. */
  public void advance(long millis) {
    long target = nowMillis + millis;
    runUntilIdle();
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.atMillis > target) {
          nowMillis = target;
          break;
        }
        nowMillis = next.atMillis;
      }
      runUntilIdle();
    }
    runUntilIdle();
  }

  @Override
  public synchronized long currentTimeMillis() {
    return nowMillis;
  }

  @Override
  public synchronized long nanoTime() {
    return nowMillis * 1_000_000L;
  }
}
