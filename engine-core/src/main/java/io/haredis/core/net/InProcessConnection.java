package io.haredis.core.net;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Connection;
import io.haredis.api.transport.ConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One end of an in-process connection. Writes queue until {@link #flush()}, which hands the
 * bytes to the peer's loop, subject to the network's faults. A delayed link keeps byte order:
 * a chunk is never delivered before one flushed earlier on the same connection.
 */
final class InProcessConnection implements Connection {

  private final InProcessNetwork network;
  private final Scheduler loop;
  private final Address local;
  private final Address remote;
  private final Address node; // the node this end belongs to, for faults; null for test clients
  private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>();
  private InProcessConnection peer;
  private ConnectionHandler handler;
  private volatile boolean open = true;
  private volatile boolean readEnabled = true;
  private final ArrayDeque<ByteBuf> heldWhileReadDisabled = new ArrayDeque<>();
  private long lastDeliveryMillis;

  InProcessConnection(InProcessNetwork network, Scheduler loop, Address local, Address remote, Address node) {
    this.network = network;
    this.loop = loop;
    this.local = local;
    this.remote = remote;
    this.node = node;
  }

  void peer(InProcessConnection p) {
    this.peer = p;
  }

  void handler(ConnectionHandler h) {
    this.handler = h;
  }

  ConnectionHandler handler() {
    return handler;
  }

  private Address faultName() {
    return node != null ? node : local;
  }

  @Override
  public void write(ByteBuf data) {
    if (!open) {
      data.release();
      return;
    }
    pending.add(data);
  }

  @Override
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    CompositeByteBuf chunk = Unpooled.compositeBuffer(Math.max(2, pending.size()));
    while (!pending.isEmpty()) {
      chunk.addComponent(true, pending.poll());
    }
    InProcessConnection to = peer;
    if (!open || !to.open || network.lose(faultName(), to.faultName())) {
      chunk.release();
      return;
    }
    long delay = network.delayMillis(faultName(), to.faultName());
    long now = network.clock().currentTimeMillis();
    long at = Math.max(now + delay, lastDeliveryMillis);
    lastDeliveryMillis = at;
    if (at <= now) {
      to.loop.execute(() -> to.receive(chunk));
    } else {
      to.loop.schedule(() -> to.receive(chunk), at - now, TimeUnit.MILLISECONDS);
    }
  }

  private void receive(ByteBuf chunk) {
    if (!open || handler == null) {
      chunk.release();
      return;
    }
    if (!readEnabled) {
      heldWhileReadDisabled.add(chunk);
      return;
    }
    try {
      handler.onRead(this, chunk);
    } finally {
      chunk.release();
    }
  }

  @Override
  public void close() {
    flush();
    if (!open) {
      return;
    }
    open = false;
    releaseHeld();
    loop.execute(() -> {
      if (handler != null) {
        handler.onClosed(this);
      }
    });
    InProcessConnection p = peer;
    p.loop.execute(p::closedByPeer);
  }

  private void closedByPeer() {
    if (!open) {
      return;
    }
    open = false;
    releaseHeld();
    if (handler != null) {
      handler.onClosed(this);
    }
  }

  private void releaseHeld() {
    ByteBuf b;
    while ((b = pending.poll()) != null) {
      b.release();
    }
    while ((b = heldWhileReadDisabled.poll()) != null) {
      b.release();
    }
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public boolean isWritable() {
    return true;
  }

  @Override
  public void setReadEnabled(boolean enabled) {
    readEnabled = enabled;
    if (enabled && !heldWhileReadDisabled.isEmpty()) {
      loop.execute(() -> {
        ByteBuf b;
        while (readEnabled && (b = heldWhileReadDisabled.poll()) != null) {
          receive(b);
        }
      });
    }
  }

  @Override
  public Address remoteAddress() {
    return remote;
  }

  @Override
  public Address localAddress() {
    return local;
  }

  @Override
  public ByteBufAllocator alloc() {
    return ByteBufAllocator.DEFAULT;
  }
}
