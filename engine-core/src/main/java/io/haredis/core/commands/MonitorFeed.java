package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.command.CommandFlag;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RequestArgs;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The clients in MONITOR mode and the feed of executed commands they receive (Redis's
 * {@code server.monitors} and {@code replicationFeedMonitors}).
 *
 * <h2>What is fed</h2>
 * The dispatcher calls {@link #feed} after every command it actually ran (never for requests
 * refused before {@code call()}: unknown command, wrong arity, NOAUTH), while {@link #active()}.
 * Commands flagged {@code admin} or {@code skip_monitor} are left out, as in Redis. The line is
 * {@code +<seconds>.<micros> [<db> <ip:port>] "arg" "arg"...}, with the database the client has
 * selected after the command and each argument quoted the way {@code sdscatrepr} quotes it.
 * Handlers hide secrets with {@link #redact} (AUTH, HELLO AUTH): such arguments show as
 * {@code "(redacted)"}.
 *
 * <h2>Delivery</h2>
 * Lines are appended to each monitor's output buffer at once; monitors other than the running
 * client are flushed by one task queued on the loop, so a burst of commands costs one write per
 * monitor. A monitor whose replies are switched off (CLIENT REPLY OFF) receives nothing.
 *
 * <p>Loop-confined. Costs nothing on the command path while nobody monitors: the dispatcher checks
 * {@link #active()} first.
 */
public final class MonitorFeed {

  private static final byte[] REDACTED = "\"(redacted)\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final ServerNode node;
  private final List<ClientState> monitors = new ArrayList<>();
  private final BitSet redacted = new BitSet();
  private final List<ClientState> pendingFlush = new ArrayList<>();
  private final Runnable flushTask = this::flushPending;
  private boolean flushQueued;

  public MonitorFeed(ServerNode node) {
    this.node = node;
    node.hooks().onClientClosed(this::remove);
  }

  /** Whether any client monitors (the dispatcher's fast check). */
  public boolean active() {
    return !monitors.isEmpty();
  }

  /** Whether {@code c} is in MONITOR mode. */
  public boolean contains(ClientState c) {
    return monitors.contains(c);
  }

  /** Puts {@code c} in MONITOR mode; {@code false} if it already was. */
  public boolean add(ClientState c) {
    if (monitors.contains(c)) {
      return false;
    }
    monitors.add(c);
    return true;
  }

  /** Takes {@code c} out of MONITOR mode (RESET, disconnect). */
  public void remove(ClientState c) {
    monitors.remove(c);
  }

  public int size() {
    return monitors.size();
  }

  /**
   * Shows argument {@code i} of the running command as {@code "(redacted)"} in the feed (Redis's
   * {@code redactClientCommandArgument}). A no-op while nobody monitors.
   */
  public void redact(int i) {
    if (!monitors.isEmpty()) {
      redacted.set(i);
    }
  }

  /** Feeds the command {@code client} just ran to every monitor (called by the dispatcher). */
  public void feed(ClientState client, CommandSpec spec) {
    try {
      if (monitors.isEmpty() || spec.has(CommandFlag.ADMIN) || spec.has(CommandFlag.SKIP_MONITOR)) {
        return;
      }
      byte[] line = format(client);
      for (int i = 0; i < monitors.size(); i++) {
        ClientState m = monitors.get(i);
        if (m.closed()) {
          continue;
        }
        ReplyMode mode = m.replyMode();
        if (mode == ReplyMode.OFF || mode == ReplyMode.SKIP) {
          continue;
        }
        m.out().writeBytes(line);
        if (m != client && !pendingFlush.contains(m)) {
          pendingFlush.add(m);
        }
      }
      if (!pendingFlush.isEmpty() && !flushQueued) {
        flushQueued = true;
        node.context().loop().execute(flushTask);
      }
    } finally {
      redacted.clear();
    }
  }

  private void flushPending() {
    flushQueued = false;
    List<ClientState> todo = new ArrayList<>(pendingFlush);
    pendingFlush.clear();
    for (ClientState m : todo) {
      node.flushOutput(m);
    }
  }

  private byte[] format(ClientState client) {
    long micros = node.context().clock().currentTimeMicros();
    StringBuilder head = new StringBuilder(64);
    head.append('+').append(micros / 1_000_000).append('.');
    String frac = Long.toString(micros % 1_000_000);
    for (int i = frac.length(); i < 6; i++) {
      head.append('0');
    }
    head.append(frac).append(" [").append(client.db().index()).append(' ')
        .append(node.clients().peerId(client)).append("] ");
    ByteBuf out = io.netty.buffer.Unpooled.buffer(128);
    try {
      out.writeCharSequence(head, StandardCharsets.UTF_8);
      RequestArgs args = client.args();
      for (int j = 0; j < args.argc(); j++) {
        if (j > 0) {
          out.writeByte(' ');
        }
        if (redacted.get(j)) {
          out.writeBytes(REDACTED);
        } else {
          quote(out, args.array(j), args.offset(j), args.length(j));
        }
      }
      out.writeByte('\r').writeByte('\n');
      byte[] b = new byte[out.readableBytes()];
      out.readBytes(b);
      return b;
    } finally {
      out.release();
    }
  }

  /** Appends {@code "..."} with Redis's {@code sdscatrepr} escaping. */
  static void quote(ByteBuf out, byte[] a, int off, int len) {
    out.writeByte('"');
    for (int i = off; i < off + len; i++) {
      int c = a[i] & 0xff;
      switch (c) {
        case '\\' -> out.writeByte('\\').writeByte('\\');
        case '"' -> out.writeByte('\\').writeByte('"');
        case '\n' -> out.writeByte('\\').writeByte('n');
        case '\r' -> out.writeByte('\\').writeByte('r');
        case '\t' -> out.writeByte('\\').writeByte('t');
        case 7 -> out.writeByte('\\').writeByte('a');
        case '\b' -> out.writeByte('\\').writeByte('b');
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.writeByte(c);
          } else {
            out.writeByte('\\').writeByte('x').writeByte(HEX[c >> 4]).writeByte(HEX[c & 0xf]);
          }
        }
      }
    }
    out.writeByte('"');
  }
}
