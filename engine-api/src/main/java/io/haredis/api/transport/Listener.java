package io.haredis.api.transport;

/** A bound listening endpoint. Closing it stops accepting; open connections stay open. */
public interface Listener extends AutoCloseable {

  /** The address actually bound (the real port when port 0 was asked). */
  Address address();

  @Override
  void close();
}
