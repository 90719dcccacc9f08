package io.haredis.api;

import io.haredis.api.transport.Address;
import io.haredis.api.transport.Transport;
import io.haredis.api.time.Clock;
import java.nio.file.Path;

/**
 * A running Redis server node inside this JVM: it speaks RESP2/RESP3 to any Redis client on
 * {@link #address()} and answers commands exactly as {@code redis-server} 7.0 does.
 *
 * <pre>{@code
 * try (RedisServer server = RedisServer.builder().port(0).start()) {
 *   server.client().execute("SET", "k", "v");
 *   // Jedis, Lettuce or redis-cli reach server.address() over TCP
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> The node runs on its own event loop thread; this handle is thread-safe.
 * Closing it stops the listener, closes every client connection and stops the loop.
 */
public interface RedisServer extends AutoCloseable {

  /**
   * Returns a builder for a server node, found through {@link NodeProvider} (engine-core must be
   * on the class path).
   *
   * @throws IllegalStateException if no provider is on the class path
   */
  static Builder builder() {
    return NodeProvider.load().serverBuilder();
  }

  /** The address clients connect to (the real port when port 0 was asked). */
  Address address();

  /** A client that runs commands on this node without a socket. Thread-safe; not closed by the caller. */
  RedisClient client();

  /** Stops the node. Idempotent; returns when the loop has stopped. */
  @Override
  void close();

  /** Builds and starts a {@link RedisServer}. Not thread-safe. */
  interface Builder {

    /** Reads a {@code redis.conf}; later builder calls override its directives. */
    Builder configFile(Path path);

    /**
     * Sets one configuration directive as {@code redis.conf} would, e.g.
     * {@code config("maxmemory", "100mb")}.
     */
    Builder config(String name, String... values);

    /** The TCP port; 0 picks a free one. Default 6379. */
    Builder port(int port);

    /** The addresses to listen on. Default {@code 127.0.0.1 -::1} as in Redis. */
    Builder bind(String... addresses);

    /** Shorthand for {@code config("requirepass", password)}. */
    Builder requirePass(String password);

    /** Working directory for RDB and AOF files. */
    Builder dir(Path dir);

    /** The transport to listen on; default TCP. */
    Builder transport(Transport transport);

    /** The clock the node reads; default the system clock. */
    Builder clock(Clock clock);

    /** Seed of the node's {@code Random}; default from the system. */
    Builder seed(long seed);

    /**
     * Starts the node.
     *
     * @throws RedisException if the configuration is invalid or the address cannot be bound
     */
    RedisServer start();
  }
}
