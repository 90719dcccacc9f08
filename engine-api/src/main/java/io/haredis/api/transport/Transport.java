package io.haredis.api.transport;

import io.haredis.api.time.Scheduler;
import java.io.IOException;

/**
 * How nodes reach each other and how clients reach nodes: TCP for real deployments, or an
 * in-process network whose faults a test controls. Replication, Sentinel probes and the
 * cluster bus all go through a transport, so the same scenario runs on either.
 *
 * <p><b>Threading.</b> Every callback of a connection runs on the {@link Scheduler} given when
 * it was bound or opened: the owning node's event loop. Implementations are thread-safe.
 */
public interface Transport extends AutoCloseable {

  /**
   * Listens on {@code address}; each accepted connection is handed to {@code acceptor} on
   * {@code loop}.
   *
   * @throws IOException if the address cannot be bound (in use, not local)
   */
  Listener bind(Address address, Scheduler loop, Acceptor acceptor) throws IOException;

  /**
   * Opens a connection to {@code address}. Exactly one of {@link ConnectionHandler#onConnected}
   * or {@link ConnectionHandler#onConnectFailed} is later called on {@code loop}.
   */
  void connect(Address address, Scheduler loop, ConnectionHandler handler);

  /** Closes every listener and connection this transport opened. */
  @Override
  void close();
}
