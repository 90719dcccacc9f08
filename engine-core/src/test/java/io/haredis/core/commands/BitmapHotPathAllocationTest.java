package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * GETBIT and SETBIT on an existing bitmap (no growth) allocate, on the node's loop thread, no
 * more than read/write commands of the same reply shape that are known to be allocation-free
 * (STRLEN, INCR). Measured per command over many runs after warm-up, with slack.
 */
class BitmapHotPathAllocationTest {

  private static final int RUNS = 20_000;

  @Test
  void getbitSetbit_existingBitmap_allocateLikeStrlenAndIncr() {
    var mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    var bean = (com.sun.management.ThreadMXBean) mx;
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
    try (CommandHarness h = new CommandHarness()) {
      ServerNode node = h.node();
      long loopThread = node.call(() -> Thread.currentThread().getId());
      h.run("SETBIT", "bm", "4000", "1");
      h.run("SET", "counter", "1000000");
      h.run("SET", "num", "123456");
      byte[][][] strlen = {{b("STRLEN"), b("bm")}};
      byte[][][] getbit = {{b("GETBIT"), b("bm"), b("4000")}, {b("GETBIT"), b("num"), b("9")}};
      byte[][][] incr = {{b("INCR"), b("counter")}};
      // Alternating values: every SETBIT changes the bit and is propagated, like INCR.
      byte[][][] setbit = {{b("SETBIT"), b("bm"), b("77"), b("1")}, {b("SETBIT"), b("bm"), b("77"), b("0")}};
      byte[][][][] cmds = {strlen, getbit, incr, setbit};
      double[] bytes = new double[cmds.length];
      for (int round = 0; round < 3; round++) { // the last round counts
        for (int i = 0; i < cmds.length; i++) {
          bytes[i] = perOp(bean, loopThread, node, cmds[i]);
        }
      }
      String report = java.util.Arrays.toString(bytes) + " (strlen, getbit, incr, setbit)";
      assertThat(bytes[1]).as(report).isLessThan(bytes[0] + 16);
      assertThat(bytes[3]).as(report).isLessThan(bytes[2] + 16);
    }
  }

  private static double perOp(com.sun.management.ThreadMXBean bean, long thread, ServerNode node, byte[][][] cmds) {
    long before = bean.getThreadAllocatedBytes(thread);
    for (int i = 0; i < RUNS; i++) {
      Object[] args = cmds[i % cmds.length];
      node.executeRaw(args);
    }
    return (double) (bean.getThreadAllocatedBytes(thread) - before) / RUNS;
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
