package io.haredis.api.transport;

import io.netty.buffer.ByteBuf;

/**
 * One bidirectional byte stream. Methods are called on the owning loop only.
 */
public interface Connection {

  /** Queues bytes to send; takes ownership of {@code data} (it is released once written). */
  void write(ByteBuf data);

  /** Sends what {@link #write} queued. */
  void flush();

  /** Closes the connection after queued writes are flushed. Idempotent. */
  void close();

  /** Whether the connection is still open. */
  boolean isOpen();

  /**
   * Whether the peer keeps up: false once unflushed-and-unsent bytes pass the high water mark.
   * Servers stop reading from a connection that is not writable, which bounds its memory.
   */
  boolean isWritable();

  /** Stops or resumes delivery of {@link ConnectionHandler#onRead}. */
  void setReadEnabled(boolean enabled);

  /** The other end's address. */
  Address remoteAddress();

  /** This end's address. */
  Address localAddress();

  /** Allocator to use for buffers written to this connection. */
  io.netty.buffer.ByteBufAllocator alloc();
}
