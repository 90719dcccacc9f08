package io.haredis.core.node;

import io.haredis.api.transport.Connection;
import io.haredis.api.transport.ConnectionHandler;
import io.haredis.core.client.ClientState;
import io.haredis.core.command.Dispatcher;
import io.haredis.core.command.Invocation;
import io.haredis.core.resp.RequestDecoder;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one client connection: appends what arrives to the query buffer, decodes and runs
 * every complete request in order, then writes the replies in one flush (Redis's
 * {@code readQueryFromClient} + {@code processInputBuffer} + {@code writeToClient}).
 *
 * <p>Limits: a query buffer past {@code client-query-buffer-limit} closes the connection; a
 * protocol error replies and closes it; a peer that does not read its replies stops being read
 * once its unsent output passes the transport's high-water mark, so its memory stays bounded.
 */
final class ClientHandler implements ConnectionHandler {

  private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);

  /** Pending replies past which a pipeline checks whether the peer keeps up. */
  static final int OUTPUT_CHECK_BYTES = 64 * 1024;

  private final ServerNode node;
  private final ClientState client;
  private final Invocation invocation;
  private boolean processing;

  ClientHandler(ServerNode node, ClientState client) {
    this.node = node;
    this.client = client;
    this.invocation = new Invocation(node, client);
  }

  ClientState client() {
    return client;
  }

  @Override
  public void onRead(Connection connection, ByteBuf data) {
    if (client.closed()) {
      return;
    }
    int n = data.readableBytes();
    node.stats().netInputBytes += n;
    if ((long) client.query().length() + n > node.settings().clientQueryBufferLimit) {
      log.warn("Closing client that reached max query buffer length: id={} addr={} (qbuf initial bytes: {} bytes)",
          client.id(), node.clients().peerId(client), client.query().length());
      node.closeClient(client);
      return;
    }
    client.decoder().prepareAppend(n);
    client.query().append(data);
    processInput();
    if (client.connection() != null && node.aof().syncBeforeReplies()) {
      // appendfsync always: one write and fsync for all the clients served in this iteration
      node.flushOutputLater(client);
    } else {
      flush();
    }
  }

  /** Runs every complete request in the query buffer; replies stay in the client's output. */
  void processInput() {
    // Writing replies mid-pipeline can fire onWritabilityChanged inline (Netty notifies from
    // write/flush); the loop already running picks the remaining requests up, so don't nest.
    if (processing) {
      return;
    }
    processing = true;
    try {
      runRequests();
    } finally {
      processing = false;
    }
  }

  private void runRequests() {
    Dispatcher dispatcher = node.dispatcher();
    RequestDecoder decoder = client.decoder();
    decoder.maxBulkLen(node.settings().protoMaxBulkLen);
    while (!client.closed() && !client.closeAfterReply() && !client.paused() && !client.blocked()) {
      decoder.authRequired(!client.authenticated() && node.authRequired());
      int requestStart = client.query().readPos();
      RequestDecoder.Status st = decoder.decode();
      if (st == RequestDecoder.Status.NEED_MORE) {
        break;
      }
      if (st == RequestDecoder.Status.EMPTY) {
        continue;
      }
      if (st == RequestDecoder.Status.ERROR) {
        client.reply().error("ERR " + decoder.error());
        log.debug("Protocol error ({}) from client: id={} addr={}", decoder.error(), client.id(), node.clients().peerId(client));
        decoder.reset();
        client.closeAfterReply(true);
        break;
      }
      client.lastInteractionMillis(node.clockMillis());
      if (dispatcher.process(client, invocation) == Dispatcher.Outcome.POSTPONED) {
        client.query().rewindTo(requestStart);
        break;
      }
      if (client.pendingOutputBytes() >= OUTPUT_CHECK_BYTES && pipelineBlocked()) {
        break; // the rest of the query buffer runs once the peer has read (onWritabilityChanged)
      }
    }
  }

  /**
   * Hands the replies gathered so far to the connection and says whether it has stopped being
   * writable. A deep pipeline of big replies (say GETs of 1 MB values) from a peer that does not
   * read would otherwise buffer one read's worth of replies, hundreds of MB, before the
   * transport's high-water mark could stop reading that peer.
   */
  private boolean pipelineBlocked() {
    Connection conn = client.connection();
    if (conn == null) {
      return false; // in-process client: the caller takes all replies at once
    }
    if (!repliesMayLeave()) {
      return false;
    }
    ByteBuf out = client.takeOutput();
    if (out != null) {
      node.stats().netOutputBytes += out.readableBytes();
      if (conn.isOpen()) {
        conn.write(out);
        conn.flush();
      } else {
        out.release();
      }
    }
    return !conn.isWritable();
  }

  /** Processes input and writes the replies: what a resumed or writable-again client needs. */
  void resume() {
    processInput();
    flush();
  }

  void flush() {
    if (!repliesMayLeave()) {
      return;
    }
    ByteBuf out = client.takeOutput();
    Connection conn = client.connection();
    if (out != null) {
      node.stats().netOutputBytes += out.readableBytes();
      if (conn != null && conn.isOpen()) {
        conn.write(out);
        conn.flush();
      } else {
        out.release();
      }
    }
    if (client.closeAfterReply() && !client.closed()) {
      node.closeClient(client);
      return;
    }
    if (conn != null && !conn.isWritable()) {
      conn.setReadEnabled(false);
    }
  }

  /**
   * Writes the AOF first (Redis's {@code beforeSleep} order): under {@code appendfsync always} a
   * reply leaves only once its write is on disk. If the AOF could not be written, the replies
   * are dropped and the connection closed, so no write is acknowledged that is not on disk.
   */
  private boolean repliesMayLeave() {
    if (node.aof().beforeRepliesFlushed()) {
      return true;
    }
    ByteBuf out = client.takeOutput();
    if (out != null) {
      out.release();
    }
    node.closeClient(client);
    return false;
  }

  @Override
  public void onWritabilityChanged(Connection connection) {
    if (connection.isWritable() && !client.closed()) {
      connection.setReadEnabled(true);
      resume();
    }
  }

  @Override
  public void onClosed(Connection connection) {
    node.clientDisconnected(client);
  }
}
