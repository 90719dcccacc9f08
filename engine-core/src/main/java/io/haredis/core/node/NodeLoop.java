package io.haredis.core.node;

import io.haredis.api.time.Scheduler;
import io.netty.channel.EventLoop;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A node's event loop on a real thread: a single-threaded Netty event loop, so the node's TCP
 * channels do their I/O on the same thread that runs its commands (Redis's {@code ae} loop).
 * Uses epoll where the platform has it, NIO otherwise.
 */
public final class NodeLoop implements Scheduler, AutoCloseable {

  private final MultiThreadIoEventLoopGroup group;
  private final EventLoop loop;

  public NodeLoop(String name) {
    IoHandlerFactory io = Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(name, false), io);
    this.loop = group.next();
  }

  /** The Netty loop, for transports that register channels on it. */
  public EventLoop eventLoop() {
    return loop;
  }

  /** Whether the loop uses the native epoll transport. */
  public boolean epoll() {
    return Epoll.isAvailable();
  }

  @Override
  public void execute(Runnable task) {
    loop.execute(task);
  }

  @Override
  public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
    ScheduledFuture<?> f = loop.schedule(task, delay, unit);
    return () -> f.cancel(false);
  }

  @Override
  public boolean inLoop() {
    return loop.inEventLoop();
  }

  /**
   * Stops the loop without waiting (safe from the loop's own thread, e.g. SHUTDOWN) and runs
   * {@code onTerminated} once the loop thread has finished.
   */
  public void shutdownAsync(Runnable onTerminated) {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> onTerminated.run());
  }

  /** Stops the loop and waits for it to finish its tasks. */
  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
