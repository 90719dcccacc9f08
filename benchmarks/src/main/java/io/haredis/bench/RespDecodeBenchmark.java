package io.haredis.bench;

import io.haredis.core.resp.QueryBuffer;
import io.haredis.core.resp.RequestArgs;
import io.haredis.core.resp.RequestDecoder;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding a pipelined batch of {@code batch} multibulk SET requests from one read into
 * argument slices (no execution). One operation is one whole batch.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RespDecodeBenchmark -prof gc}
 * (build first: {@code mvn -B -q -o package -pl benchmarks -am -DskipTests}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RespDecodeBenchmark {

  @Param({"1", "16", "128"})
  int batch;

  private byte[] input;
  private final QueryBuffer query = new QueryBuffer();
  private final RequestArgs args = new RequestArgs();
  private final RequestDecoder decoder = new RequestDecoder(query, args);

  @Setup
  public void setup() {
    input = Requests.sets(batch);
  }

  /** Returns the total argument count, so nothing is dead code. */
  @Benchmark
  public int decodeBatch() {
    decoder.prepareAppend(input.length);
    query.append(input, 0, input.length);
    int argc = 0;
    while (decoder.decode() == RequestDecoder.Status.COMPLETE) {
      argc += args.argc();
    }
    return argc;
  }
}
