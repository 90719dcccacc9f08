package io.haredis.core.net;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Acceptor;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.api.transport.Listener;
import io.haredis.api.transport.Transport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One node's (or the test clients') view of an {@link InProcessNetwork}. */
public final class InProcessTransport implements Transport {

  private final InProcessNetwork network;
  private final Address self;
  private final List<Listener> listeners = new ArrayList<>();

  InProcessTransport(InProcessNetwork network, Address self) {
    this.network = network;
    this.self = self;
  }

  @Override
  public Listener bind(Address address, Scheduler loop, Acceptor acceptor) throws IOException {
    Listener l = network.bind(address, loop, acceptor);
    synchronized (listeners) {
      listeners.add(l);
    }
    return l;
  }

  @Override
  public void connect(Address address, Scheduler loop, ConnectionHandler handler) {
    network.connect(self, address, loop, handler);
  }

  @Override
  public void close() {
    synchronized (listeners) {
      for (Listener l : listeners) {
        l.close();
      }
      listeners.clear();
    }
  }
}
