package io.haredis.testing;

import io.haredis.api.time.Scheduler;
import io.haredis.api.transport.Address;
import io.haredis.api.transport.Connection;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.api.transport.Transport;
import io.haredis.core.resp.ReplyParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP client over any {@link Transport}, for scenarios that must run the same way on
 * TCP and in-process: sends commands, collects parsed replies. Its callbacks run on the given
 * loop; read its state from there or after the loop has gone idle.
 */
public final class TransportClient implements ConnectionHandler {

  private final ByteBuf received = Unpooled.buffer();
  private final List<Object> replies = new ArrayList<>();
  private volatile Connection connection;
  private volatile boolean closed;
  private volatile Throwable failure;

  public static TransportClient connect(Transport transport, Address to, Scheduler loop) {
    TransportClient c = new TransportClient();
    transport.connect(to, loop, c);
    return c;
  }

  @Override
  public void onConnected(Connection c) {
    connection = c;
  }

  @Override
  public void onConnectFailed(Throwable cause) {
    failure = cause;
  }

  @Override
  public synchronized void onRead(Connection c, ByteBuf data) {
    received.writeBytes(data);
    while (received.isReadable()) {
      int mark = received.readerIndex();
      try {
        replies.add(ReplyParser.parse(received, false));
      } catch (IndexOutOfBoundsException | IllegalArgumentException incomplete) {
        received.readerIndex(mark);
        break;
      }
    }
    received.discardReadBytes();
  }

  @Override
  public void onClosed(Connection c) {
    closed = true;
  }

  /** This end's address (what faults name it by). */
  public Address localAddress() {
    return connection.localAddress();
  }

  public boolean connected() {
    return connection != null;
  }

  public boolean closed() {
    return closed;
  }

  public Throwable failure() {
    return failure;
  }

  /** Sends one command (call on the client's loop, or when the loop is idle). */
  public void send(String... args) {
    if (args.length == 1 && args[0].startsWith("*")) {
      sendRaw(args[0]);
      return;
    }
    ByteBuf b = Unpooled.buffer();
    b.writeCharSequence("*" + args.length + "\r\n", StandardCharsets.US_ASCII);
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      b.writeCharSequence("$" + bytes.length + "\r\n", StandardCharsets.US_ASCII);
      b.writeBytes(bytes).writeBytes(new byte[] {'\r', '\n'});
    }
    connection.write(b);
    connection.flush();
  }

  /** Sends raw bytes, as they are. */
  public void sendRaw(String text) {
    connection.write(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
    connection.flush();
  }

  public synchronized List<Object> replies() {
    return new ArrayList<>(replies);
  }

  public void close() {
    if (connection != null) {
      connection.close();
    }
  }
}
