package io.haredis.core.node;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's background I/O thread (Redis's {@code bio}): blocking file work that must not stall
 * the event loop, such as the AOF's fsync every second, closing an old AOF file and deleting
 * history files. One thread, so jobs run in the order they were submitted. Its jobs never touch
 * node state; they report back by posting to the node's loop.
 */
public final class BackgroundIo implements Executor, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BackgroundIo.class);

  private final ExecutorService pool;

  public BackgroundIo(String name) {
    this.pool = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void execute(Runnable job) {
    Runnable guarded = () -> {
      try {
        job.run();
      } catch (RuntimeException e) {
        log.warn("Background I/O job failed", e);
      }
    };
    try {
      pool.execute(guarded);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      guarded.run(); // the node is closing: finish the job (an fsync, a close) on the caller
    }
  }

  /** Runs the jobs already submitted, then stops (waits up to 10 seconds). */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("Background I/O jobs still running after 10 seconds");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
