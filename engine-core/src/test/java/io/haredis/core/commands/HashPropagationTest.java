package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the hash commands write to the replication log (Redis 7.0: writes verbatim, HINCRBYFLOAT
 * as HSET with the result, no-ops and reads nothing), and a replay property: a random workload's
 * log replayed into a fresh node gives the same DEBUG DIGEST.
 */
class HashPropagationTest {

  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = StringTestSupport.harness(clock);

  @BeforeEach
  void selectDb() {
    h.run("SET", "warmup", "1"); // the log's first write carries SELECT 0
  }

  @AfterEach
  void close() {
    h.close();
  }

  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  @Test
  void writes_verbatim() {
    assertThat(log("HSET", "h", "a", "1", "b", "2")).containsExactly("HSET h a 1 b 2");
    assertThat(log("hmset", "h", "a", "1")).containsExactly("hmset h a 1");
    assertThat(log("HSETNX", "h", "c", "3")).containsExactly("HSETNX h c 3");
    assertThat(log("HINCRBY", "h", "a", "5")).containsExactly("HINCRBY h a 5");
    assertThat(log("HDEL", "h", "a", "zz")).containsExactly("HDEL h a zz");
  }

  @Test
  void hincrbyfloat_propagatesAsHsetOfTheResult() {
    h.run("HSET", "h", "f", "10.5");
    assertThat(log("HINCRBYFLOAT", "h", "f", "0.1")).containsExactly("HSET h f 10.6");
    assertThat(log("HINCRBYFLOAT", "h", "g", "1e3")).containsExactly("HSET h g 1000");
  }

  @Test
  void noOpsReadsAndErrors_notPropagated() {
    h.run("HSET", "h", "a", "1", "s", "x");
    assertThat(log("HSETNX", "h", "a", "2")).isEmpty();
    assertThat(log("HDEL", "h", "zz")).isEmpty();
    assertThat(log("HDEL", "nokey", "zz")).isEmpty();
    assertThat(log("HINCRBY", "h", "s", "1")).isEmpty();
    assertThat(log("HINCRBYFLOAT", "h", "s", "1")).isEqualTo(List.of());
    assertThat(log("HSET", "h", "a")).isEmpty();
    assertThat(log("HGETALL", "h")).isEmpty();
    assertThat(log("HRANDFIELD", "h", "-5", "WITHVALUES")).isEmpty();
    assertThat(log("HSCAN", "h", "0")).isEmpty();
  }

  @Test
  void replay_randomWorkload_sameDigest() {
    long seed = Long.getLong("seed", System.nanoTime());
    Random r = new Random(seed);
    try (CommandHarness copy = StringTestSupport.harness(clock)) {
      h.run("CONFIG", "SET", "hash-max-listpack-entries", "6");
      h.run("CONFIG", "SET", "hash-max-listpack-value", "12");
      String[] keys = {"a", "b", "c"};
      for (int i = 0; i < 4000; i++) {
        String k = keys[r.nextInt(3)];
        String f = "f" + r.nextInt(12);
        String v = r.nextInt(6) == 0 ? "long-value-" + "x".repeat(r.nextInt(10)) : String.valueOf(r.nextInt(50));
        List<String> cmd = switch (r.nextInt(9)) {
          case 0, 1 -> List.of("HSET", k, f, v, "f" + r.nextInt(12), v);
          case 2 -> List.of("HMSET", k, f, v);
          case 3 -> List.of("HSETNX", k, f, v);
          case 4 -> List.of("HDEL", k, f, "f" + r.nextInt(12));
          case 5 -> List.of("HINCRBY", k, f, String.valueOf(r.nextInt(10) - 3));
          case 6 -> List.of("HINCRBYFLOAT", k, f, r.nextBoolean() ? "0.1" : "-2.75");
          case 7 -> List.of("HRANDFIELD", k, String.valueOf(r.nextInt(9) - 4), "WITHVALUES");
          default -> r.nextInt(10) == 0 ? List.of("SET", k, v) : List.of("HSCAN", k, "0");
        };
        h.run(cmd.toArray());
      }
      byte[] stream = h.node().call(() -> h.node().replicationLog().backlog().readFrom(1));
      for (List<byte[]> cmd : StringTestSupport.parse(stream)) {
        List<Object> args = new ArrayList<>(cmd);
        String reply = copy.run(args.toArray());
        assertThat(reply).as("seed=%d", seed).doesNotStartWith("-");
      }
      assertThat(copy.run("DEBUG", "DIGEST")).as("seed=%d", seed).isEqualTo(h.run("DEBUG", "DIGEST"));
      assertThat(h.run("DBSIZE")).isNotEqualTo(":1\r\n");
    }
  }
}
