package io.haredis.api.transport;

import io.netty.buffer.ByteBuf;

/** Events of one connection, delivered on the loop the connection belongs to. */
public interface ConnectionHandler {

  /** The connection is open (outgoing connections; accepted ones start open). */
  default void onConnected(Connection connection) {}

  /** An outgoing connection could not be opened. */
  default void onConnectFailed(Throwable cause) {}

  /**
   * Bytes arrived. The buffer is valid only during the call and is released by the caller
   * afterwards: a handler that keeps bytes copies them or calls {@code retain()}.
   */
  void onRead(Connection connection, ByteBuf data);

  /** The connection is closed, by either side. Called once. */
  default void onClosed(Connection connection) {}

  /** Whether the connection can take more writes changed (see {@link Connection#isWritable}). */
  default void onWritabilityChanged(Connection connection) {}
}
