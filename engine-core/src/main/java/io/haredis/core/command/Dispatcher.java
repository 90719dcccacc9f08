package io.haredis.core.command;

import io.haredis.api.time.Clock;
import io.haredis.core.client.ClientState;
import io.haredis.core.client.MultiState;
import io.haredis.core.commands.CommandKeys;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final ServerNode node;
  private final CommandTable table;
  private final CommandStats[] stats;
  private final Clock clock;
  private int callDepth;
  private int loaderCalls;

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
    // MISCONF: the last BGSAVE failed (stop-writes-on-bgsave-error), or the AOF cannot be written.
    String diskError = node.rdb().writesDenied() ? MISCONF : node.aof().writeDeniedError();
    if (diskError != null && deniedOnDiskError(client, spec)) {
      reject(client, spec, diskError);
      return Outcome.DONE;
    }
    if (!client.reply().resp3() && client.subscribed() && !spec.allowedWhileSubscribed()) {
      reject(client, spec, "ERR Can't execute '" + spec.fullName()
          + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
      return Outcome.DONE;
    }
    if (node.loading() && !spec.has(CommandFlag.LOADING)) {
      reject(client, spec, LOADING);
      return Outcome.DONE;
    }
    MultiState multi = client.multi();
    if (multi != null && spec.has(CommandFlag.NO_MULTI)) {
      reject(client, spec, NOT_IN_MULTI);
      return Outcome.DONE;
    }
    if (node.pauses().mustPostpone(client, spec)) {
      return Outcome.POSTPONED;
    }
    if (multi != null && !spec.immediateInMulti()) {
      multi.queue(spec, copyArgs(args));
      client.reply().raw(QUEUED);
      return Outcome.DONE;
    }
    call(client, inv, spec);
    if (callDepth == 0 && node.blocking().hasReadyKeys()) {
      node.blocking().serveReadyKeys(); // as Redis does right after the command that made them ready
    }
    return Outcome.DONE;
  }

  /** Runs a blocked client's command again now that one of its keys is ready. */
  public void callBlocked(ClientState client, Invocation inv, CommandSpec spec) {
    call(client, inv, spec);
  }

  /**
   * Whether a command is running inside EXEC, or for the AOF loader: blocking commands then do
   * not block (the loader's fake client is CLIENT_DENY_BLOCKING in Redis).
   */
  public boolean inExec() {
    return callDepth > 1 || loaderCalls > 0;
  }

  /**
   * Runs a command for the AOF loader's fake client, as Redis's {@code loadSingleAppendOnlyFile}
   * calls the command's proc directly: none of {@code processCommand}'s gates, and no command
   * statistics, slowlog or MONITOR feed. Propagation is suppressed by the loader.
   */
  public void callAsLoader(ClientState client, Invocation inv, CommandSpec spec) {
    loaderCalls++;
    try {
      call(client, inv, spec);
    } finally {
      loaderCalls--;
    }
  }

  private static final String MISCONF = "MISCONF Redis is configured to save RDB snapshots, but it's currently unable to "
      + "persist to disk. Commands that may modify the data set are disabled, because this instance is configured to "
      + "report errors during writes if RDB snapshotting fails (stop-writes-on-bgsave-error option). Please check the "
      + "Redis logs for details about the RDB error.";
  private static final String LOADING = "LOADING Redis is loading the dataset in memory";

  /** Redis refuses writes, PING, and an EXEC with queued writes while the disk is failing. */
  private static boolean deniedOnDiskError(ClientState client, CommandSpec spec) {
    if (spec.has(CommandFlag.WRITE) || spec.fullName().equals("ping")) {
      return true;
    }
    MultiState multi = client.multi();
    if (multi != null && spec.fullName().equals("exec")) {
      for (MultiState.Queued q : multi.commands()) {
        if (q.spec().has(CommandFlag.WRITE)) {
          return true;
        }
      }
    }
    return false;
  }

  private static final String NOT_IN_MULTI = "ERR Command not allowed inside a transaction";
  private static final byte[] QUEUED = "+QUEUED\r\n".getBytes(StandardCharsets.US_ASCII);

  private static byte[][] copyArgs(RequestArgs args) {
    byte[][] argv = new byte[args.argc()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = args.copy(i);
    }
    return argv;
  }

  /**
   * Runs the queued commands of a transaction, each through {@link #call}, with time frozen at
   * EXEC's start (a key cannot expire half-way through a transaction). The caller (EXEC) has
   * written the array header and runs inside its own propagation unit, so the writes reach the
   * replication log together, wrapped in MULTI/EXEC when there is more than one.
   */
  public void execQueued(ClientState client, MultiState multi) {
    Invocation inner = new Invocation(node, client);
    RequestArgs args = client.args();
    for (MultiState.Queued q : multi.commands()) {
      args.set(q.argv());
      client.lastCommand(q.spec().fullName());
      call(client, inner, q.spec());
    }
    args.set(EXEC_ARGV); // EXEC's own bookkeeping (slowlog, MONITOR) sees EXEC again
  }

  private static final byte[][] EXEC_ARGV = {"EXEC".getBytes(StandardCharsets.US_ASCII)};

  /** Redis's {@code call()}: run, time, count, propagate. */
  void call(ClientState client, Invocation inv, CommandSpec spec) {
    if (callDepth++ == 0) {
      node.keyspace().refreshNow(); // nested calls (EXEC's commands) share the outer instant
    }
    if (client.replyMode() == ReplyMode.SKIP_NEXT) {
      client.replyMode(ReplyMode.SKIP);
    }
    ReplyMode mode = client.replyMode();
    client.reply().suppressed(mode == ReplyMode.OFF || mode == ReplyMode.SKIP);
    long errorsBefore = client.errorReplies();
    CommandStats st = stats[spec.id()];
    WatchProbe probe = node.watches().any() && spec.has(CommandFlag.WRITE) ? WatchProbe.before(node, client, spec) : null;
    node.propagator().begin();
    long start = clock.nanoTime();
    try {
      inv.begin(spec);
      spec.handler().handle(inv);
    } catch (CommandError e) {
      client.reply().error(e.reply());
    } catch (RuntimeException e) {
      // A bug in one command must not take the node down or unbalance its state: log it, tell
      // the client, and carry on with whatever the handler managed to do.
      log.error("Command {} failed with an unexpected exception", spec.fullName(), e);
      client.reply().error("ERR internal error while running '" + spec.fullName() + "': " + e);
    } finally {
      long micros = (clock.nanoTime() - start) / 1000;
      try {
        if (inv.propagatesVerbatim()) {
          node.propagator().addVerbatim(client.db().index(), client.args());
        }
        node.addDirty(inv.dirtyCount());
        if (probe != null && inv.dirtyCount() > 0 && !inv.signalsOwnWatchesSet()) {
          probe.touchChanged(node, client);
        }
      } finally {
        node.propagator().end();
        callDepth--;
      }
      if (loaderCalls == 0) {
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
      }
      if (mode == ReplyMode.SKIP && client.replyMode() == ReplyMode.SKIP) {
        client.replyMode(ReplyMode.ON); // SKIP covers exactly one command
      }
      client.reply().suppressed(false);
    }
  }

  /**
   * The watched keys a write command may change, and whether each existed before it ran. Redis
   * signals exactly the keys a command modified; from outside the handler, a key the command
   * may write counts as modified when it existed before or exists after (so {@code DEL a b}
   * with only {@code b} present leaves a watch on {@code a} intact). Built only while someone
   * watches.
   */
  private record WatchProbe(java.util.List<byte[]> keys, boolean[] existed) {

    static WatchProbe before(ServerNode node, ClientState client, CommandSpec spec) {
      RequestArgs args = client.args();
      java.util.List<byte[]> argv = new java.util.ArrayList<>(args.argc());
      for (int i = 0; i < args.argc(); i++) {
        argv.add(args.copy(i));
      }
      java.util.List<byte[]> keys = new java.util.ArrayList<>();
      for (CommandKeys.KeyRef k : CommandKeys.writtenKeys(spec, argv)) {
        keys.add(argv.get(k.pos()));
      }
      boolean[] existed = new boolean[keys.size()];
      for (int i = 0; i < existed.length; i++) {
        byte[] key = keys.get(i);
        existed[i] = client.db().peek(key, 0, key.length) != null;
      }
      return new WatchProbe(keys, existed);
    }

    void touchChanged(ServerNode node, ClientState client) {
      for (int i = 0; i < existed.length; i++) {
        byte[] key = keys.get(i);
        if (existed[i] || client.db().peek(key, 0, key.length) != null) {
          node.watches().touch(client.db(), key, 0, key.length);
        }
      }
    }
  }

  private void reject(ClientState client, CommandSpec spec, String error) {
    if (client.multi() != null) {
      client.multi().abort(); // a refused command dooms the transaction: EXEC says EXECABORT
    }
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
