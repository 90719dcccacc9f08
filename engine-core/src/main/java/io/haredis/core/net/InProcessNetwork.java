package io.haredis.core.net;

import io.haredis.api.time.Clock;
import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Acceptor;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.api.transport.Listener;
import io.haredis.api.transport.NetworkFaults;
import io.haredis.api.transport.Transport;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network inside the JVM: nodes bind and connect by {@link Address} and bytes move between
 * their loops as buffers, with no sockets. The network is also the fault controller of
 * {@link NetworkFaults}: it can cut, drop or delay traffic between addresses, modelled on etcd
 * raft's test {@code network} ({@code cut}, {@code isolate}, {@code drop}, {@code recover}).
 *
 * <h2>Who is who</h2>
 * Faults are named by node address. Each node takes its own {@link #transport(Address)} view,
 * so a connection it opens carries its address as the source; connections opened through
 * {@link #transport()} (test clients) come from a fresh client address.
 *
 * <h2>Determinism</h2>
 * Drop decisions come from one {@link Random} seeded at construction; delivery happens on the
 * receiver's scheduler, so under a simulated scheduler a run replays exactly.
 *
 * <p>Thread-safe: state is guarded by this object's monitor; callbacks run on node loops.
 */
public final class InProcessNetwork implements NetworkFaults {

  private final Random random;
  private final Clock clock;
  private final Map<Address, Bound> listeners = new HashMap<>();
  private final Set<Set<Address>> cuts = new HashSet<>();
  private final Map<Link, Double> drops = new HashMap<>();
  private final Map<Link, Long> delaysMillis = new HashMap<>();
  private final AtomicInteger nextPort = new AtomicInteger(20000);
  private final AtomicInteger nextClientPort = new AtomicInteger(40000);

  record Link(Address from, Address to) {}

  record Bound(Scheduler loop, Acceptor acceptor) {}

  public InProcessNetwork(long seed, Clock clock) {
    this.random = new Random(seed);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A transport for a node that will bind {@code self}; its outgoing connections come from it. */
  public Transport transport(Address self) {
    return new InProcessTransport(this, self);
  }

  /** A transport for clients; each connection gets its own client address. */
  public Transport transport() {
    return new InProcessTransport(this, null);
  }

  Clock clock() {
    return clock;
  }

  synchronized Listener bind(Address address, Scheduler loop, Acceptor acceptor) throws IOException {
    Address a = address.port() == 0 ? new Address(address.host(), nextPort.getAndIncrement()) : address;
    if (listeners.containsKey(a)) {
      throw new BindException("Address already in use: " + a);
    }
    listeners.put(a, new Bound(loop, acceptor));
    return new Listener() {
      @Override
      public Address address() {
        return a;
      }

      @Override
      public void close() {
        synchronized (InProcessNetwork.this) {
          listeners.remove(a);
        }
      }
    };
  }

  void connect(Address from, Address to, Scheduler loop, ConnectionHandler handler) {
    Address source = from != null ? new Address(from.host(), nextClientPort.getAndIncrement()) : new Address("127.0.0.1", nextClientPort.getAndIncrement());
    Bound target;
    synchronized (this) {
      target = listeners.get(to);
      if (target != null && isCut(nodeOf(from, source), to)) {
        target = null; // a partitioned peer never answers the SYN
      }
    }
    if (target == null) {
      loop.execute(() -> handler.onConnectFailed(new IOException("Connection refused: " + to)));
      return;
    }
    InProcessConnection client = new InProcessConnection(this, loop, source, to, from);
    InProcessConnection server = new InProcessConnection(this, target.loop(), to, source, to);
    client.peer(server);
    server.peer(client);
    Bound t = target;
    t.loop().execute(() -> {
      server.handler(t.acceptor().accept(server));
      server.handler().onConnected(server);
      loop.execute(() -> {
        client.handler(handler);
        handler.onConnected(client);
      });
    });
  }

  private static Address nodeOf(Address node, Address source) {
    return node != null ? node : source;
  }

  /** Whether bytes from node {@code from} to node {@code to} are cut. */
  synchronized boolean isCut(Address from, Address to) {
    return cuts.contains(Set.of(from, to)) || cuts.contains(Set.of(from)) || cuts.contains(Set.of(to));
  }

  /** Whether a chunk from {@code from} to {@code to} is lost now: cut, or dropped by chance. */
  synchronized boolean lose(Address from, Address to) {
    if (isCut(from, to)) {
      return true;
    }
    Double p = drops.get(new Link(from, to));
    return p != null && random.nextDouble() < p;
  }

  synchronized long delayMillis(Address from, Address to) {
    Long d = delaysMillis.get(new Link(from, to));
    return d == null ? 0 : d;
  }

  // ---- NetworkFaults --------------------------------------------------------------------

  @Override
  public synchronized void partition(Address a, Address b) {
    cuts.add(Set.of(a, b));
  }

  @Override
  public synchronized void partition(Set<Address> left, Set<Address> right) {
    for (Address a : left) {
      for (Address b : right) {
        if (!a.equals(b)) {
          cuts.add(Set.of(a, b));
        }
      }
    }
  }

  @Override
  public synchronized void isolate(Address node) {
    cuts.add(Set.of(node));
  }

  @Override
  public synchronized void drop(Address from, Address to, double probability) {
    if (probability < 0 || probability > 1) {
      throw new IllegalArgumentException("probability: " + probability + " (expected: 0-1)");
    }
    drops.put(new Link(from, to), probability);
  }

  @Override
  public synchronized void delay(Address from, Address to, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay: " + delay + " (expected: >= 0)");
    }
    delaysMillis.put(new Link(from, to), delay.toMillis());
  }

  @Override
  public synchronized void heal() {
    cuts.clear();
    drops.clear();
    delaysMillis.clear();
  }
}
