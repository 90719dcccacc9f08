package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * GET, SET over an existing key and INCR must allocate (on the node's loop thread) no more
 * than PING does plus the stored value: the handlers themselves create no Strings, boxes or
 * option objects. Measured per command over many runs after warm-up, with generous slack.
 */
class StringHotPathAllocationTest {

  private static final int RUNS = 20_000;

  @Test
  void hotCommands_allocateLikePingPlusStoredValue() {
    var mx = ManagementFactory.getThreadMXBean();
    Assumptions.assumeTrue(mx instanceof com.sun.management.ThreadMXBean);
    var bean = (com.sun.management.ThreadMXBean) mx;
    Assumptions.assumeTrue(bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled());
    try (CommandHarness h = new CommandHarness()) {
      ServerNode node = h.node();
      long loopThread = node.call(() -> Thread.currentThread().getId());
      // Baselines with the same reply shape: the in-process client's own cost depends on it.
      byte[][] echo = {b("ECHO"), b("value")}; // bulk reply like GET
      byte[][] ping = {b("PING")}; // simple string like SET's +OK
      byte[][] strlen = {b("STRLEN"), b("counter")}; // integer reply like INCR, read-only
      byte[][] get = {b("GET"), b("key")};
      byte[][] set = {b("SET"), b("key"), b("value")};
      byte[][] incr = {b("INCR"), b("counter")};
      h.run("SET", "key", "value");
      h.run("SET", "counter", "1000000");
      double[] bytes = new double[6];
      byte[][][] cmds = {echo, get, ping, set, strlen, incr};
      for (int round = 0; round < 3; round++) { // the last round counts; earlier ones warm up
        for (int i = 0; i < cmds.length; i++) {
          bytes[i] = perOp(bean, loopThread, node, cmds[i]);
        }
      }
      String report = java.util.Arrays.toString(bytes) + " (echo, get, ping, set, strlen, incr)";
      assertThat(bytes[1]).as(report).isLessThan(bytes[0] + 16);
      // SET stores a new value: its byte[] and StringValue (about 64 bytes with headers).
      assertThat(bytes[3]).as(report).isLessThan(bytes[2] + 96);
      assertThat(bytes[5]).as(report).isLessThan(bytes[4] + 16);
    }
  }

  private static double perOp(com.sun.management.ThreadMXBean bean, long thread, ServerNode node, byte[][] cmd) {
    Object[] args = cmd;
    long before = bean.getThreadAllocatedBytes(thread);
    for (int i = 0; i < RUNS; i++) {
      node.executeRaw(args);
    }
    return (double) (bean.getThreadAllocatedBytes(thread) - before) / RUNS;
  }

  private static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
