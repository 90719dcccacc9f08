package io.haredis.testing;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Acceptor;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.api.transport.Listener;
import io.haredis.api.transport.Transport;
import io.haredis.core.net.TcpTransport;
import java.io.IOException;

/**
 * Real TCP with a hook right after each listener is bound, on the thread starting the node:
 * a test can learn an ephemeral port, or talk to the node, before {@code start()} returns.
 */
public abstract class TcpTransportWrapper implements Transport {

  private final TcpTransport tcp = new TcpTransport();

  /** Called once the listener accepts connections; {@code start()} waits for it. */
  protected abstract void bound(Listener listener) throws IOException;

  @Override
  public Listener bind(Address address, Scheduler loop, Acceptor acceptor) throws IOException {
    Listener l = tcp.bind(address, loop, acceptor);
    bound(l);
    return l;
  }

  @Override
  public void connect(Address address, Scheduler loop, ConnectionHandler handler) {
    tcp.connect(address, loop, handler);
  }

  @Override
  public void close() {
    tcp.close();
  }
}
