package io.haredis.core.command;

import io.haredis.api.time.Clock;
import io.haredis.core.client.ClientState;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;

/**
 * Runs one decoded request through Redis's {@code processCommand} gates, in Redis's order, then
 * {@code call()}s the handler: statistics, propagation and the reply-mode bookkeeping. Gates
 * read command flags and node state, never command names.
 */
public final class Dispatcher {

  /** What happened to a request. */
  public enum Outcome {
    /** Ran, or was rejected with an error reply. */
    DONE,
    /** Not run now (CLIENT PAUSE): present the same request again later. */
    POSTPONED
  }

  private final ServerNode node;
  private final CommandTable table;
  private final CommandStats[] stats;
  private final Clock clock;

  public Dispatcher(ServerNode node, CommandTable table, Clock clock) {
    this.node = node;
    this.table = table;
    this.clock = clock;
    this.stats = new CommandStats[table.idCount()];
    for (int i = 0; i < stats.length; i++) {
      stats[i] = new CommandStats();
    }
  }

  public CommandTable table() {
    return table;
  }

  public CommandStats stats(CommandSpec spec) {
    return stats[spec.id()];
  }

  public void resetStats() {
    for (CommandStats s : stats) {
      s.reset();
    }
  }

  /** Finds the command (or subcommand) a request names; {@code null} if unknown. */
  public CommandSpec lookup(RequestArgs args) {
    CommandSpec base = table.lookup(args.array(0), args.offset(0), args.length(0));
    if (base == null || base.subcommands() == null || args.argc() == 1) {
      return base;
    }
    return base.subcommands().lookup(args.array(1), args.offset(1), args.length(1));
  }

  public Outcome process(ClientState client, Invocation inv) {
    RequestArgs args = client.args();
    CommandSpec spec = lookup(args);
    if (spec == null) {
      rejectUnknown(client, args);
      return Outcome.DONE;
    }
    client.lastCommand(spec.fullName());
    if (!spec.arityAccepts(args.argc())) {
      reject(client, spec, ErrorReply.wrongArity(spec.fullName()).reply());
      return Outcome.DONE;
    }
    if (!client.authenticated() && node.authRequired() && !spec.has(CommandFlag.NO_AUTH)) {
      reject(client, spec, ErrorReply.NOAUTH.reply());
      return Outcome.DONE;
    }
    if (node.pauses().mustPostpone(client, spec)) {
      return Outcome.POSTPONED;
    }
    call(client, inv, spec);
    return Outcome.DONE;
  }

  /** Redis's {@code call()}: run, time, count, propagate. */
  void call(ClientState client, Invocation inv, CommandSpec spec) {
    node.keyspace().refreshNow();
    if (client.replyMode() == ReplyMode.SKIP_NEXT) {
      client.replyMode(ReplyMode.SKIP);
    }
    ReplyMode mode = client.replyMode();
    client.reply().suppressed(mode == ReplyMode.OFF || mode == ReplyMode.SKIP);
    long errorsBefore = client.errorReplies();
    CommandStats st = stats[spec.id()];
    node.propagator().begin();
    long start = clock.nanoTime();
    try {
      inv.begin(spec);
      spec.handler().handle(inv);
    } catch (CommandError e) {
      client.reply().error(e.reply());
    }
    long micros = (clock.nanoTime() - start) / 1000;
    if (inv.propagatesVerbatim()) {
      node.propagator().addVerbatim(client.db().index(), client.args());
    }
    node.addDirty(inv.dirtyCount());
    node.propagator().end();
    st.calls++;
    st.micros += micros;
    if (client.errorReplies() != errorsBefore) {
      st.failedCalls++;
    }
    node.stats().commandsProcessed++;
    node.slowlog().record(client, spec, micros);
    if (node.monitors().active()) {
      node.monitors().feed(client, spec);
    }
    if (mode == ReplyMode.SKIP && client.replyMode() == ReplyMode.SKIP) {
      client.replyMode(ReplyMode.ON); // SKIP covers exactly one command
    }
    client.reply().suppressed(false);
  }

  private void reject(ClientState client, CommandSpec spec, String error) {
    if (spec != null) {
      stats[spec.id()].rejectedCalls++;
    }
    // A refused request is "the next command" of CLIENT REPLY SKIP too (Redis's resetClient).
    if (client.replyMode() == ReplyMode.SKIP_NEXT) {
      client.replyMode(ReplyMode.SKIP);
    }
    ReplyMode m = client.replyMode();
    client.reply().suppressed(m == ReplyMode.OFF || m == ReplyMode.SKIP);
    client.reply().error(error);
    client.reply().suppressed(false);
    if (m == ReplyMode.SKIP) {
      client.replyMode(ReplyMode.ON);
    }
  }

  private void rejectUnknown(ClientState client, RequestArgs args) {
    CommandSpec base = table.lookup(args.array(0), args.offset(0), args.length(0));
    if (base != null && base.subcommands() != null) {
      String sub = truncate(args.string(1), 128);
      reject(client, null, "ERR unknown subcommand '" + sub + "'. Try " + base.name().toUpperCase(java.util.Locale.ROOT) + " HELP.");
      return;
    }
    StringBuilder list = new StringBuilder();
    for (int i = 1; i < args.argc() && list.length() < 128; i++) {
      int room = 128 - list.length();
      list.append('\'').append(truncate(args.string(i), room)).append("' ");
    }
    reject(client, null, "ERR unknown command '" + truncate(args.string(0), 128) + "', with args beginning with: " + list);
  }

  private static String truncate(String s, int max) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return b.length <= max ? s : new String(b, 0, max, StandardCharsets.UTF_8);
  }
}
