package io.haredis.bench;

import io.haredis.api.RedisServer;
import io.haredis.core.node.EmbeddedSession;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RespVersion;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole request path of one client without a socket: a read's worth of pipelined requests
 * (alternating SET and GET, {@code depth} of them) is appended to the query buffer, decoded,
 * dispatched, executed and encoded, and the replies are taken as one flush would take them. One
 * operation is one batch of {@code depth} commands; divide by {@code depth} for per-command cost.
 *
 * <p>Runs on the caller's thread through {@link EmbeddedSession}, which parks the node's loop.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SessionBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionBenchmark {

  @Param({"1", "16", "128"})
  int depth;

  @Param({"RESP2", "RESP3"})
  RespVersion protocol;

  private ServerNode node;
  private EmbeddedSession session;
  private byte[] batch;

  @Setup
  public void setup() {
    node = (ServerNode) RedisServer.builder().port(0).start();
    session = EmbeddedSession.open(node).protocol(protocol);
    batch = Requests.setGetMix(depth);
    session.feed(Requests.sets(16), 0, Requests.sets(16).length);
    session.drain(null);
  }

  @TearDown
  public void tearDown() {
    session.close();
    node.close();
  }

  /** Returns the reply bytes of the batch. */
  @Benchmark
  public int pipeline() {
    session.feed(batch, 0, batch.length);
    return session.drain(null);
  }
}
