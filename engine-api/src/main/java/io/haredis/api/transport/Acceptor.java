package io.haredis.api.transport;

/** Receives connections accepted by a {@link Listener}, on the listener's loop. */
@FunctionalInterface
public interface Acceptor {

  /** Returns the handler that will receive this connection's events; never {@code null}. */
  ConnectionHandler accept(Connection connection);
}
