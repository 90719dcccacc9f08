package io.haredis.core.commands;

import io.haredis.api.RedisServer;
import io.haredis.api.time.Clock;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import io.haredis.core.repl.ReplicationLog;
import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Shared fixtures of the string command tests: a node on a hand-driven clock, the log's commands. */
final class StringTestSupport {

  /** 2020-09-13T12:26:40Z: a fixed "now" so expire rewrites are exact. */
  static final long NOW = 1_600_000_000_000L;

  private StringTestSupport() {}

  /** A clock that stands still unless moved. */
  static final class ManualClock implements Clock {
    final AtomicLong millis = new AtomicLong(NOW);

    @Override
    public long currentTimeMillis() {
      return millis.get();
    }

    @Override
    public long nanoTime() {
      return millis.get() * 1_000_000L;
    }
  }

  static CommandHarness harness(ManualClock clock) {
    ServerBuilder b = (ServerBuilder) RedisServer.builder().port(0);
    return new CommandHarness((ServerNode) b.clock(clock).start());
  }

  /** Offset of the last byte written to the replication log. */
  static long offset(ServerNode node) {
    return node.call(() -> node.replicationLog().masterOffset());
  }

  /** The commands written to the log after {@code from} (an earlier {@link #offset}). */
  static List<List<byte[]>> commandsSince(ServerNode node, long from) {
    byte[] bytes = node.call(() -> {
      ReplicationLog log = node.replicationLog();
      return log.masterOffset() == from ? new byte[0] : log.backlog().readFrom(from + 1);
    });
    return parse(bytes);
  }

  /** The commands since {@code from}, each as its words joined by spaces. */
  static List<String> textSince(ServerNode node, long from) {
    List<String> out = new ArrayList<>();
    for (List<byte[]> cmd : commandsSince(node, from)) {
      List<String> words = new ArrayList<>();
      for (byte[] w : cmd) {
        words.add(new String(w, StandardCharsets.ISO_8859_1));
      }
      out.add(String.join(" ", words));
    }
    return out;
  }

  /** Splits a RESP stream of multibulk commands. */
  static List<List<byte[]>> parse(byte[] b) {
    List<List<byte[]>> cmds = new ArrayList<>();
    int p = 0;
    while (p < b.length) {
      if (b[p] != '*') {
        throw new IllegalStateException("expected '*' at " + p);
      }
      int eol = indexOfCrlf(b, p);
      int n = Integer.parseInt(new String(b, p + 1, eol - p - 1, StandardCharsets.US_ASCII));
      p = eol + 2;
      List<byte[]> words = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        eol = indexOfCrlf(b, p);
        int len = Integer.parseInt(new String(b, p + 1, eol - p - 1, StandardCharsets.US_ASCII));
        p = eol + 2;
        byte[] w = new byte[len];
        System.arraycopy(b, p, w, 0, len);
        words.add(w);
        p += len + 2;
      }
      cmds.add(words);
    }
    return cmds;
  }

  private static int indexOfCrlf(byte[] b, int from) {
    for (int i = from; i < b.length - 1; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    throw new IllegalStateException("no CRLF after " + from);
  }

  static String bulk(String s) {
    return "$" + s.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n" + s + "\r\n";
  }

  static String integer(long n) {
    return ":" + n + "\r\n";
  }

  static String err(String text) {
    return "-" + text + "\r\n";
  }

  static final String OK = "+OK\r\n";
  static final String NIL = "$-1\r\n";
  static final String EMPTY = "$0\r\n\r\n";
  static final String SYNTAX = "-ERR syntax error\r\n";
  static final String NOT_INT = "-ERR value is not an integer or out of range\r\n";
  static final String NOT_FLOAT = "-ERR value is not a valid float\r\n";
}
