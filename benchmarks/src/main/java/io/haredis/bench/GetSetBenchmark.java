package io.haredis.bench;

import io.haredis.api.RedisServer;
import io.haredis.core.client.ClientState;
import io.haredis.core.command.Dispatcher;
import io.haredis.core.command.Invocation;
import io.haredis.core.node.EmbeddedSession;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * GET and SET executed through the {@link Dispatcher} (every gate, the handler and the reply
 * writer) with the arguments already decoded: no socket, no decoder. One operation is one
 * command plus taking its reply. Keys and values are 16 bytes; the keyspace holds 1,000 keys.
 *
 * <p>Runs on the caller's thread through {@link EmbeddedSession}, which parks the node's loop.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GetSetBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GetSetBenchmark {

  private ServerNode node;
  private EmbeddedSession session;
  private ClientState client;
  private Dispatcher dispatcher;
  private Invocation invocation;
  private byte[][] keys;
  private byte[] value;
  private byte[] get;
  private byte[] set;
  private int next;

  @Setup
  public void setup() {
    node = (ServerNode) RedisServer.builder().port(0).start();
    session = EmbeddedSession.open(node);
    client = session.client();
    dispatcher = node.dispatcher();
    invocation = new Invocation(node, client);
    get = "GET".getBytes(StandardCharsets.US_ASCII);
    set = "SET".getBytes(StandardCharsets.US_ASCII);
    value = "value-0123456789".getBytes(StandardCharsets.US_ASCII);
    keys = new byte[1000][];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
      run(set, keys[i], value);
    }
    session.drain(null);
  }

  @TearDown
  public void tearDown() {
    session.close();
    node.close();
  }

  private int run(byte[] cmd, byte[] key, byte[] val) {
    RequestArgs args = client.args();
    args.clear();
    args.add(cmd, 0, cmd.length);
    args.add(key, 0, key.length);
    if (val != null) {
      args.add(val, 0, val.length);
    }
    dispatcher.process(client, invocation);
    return session.drain(null);
  }

  private byte[] nextKey() {
    int i = next++;
    if (next == keys.length) {
      next = 0;
    }
    return keys[i];
  }

  @Benchmark
  public int get() {
    return run(get, nextKey(), null);
  }

  @Benchmark
  public int set() {
    return run(set, nextKey(), value);
  }
}
