package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import io.haredis.core.resp.RespVersion;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark support: one client of a running node, driven on the caller's thread with no
 * socket. {@link #feed} appends request bytes to the client's query buffer and runs every
 * complete request through the same decoder, dispatcher and reply writer a TCP client uses;
 * {@link #drain} takes the replies.
 *
 * <h2>It bypasses the node's loop</h2>
 * Node state may only be touched on the node's loop thread. To keep that true while the caller
 * runs commands itself, {@link #open} parks the loop on a task that waits until
 * {@link #close}: for the session's lifetime the caller's thread is, in effect, the loop
 * thread. While a session is open nothing else runs on the node: no cron (expiry, rehashing,
 * client timeouts), no TCP client, and {@link ServerNode#call} or the in-process client would
 * wait forever, so call neither. One session per node at a time; not thread-safe.
 *
 * <p>Not for production use: it exists so JMH can measure decode → execute → encode without
 * network or thread hand-off noise.
 */
public final class EmbeddedSession implements AutoCloseable {

  private final ServerNode node;
  private final CountDownLatch released = new CountDownLatch(1);
  private final ClientHandler handler;
  private final ClientState client;
  private boolean closed;

  private EmbeddedSession(ServerNode node) {
    this.node = node;
    CountDownLatch parked = new CountDownLatch(1);
    node.context().loop().execute(() -> {
      parked.countDown();
      try {
        released.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try {
      if (!parked.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("node loop did not become free within 10s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while parking the node loop", e);
    }
    this.client = node.newClient(null);
    this.handler = new ClientHandler(node, client);
    client.attachment(handler);
  }

  /**
   * Parks {@code node}'s loop and opens a client on the caller's thread.
   *
   * @throws IllegalStateException if the loop does not become free within 10 seconds
   */
  public static EmbeddedSession open(ServerNode node) {
    return new EmbeddedSession(node);
  }

  /** The protocol replies are written in (what HELLO 2/3 would set). */
  public EmbeddedSession protocol(RespVersion version) {
    client.reply().version(version);
    return this;
  }

  public ClientState client() {
    return client;
  }

  /**
   * Appends {@code len} bytes of requests and runs every complete request; replies accumulate
   * until {@link #drain}.
   */
  public void feed(byte[] requests, int off, int len) {
    client.decoder().prepareAppend(len);
    client.query().append(requests, off, len);
    handler.processInput();
  }

  /**
   * Takes the pending replies and returns how many bytes they were; {@code sink} (if not null)
   * receives them before they are released.
   */
  public int drain(ByteBuf sink) {
    node.aof().beforeRepliesFlushed();
    ByteBuf out = client.peekOutput();
    if (out == null) {
      return 0;
    }
    int n = out.readableBytes();
    if (sink != null) {
      sink.writeBytes(out, out.readerIndex(), n);
    }
    out.clear(); // reused: a TCP client's flush hands its buffer to Netty instead
    return n;
  }

  /** Closes the client and gives the node its loop back. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      node.closeClient(client);
    } finally {
      released.countDown();
    }
  }
}
