package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import io.haredis.core.command.CommandFlag;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The slow log (Redis's {@code slowlog.c}): commands slower than
 * {@code slowlog-log-slower-than} microseconds, newest first, at most {@code slowlog-max-len}.
 * Arguments are kept as Redis keeps them: at most 32, each cut at 128 bytes.
 */
public final class Slowlog {

  static final int MAX_ARGC = 32;
  static final int MAX_ARG_LEN = 128;

  /** One entry. */
  public record Entry(long id, long timeSeconds, long micros, byte[][] args, String peer, String clientName) {}

  private final ServerSettings settings;
  private final ServerNode node;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long nextId;

  Slowlog(ServerSettings settings, ServerNode node) {
    this.settings = settings;
    this.node = node;
  }

  /** Called after every command. */
  public void record(ClientState client, CommandSpec spec, long micros) {
    long threshold = settings.slowlogLogSlowerThan;
    if (threshold < 0 || micros < threshold || spec.has(CommandFlag.SKIP_SLOWLOG)) {
      return;
    }
    RequestArgs a = client.args();
    int argc = Math.min(a.argc(), MAX_ARGC);
    byte[][] argv = new byte[argc][];
    for (int i = 0; i < argc; i++) {
      if (argc != a.argc() && i == argc - 1) {
        argv[i] = ("... (" + (a.argc() - argc + 1) + " more arguments)").getBytes(StandardCharsets.UTF_8);
      } else if (a.length(i) > MAX_ARG_LEN) {
        byte[] head = Arrays.copyOfRange(a.array(i), a.offset(i), a.offset(i) + MAX_ARG_LEN);
        byte[] tail = ("... (" + (a.length(i) - MAX_ARG_LEN) + " more bytes)").getBytes(StandardCharsets.UTF_8);
        argv[i] = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, argv[i], head.length, tail.length);
      } else {
        argv[i] = a.copy(i);
      }
    }
    entries.addFirst(new Entry(nextId++, node.keyspace().now() / 1000, micros, argv, node.clients().peerId(client), client.name() == null ? "" : client.name()));
    while (entries.size() > settings.slowlogMaxLen) {
      entries.removeLast();
    }
  }

  public Deque<Entry> entries() {
    return entries;
  }

  public void reset() {
    entries.clear();
  }
}
