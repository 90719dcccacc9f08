package io.haredis.core.persist;

import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.ReplyParser;
import io.haredis.testing.RawRespClient;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One side of a differential test: our node (in-process) or a real redis-server (over TCP),
 * with replies parsed into Java values (bulk strings as byte arrays).
 */
interface Peer extends AutoCloseable {

  Object call(Object... args);

  default String string(Object... args) {
    Object r = call(args);
    if (r instanceof ReplyParser.ErrorValue e) {
      return "-" + e.message();
    }
    return r instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(r);
  }

  default byte[] bytes(Object... args) {
    Object r = call(args);
    if (r instanceof ReplyParser.ErrorValue e) {
      throw new AssertionError("error reply: " + e.message());
    }
    return (byte[]) r;
  }

  @SuppressWarnings("unchecked")
  default List<Object> list(Object... args) {
    return (List<Object>) call(args);
  }

  @Override
  default void close() {}

  static Peer of(ServerNode node) {
    return args -> ReplyParser.parse(Unpooled.wrappedBuffer(node.executeRaw(args)), true);
  }

  static Peer of(RawRespClient client) {
    return new Peer() {
      @Override
      public Object call(Object... args) {
        byte[][] a = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
          a[i] = args[i] instanceof byte[] b ? b : String.valueOf(args[i]).getBytes(StandardCharsets.UTF_8);
        }
        String reply = client.call(a);
        return ReplyParser.parse(Unpooled.wrappedBuffer(reply.getBytes(StandardCharsets.ISO_8859_1)), true);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }
}
