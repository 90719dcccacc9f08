package io.haredis.core.persist;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The node's background I/O thread (Redis's bio): file writes, fsyncs and renames that must not
 * run on the event loop. Jobs run one at a time, in submission order; the thread exists only
 * while there is work and dies after a minute idle, so an idle node holds none. Results come
 * back to the node by the job posting a task to the node's loop. The thread runs at a lower
 * scheduling priority than the loop ({@link BackgroundPriority}).
 */
public final class BackgroundIo implements AutoCloseable {

  private final ThreadPoolExecutor executor;

  public BackgroundIo(String name) {
    this.executor = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(() -> {
        BackgroundPriority.lowerCurrentThread(BackgroundPriority.configuredNice());
        r.run();
      }, name);
      t.setDaemon(true);
      return t;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  public void submit(Runnable job) {
    executor.execute(job);
  }

  /** Jobs submitted and not yet finished. */
  public int pending() {
    return executor.getQueue().size() + executor.getActiveCount();
  }

  /** Lets queued jobs finish (bounded wait), then stops the thread. */
  @Override
  public void close() {
    ExecutorService e = executor;
    e.shutdown();
    try {
      if (!e.awaitTermination(10, TimeUnit.SECONDS)) {
        e.shutdownNow();
      }
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      e.shutdownNow();
    }
  }
}
