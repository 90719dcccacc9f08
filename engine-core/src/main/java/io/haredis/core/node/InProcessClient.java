package io.haredis.core.node;

import io.haredis.api.RedisClient;
import io.haredis.api.RedisException;
import io.haredis.core.client.ClientState;
import io.haredis.core.resp.ReplyParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A client without a socket: the request is encoded as RESP and fed through the same decoder,
 * dispatcher and reply writer a TCP client goes through, then the reply is parsed back into Java
 * values. Calls from any thread run one at a time on the node's loop.
 */
final class InProcessClient implements RedisClient {

  private final ServerNode node;
  private ClientHandler handler; // created on the loop on first use

  InProcessClient(ServerNode node) {
    this.node = node;
  }

  @Override
  public Object execute(Object... args) {
    return run(args, false);
  }

  @Override
  public Object executeBinary(Object... args) {
    return run(args, true);
  }

  /** Runs one command and returns the reply's raw RESP bytes ({@code null} if none was sent). */
  byte[] executeRaw(Object... args) {
    return (byte[]) run(args, null);
  }

  private Object run(Object[] args, Boolean binary) {
    if (node.isClosed()) {
      throw new RedisException("node is closed");
    }
    ByteBuf request = encode(args);
    CompletableFuture<Object> reply = new CompletableFuture<>();
    Runnable task = () -> {
      try {
        if (handler == null || handler.client().closed()) {
          ClientState c = node.newClient(null);
          handler = new ClientHandler(node, c);
          c.attachment(handler);
        }
        ClientState c = handler.client();
        c.decoder().prepareAppend(request.readableBytes());
        c.query().append(request);
        handler.processInput();
        if (!node.aof().beforeRepliesFlushed()) {
          ByteBuf dropped = c.takeOutput();
          if (dropped != null) {
            dropped.release();
          }
          node.closeClient(c);
          throw new RedisException("the AOF could not be written: the reply is withheld (appendfsync always)");
        }
        ByteBuf out = c.takeOutput();
        if (c.closeAfterReply()) {
          node.closeClient(c); // QUIT: the next call starts a fresh client, like a reconnect
        }
        if (out == null) {
          reply.complete(null);
          return;
        }
        try {
          if (binary == null) {
            byte[] raw = new byte[out.readableBytes()];
            out.readBytes(raw);
            reply.complete(raw);
          } else {
            reply.complete(ReplyParser.parse(out, binary));
          }
        } finally {
          out.release();
        }
      } catch (Throwable t) {
        reply.completeExceptionally(t);
      } finally {
        request.release();
      }
    };
    // Already on the node's loop (a simulated scheduler's driver, or node code): run inline,
    // since queueing and then waiting would wait forever.
    if (node.context().loop().inLoop()) {
      task.run();
    } else {
      node.context().loop().execute(task);
    }
    Object r;
    try {
      r = reply.join();
    } catch (CompletionException e) {
      throw new RedisException("in-process call failed: " + e.getCause(), e.getCause());
    }
    if (binary != null && r instanceof ReplyParser.ErrorValue err) {
      throw new RedisException(err.message());
    }
    return r;
  }

  private static ByteBuf encode(Object[] args) {
    ByteBuf b = Unpooled.buffer();
    b.writeByte('*').writeCharSequence(Integer.toString(args.length), StandardCharsets.US_ASCII);
    b.writeByte('\r').writeByte('\n');
    for (Object a : args) {
      byte[] bytes = a instanceof byte[] ba ? ba : String.valueOf(a).getBytes(StandardCharsets.UTF_8);
      b.writeByte('$').writeCharSequence(Integer.toString(bytes.length), StandardCharsets.US_ASCII);
      b.writeByte('\r').writeByte('\n');
      b.writeBytes(bytes).writeByte('\r').writeByte('\n');
    }
    return b;
  }

  static ByteBufAllocator alloc() {
    return ByteBufAllocator.DEFAULT;
  }
}
