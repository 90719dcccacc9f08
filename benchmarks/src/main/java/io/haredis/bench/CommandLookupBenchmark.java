package io.haredis.bench;

import io.haredis.api.RedisServer;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.node.ServerNode;
import java.nio.charset.StandardCharsets;
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
 * Looking a command up by its name bytes, as they sit in the query buffer (ASCII case folded,
 * no {@code String}). {@code name} covers a lower-case hit, a mixed-case hit and a miss.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar CommandLookupBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandLookupBenchmark {

  @Param({"get", "SeT", "zrangebyscore"})
  String name;

  private ServerNode node;
  private CommandTable table;
  private byte[] buf;

  @Setup
  public void setup() {
    node = (ServerNode) RedisServer.builder().port(0).start();
    table = node.dispatcher().table();
    // The name sits inside a larger buffer, as in a query buffer.
    buf = ("*2\r\n$" + name.length() + "\r\n" + name + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  @TearDown
  public void tearDown() {
    node.close();
  }

  @Benchmark
  public CommandSpec lookup() {
    return table.lookup(buf, buf.length - 2 - name.length(), name.length());
  }
}
