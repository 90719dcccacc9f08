package io.haredis.core.client;

import io.haredis.api.transport.Address;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The node's connected clients by id, in connection order (CLIENT LIST order). Loop-confined. */
public final class ClientRegistry {

  private final Map<Long, ClientState> byId = new LinkedHashMap<>();
  private long nextId = 1;

  /** The next client id (ids are never reused, as in Redis). */
  public long nextId() {
    return nextId++;
  }

  public void add(ClientState c) {
    byId.put(c.id(), c);
  }

  public void remove(ClientState c) {
    byId.remove(c.id());
  }

  public ClientState get(long id) {
    return byId.get(id);
  }

  public Collection<ClientState> all() {
    return Collections.unmodifiableCollection(byId.values());
  }

  public int size() {
    return byId.size();
  }

  /** {@code ip:port} of the peer, as CLIENT LIST's {@code addr}. */
  public String peerId(ClientState c) {
    return c.connection() == null ? "127.0.0.1:0" : format(c.connection().remoteAddress());
  }

  /** {@code ip:port} of the local end, as CLIENT LIST's {@code laddr}. */
  public String localId(ClientState c) {
    return c.connection() == null ? "127.0.0.1:0" : format(c.connection().localAddress());
  }

  private static String format(Address a) {
    return a.host().indexOf(':') >= 0 ? a.host() + ":" + a.port() : a.host() + ":" + a.port();
  }
}
