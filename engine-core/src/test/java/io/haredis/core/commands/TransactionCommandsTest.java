package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransactionCommandsTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private String logSince(long offset) {
    return h.node().call(() -> new String(h.node().replicationLog().backlog().readFrom(offset + 1), StandardCharsets.US_ASCII));
  }

  @Test
  void exec_severalWrites_propagatedWrappedInMultiExec() {
    h.run("SET", "warm", "1"); // the SELECT is out of the way
    long before = h.node().call(() -> h.node().replicationLog().masterOffset());
    h.run("MULTI");
    h.run("SET", "a", "1");
    h.run("GET", "a");
    h.run("INCR", "a");
    assertThat(h.run("EXEC")).isEqualTo("*3\r\n+OK\r\n$1\r\n1\r\n:2\r\n");
    assertThat(logSince(before)).isEqualTo(
        "*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*1\r\n$4\r\nEXEC\r\n");
  }

  @Test
  void exec_oneWrite_propagatedAlone() {
    h.run("SET", "warm", "1");
    long before = h.node().call(() -> h.node().replicationLog().masterOffset());
    h.run("MULTI");
    h.run("GET", "a");
    h.run("SET", "a", "1");
    h.run("EXEC");
    assertThat(logSince(before)).isEqualTo("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n");
  }

  @Test
  void exec_abortedOrReadOnly_propagatesNothing() {
    h.run("SET", "warm", "1");
    long before = h.node().call(() -> h.node().replicationLog().masterOffset());
    h.run("MULTI");
    h.run("SET", "a", "1");
    h.run("SET");
    assertThat(h.run("EXEC")).startsWith("-EXECABORT");
    h.run("MULTI");
    h.run("GET", "a");
    h.run("EXEC");
    assertThat(h.node().call(() -> h.node().replicationLog().masterOffset())).isEqualTo(before);
  }

  @Test
  void exec_casFailure_nullInBothProtocols() {
    h.run("WATCH", "k");
    h.node().call(() -> {
      h.node().watches().touch(h.node().db(0), new byte[] {'k'}, 0, 1);
      return null;
    });
    h.run("MULTI");
    assertThat(h.run("EXEC")).isEqualTo("*-1\r\n");
    h.run("HELLO", "3");
    h.run("WATCH", "k");
    h.run("SET", "k", "v"); // our own write counts too, as in Redis
    h.run("MULTI");
    assertThat(h.run("EXEC")).isEqualTo("_\r\n");
  }

  @Test
  void watchRegistry_emptyAfterExecDiscardAndUnwatch() {
    h.run("WATCH", "a", "b");
    assertThat(h.node().call(() -> h.node().watches().any())).isTrue();
    h.run("MULTI");
    h.run("EXEC");
    assertThat(h.node().call(() -> h.node().watches().any())).isFalse();
    h.run("WATCH", "a");
    h.run("UNWATCH");
    assertThat(h.node().call(() -> h.node().watches().any())).isFalse();
  }
}
