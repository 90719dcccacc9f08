package io.haredis.core.net;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Acceptor;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Connection;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.api.transport.Listener;
import io.haredis.api.transport.Transport;
import io.haredis.core.node.NodeLoop;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TCP through Netty. Channels are registered on the node's own {@link NodeLoop}, so reads,
 * command execution and writes of a connection all happen on one thread with no hand-off.
 * Sockets get TCP_NODELAY and keepalive, as Redis sets them.
 */
public final class TcpTransport implements Transport {

  /** Past this many unsent bytes a connection is not writable and the node stops reading it. */
  static final int HIGH_WATER_MARK = 4 * 1024 * 1024;
  static final int LOW_WATER_MARK = 1024 * 1024;

  private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

  @Override
  public Listener bind(Address address, Scheduler loop, Acceptor acceptor) throws IOException {
    NodeLoop nodeLoop = requireNodeLoop(loop);
    EventLoopGroup group = nodeLoop.eventLoop();
    Class<? extends ServerChannel> type = nodeLoop.epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    ServerBootstrap b = new ServerBootstrap()
        .group(group, group)
        .channel(type)
        .option(ChannelOption.SO_REUSEADDR, true)
        .option(ChannelOption.SO_BACKLOG, 511)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            channels.add(ch);
            ch.closeFuture().addListener(f -> channels.remove(ch));
            TcpConnection conn = new TcpConnection(ch);
            ch.pipeline().addLast(new Bridge(conn, acceptor.accept(conn)));
          }
        });
    ChannelFuture f = b.bind(new InetSocketAddress(address.host(), address.port())).awaitUninterruptibly();
    if (!f.isSuccess()) {
      Throwable cause = f.cause();
      throw new IOException("Could not create server TCP listening socket " + address + ": " + (cause == null ? "unknown" : cause.getMessage()), cause);
    }
    Channel server = f.channel();
    channels.add(server);
    InetSocketAddress bound = (InetSocketAddress) server.localAddress();
    Address actual = new Address(address.host(), bound.getPort());
    return new Listener() {
      @Override
      public Address address() {
        return actual;
      }

      @Override
      public void close() {
        server.close().awaitUninterruptibly();
        channels.remove(server);
      }
    };
  }

  @Override
  public void connect(Address address, Scheduler loop, ConnectionHandler handler) {
    NodeLoop nodeLoop = requireNodeLoop(loop);
    Bootstrap b = new Bootstrap()
        .group(nodeLoop.eventLoop())
        .channel(nodeLoop.epoll() ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            channels.add(ch);
            ch.closeFuture().addListener(f -> channels.remove(ch));
            ch.pipeline().addLast(new Bridge(new TcpConnection(ch), handler));
          }
        });
    b.connect(new InetSocketAddress(address.host(), address.port())).addListener((ChannelFuture f) -> {
      if (!f.isSuccess()) {
        handler.onConnectFailed(f.cause());
      }
    });
  }

  private static NodeLoop requireNodeLoop(Scheduler loop) {
    if (loop instanceof NodeLoop nl) {
      return nl;
    }
    throw new IllegalArgumentException("loop: " + loop + " (expected: a NodeLoop; TCP channels run on the node's own Netty loop)");
  }

  @Override
  public void close() {
    for (Channel c : channels) {
      c.close();
    }
    channels.clear();
  }

  /** Adapts a Netty channel to {@link Connection}. */
  private static final class TcpConnection implements Connection {
    private final Channel ch;

    TcpConnection(Channel ch) {
      this.ch = ch;
    }

    @Override
    public void write(ByteBuf data) {
      ch.write(data, ch.voidPromise());
    }

    @Override
    public void flush() {
      ch.flush();
    }

    @Override
    public void close() {
      if (ch.isActive()) {
        ch.flush();
      }
      ch.close();
    }

    @Override
    public boolean isOpen() {
      return ch.isOpen();
    }

    @Override
    public boolean isWritable() {
      return ch.isWritable();
    }

    @Override
    public void setReadEnabled(boolean enabled) {
      ch.config().setAutoRead(enabled);
    }

    @Override
    public Address remoteAddress() {
      return toAddress(ch.remoteAddress());
    }

    @Override
    public Address localAddress() {
      return toAddress(ch.localAddress());
    }

    @Override
    public ByteBufAllocator alloc() {
      return ch.alloc();
    }

    private static Address toAddress(SocketAddress a) {
      if (a instanceof InetSocketAddress i) {
        String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
        return new Address(host, i.getPort());
      }
      return new Address(String.valueOf(a), 0);
    }
  }

  /** Delivers Netty events to a {@link ConnectionHandler}. */
  private static final class Bridge extends ChannelInboundHandlerAdapter {
    private final TcpConnection conn;
    private final ConnectionHandler handler;

    Bridge(TcpConnection conn, ConnectionHandler handler) {
      this.conn = conn;
      this.handler = handler;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      handler.onConnected(conn);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        handler.onRead(conn, buf);
      } finally {
        ReferenceCountUtil.release(buf);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      handler.onClosed(conn);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      handler.onWritabilityChanged(conn);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close(); // connection reset and the like: that connection ends, the node goes on
    }
  }
}
