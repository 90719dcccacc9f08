package io.haredis.core.node;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.client.ClientState;
import io.haredis.testing.RealRedis;
import java.io.IOException;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Per-client limits over TCP: {@code client-query-buffer-limit} closes the offender, and a client
 * that pipelines without reading its replies is throttled (the node stops reading it) so memory
 * stays bounded, while other clients are served throughout.
 */
class ClientLimitsIT {

  private static final long MB = 1024 * 1024;

  /** Sends a 100 MB bulk in pieces; returns what came back. */
  private static RawConnection.Response sendHugeBulk(int port) throws IOException {
    try (RawConnection c = new RawConnection(port)) {
      byte[] chunk = new byte[64 * 1024];
      java.util.Arrays.fill(chunk, (byte) 'x');
      try {
        c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000000\r\n");
        for (int i = 0; i < 64; i++) { // 4 MB, well past the 1 MB limit
          c.send(chunk);
        }
      } catch (SocketException e) {
        // closed by the server mid-write: expected
      }
      return c.readUntilQuietOrClosed(2000);
    }
  }

  @Test
  void queryBufferOverLimit_connectionClosedWithoutReply_likeRedis() throws IOException {
    try (ServerNode node = (ServerNode) RedisServer.builder().port(0).config("client-query-buffer-limit", "1mb").start();
        RealRedis redis = RealRedis.start("--client-query-buffer-limit", "1mb")) {
      RawConnection.Response ours = sendHugeBulk(node.address().port());
      RawConnection.Response theirs = sendHugeBulk(redis.port());
      assertThat(ours.closed()).isTrue();
      assertThat(ours).isEqualTo(theirs);
      try (RawConnection c = new RawConnection(node.address().port())) {
        c.send("*1\r\n$4\r\nPING\r\n");
        assertThat(c.readExactly(7, 5000)).isEqualTo("+PONG\r\n");
      }
    }
  }

  @Test
  void queryBufferUnderLimit_bigValueAccepted() throws IOException {
    try (ServerNode node = (ServerNode) RedisServer.builder().port(0).config("client-query-buffer-limit", "1mb").start();
        RawConnection c = new RawConnection(node.address().port())) {
      byte[] value = new byte[900 * 1024];
      java.util.Arrays.fill(value, (byte) 'v');
      c.send("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + value.length + "\r\n").send(value).send("\r\n");
      assertThat(c.readExactly(5, 5000)).isEqualTo("+OK\r\n");
    }
  }

  @Test
  void pipeliningWithoutReading_nodeStopsReadingMemoryBoundedOthersServed() throws Exception {
    greedyClient(10 * 1024);
  }

  /**
   * With 1 MB replies, a single read of pipelined GETs asks for hundreds of MB; the node stops
   * running the pipeline once the connection is not writable and resumes when the peer reads.
   */
  @Test
  void pipeliningBigRepliesWithoutReading_outputBoundedByWritability() throws Exception {
    greedyClient(1024 * 1024);
  }

  private static void greedyClient(int valueSize) throws Exception {
    try (ServerNode node = (ServerNode) RedisServer.builder().port(0).start()) {
      int port = node.address().port();
      byte[] value = new byte[valueSize];
      java.util.Arrays.fill(value, (byte) 'v');
      try (RawConnection setup = new RawConnection(port)) {
        setup.send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + value.length + "\r\n").send(value).send("\r\n");
        assertThat(setup.readExactly(5, 5000)).isEqualTo("+OK\r\n");
      }
      // Each 24-byte GET asks for a 10 KB reply; 1 GB of requests would ask for ~400 GB of replies.
      byte[] get = "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n".getBytes(ISO_8859_1);
      byte[] batch = new byte[get.length * 4096];
      for (int i = 0; i < 4096; i++) {
        System.arraycopy(get, 0, batch, i * get.length, get.length);
      }
      AtomicLong sent = new AtomicLong();
      try (RawConnection greedy = new RawConnection(port)) {
        greedy.socket().setReceiveBufferSize(64 * 1024);
        Thread writer = new Thread(() -> {
          try {
            while (sent.get() < 1024 * MB) {
              greedy.out().write(batch);
              sent.addAndGet(batch.length);
            }
          } catch (IOException e) {
            // closed at the end of the test
          }
        }, "greedy-writer");
        writer.setDaemon(true);
        writer.start();

        // Wait until the writer is blocked: the node has stopped reading this client.
        long last = -1;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
          Thread.sleep(500);
          long now = sent.get();
          if (now == last && now > 0) {
            break;
          }
          last = now;
        }
        System.out.println("greedy client: bytes sent before the node stopped reading = " + sent.get());
        assertThat(sent.get()).as("bytes the node let in").isLessThan(256 * MB);

        long[] sizes = node.call(() -> {
          long maxQuery = 0;
          long maxOut = 0;
          for (ClientState c : node.clients().all()) {
            maxQuery = Math.max(maxQuery, c.query().capacity());
            maxOut = Math.max(maxOut, c.pendingOutputBytes());
          }
          return new long[] {maxQuery, maxOut};
        });
        System.out.println("largest query buffer capacity = " + sizes[0] + ", largest unflushed output = " + sizes[1]);
        assertThat(sizes[0]).as("largest query buffer").isLessThan(4 * MB);
        long written = node.call(() -> node.stats().netOutputBytes);
        System.out.println("value " + valueSize + " B: replies handed to the connection = " + written);
        assertThat(written).as("replies handed to a client that reads nothing").isLessThan(48 * MB);
        assertThat(sizes[1]).as("largest unflushed output").isLessThan(64 * MB);

        // Meanwhile another client is served.
        try (RawConnection other = new RawConnection(port)) {
          other.send("*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
          assertThat(other.readExactly(7, 5000)).isEqualTo("+PONG\r\n");
          String header = "$" + valueSize + "\r\n";
          assertThat(other.readExactly(header.length() + value.length + 2, 5000)).startsWith(header + "vvvv");
        }
      }
      // The greedy client is gone; the node keeps serving.
      try (RawConnection after = new RawConnection(port)) {
        after.send("PING\r\n");
        assertThat(after.readExactly(7, 5000)).isEqualTo("+PONG\r\n");
      }
    }
  }
}
