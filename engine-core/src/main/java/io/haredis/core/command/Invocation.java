package io.haredis.core.command;

import io.haredis.core.client.ClientState;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.node.KeyspaceNotifier;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;

/**
 * What a handler sees of the command it runs: the arguments (slices of the query buffer), the
 * client, its database, the reply writer and the node. One instance per connection, reused for
 * every command, so running a command allocates nothing here.
 *
 * <h2>Propagation</h2>
 * A handler that changed the dataset calls {@link #dirty()} (or {@link #dirty(long)}); the
 * dispatcher then propagates the request verbatim to the replication log, as Redis does when
 * {@code server.dirty} moved during {@code call()}. A handler whose effect must be logged
 * differently (EXPIRE as PEXPIREAT, SET EX as SET PXAT, INCRBYFLOAT as SET) calls
 * {@link #propagateInstead} with the deterministic form.
 *
 * <h2>Keyspace notifications</h2>
 * A handler publishes its events with {@link #notifyKey} at the point Redis's command calls
 * {@code notifyKeyspaceEvent} (before or after its reply, as there: a RESP3 client subscribed to
 * its own keys sees the same order). {@link #lookupRead} fires {@code keymiss}; {@code new} and
 * {@code expired} come from the keyspace itself (the node's {@code KeyspaceListener}).
 */
public final class Invocation {

  private final ServerNode node;
  private final ClientState client;
  private final RequestArgs args;
  private final KeyspaceNotifier notifier;
  private CommandSpec spec;
  private long dirty;
  private boolean rewritten;
  private boolean preventPropagation;
  private boolean signalsOwnWatches;

  public Invocation(ServerNode node, ClientState client) {
    this.node = node;
    this.client = client;
    this.args = client.args();
    this.notifier = node.notifier();
  }

  void begin(CommandSpec s) {
    this.spec = s;
    this.dirty = 0;
    this.rewritten = false;
    this.preventPropagation = false;
    this.signalsOwnWatches = false;
  }

  public ServerNode node() {
    return node;
  }

  public ClientState client() {
    return client;
  }

  public CommandSpec spec() {
    return spec;
  }

  public ReplyWriter reply() {
    return client.reply();
  }

  public Database db() {
    return client.db();
  }

  /** Time snapshot of this command, Unix ms (expiry is judged against it). */
  public long now() {
    return node.keyspace().now();
  }

  // ---- arguments ------------------------------------------------------------------------

  public RequestArgs args() {
    return args;
  }

  public int argc() {
    return args.argc();
  }

  public byte[] argArray(int i) {
    return args.array(i);
  }

  public int argOffset(int i) {
    return args.offset(i);
  }

  public int argLength(int i) {
    return args.length(i);
  }

  /** A copy of argument {@code i}, for storing. */
  public byte[] argBytes(int i) {
    return args.copy(i);
  }

  /** Argument {@code i} as UTF-8 text. */
  public String argString(int i) {
    return args.string(i);
  }

  /** Whether argument {@code i} is {@code lowerAscii}, ignoring case. */
  public boolean argIs(int i, byte[] lowerAscii) {
    return args.equalsIgnoreCase(i, lowerAscii);
  }

  /** Whether argument {@code i} is {@code word}, ignoring case (admin paths; allocates). */
  public boolean argIs(int i, String word) {
    return argString(i).equalsIgnoreCase(word);
  }

  /**
   * Argument {@code i} as a long.
   *
   * @throws CommandError {@code ERR value is not an integer or out of range}
   */
  public long argLong(int i) {
    return argLong(i, ErrorReply.NOT_INTEGER);
  }

  /** Argument {@code i} as a long, or {@code error}. */
  public long argLong(int i, CommandError error) {
    byte[] a = args.array(i);
    int off = args.offset(i);
    int len = args.length(i);
    if (!Numbers.isLong(a, off, len)) {
      throw error;
    }
    return Numbers.parseLong(a, off, len, 0);
  }

  /** Whether argument {@code i} is a long. */
  public boolean argIsLong(int i) {
    return Numbers.isLong(args.array(i), args.offset(i), args.length(i));
  }

  // ---- keys -----------------------------------------------------------------------------

  /**
   * The live entry of key argument {@code i} for reading (Redis's {@code lookupKeyRead}): counts
   * hits/misses and fires {@code keymiss} when it is absent.
   */
  public Entry lookupRead(int i) {
    Entry e = db().lookupRead(args.array(i), args.offset(i), args.length(i));
    if (e == null) {
      notifyKey(KeyspaceEvent.KEYMISS, i);
    }
    return e;
  }

  /**
   * {@link #lookupRead} without updating the access time (Redis's {@code LOOKUP_NOTOUCH}: EXISTS,
   * TYPE, TTL); still counts hits/misses and fires {@code keymiss}.
   */
  public Entry lookupReadNoTouch(int i) {
    Entry e = db().lookupReadNoTouch(args.array(i), args.offset(i), args.length(i));
    if (e == null) {
      notifyKey(KeyspaceEvent.KEYMISS, i);
    }
    return e;
  }

  /** The live entry of key argument {@code i} for writing. */
  public Entry lookupWrite(int i) {
    return db().lookupWrite(args.array(i), args.offset(i), args.length(i));
  }

  /**
   * Redis's {@code dbDelete} for key argument {@code i} that the command did not look up first
   * (the destination of an empty STORE result): removes the key even when its TTL has passed,
   * as Redis does there, and returns whether it was present.
   */
  public boolean deleteKeyArg(int i) {
    Database db = db();
    Entry e = db.peek(args.array(i), args.offset(i), args.length(i));
    if (e == null) {
      return false;
    }
    db.delete(e);
    return true;
  }

  // ---- keyspace notifications ---------------------------------------------------------

  /**
   * Publishes {@code event} for key argument {@code keyArg} in the client's database. When the
   * event's class is off this is one {@code int} test.
   */
  public void notifyKey(KeyspaceEvent event, int keyArg) {
    if (notifier.enabled(event)) {
      notifier.publish(event, args.array(keyArg), args.offset(keyArg), args.length(keyArg), db().index());
    }
  }

  /** Publishes {@code event} for {@code key} in the client's database. */
  public void notifyKey(KeyspaceEvent event, byte[] key) {
    if (notifier.enabled(event)) {
      notifier.publish(event, key, 0, key.length, db().index());
    }
  }

  /** Publishes {@code event} for {@code key} in {@code db}. */
  public void notifyKey(KeyspaceEvent event, byte[] key, Database db) {
    notifier.notify(event, key, db.index());
  }

  public KeyspaceNotifier notifier() {
    return notifier;
  }

  // ---- blocking -------------------------------------------------------------------------

  /**
   * Whether this command may block: not inside EXEC (there a blocking command answers at once
   * as if it had timed out, as in Redis).
   */
  public boolean mayBlock() {
    return !node.dispatcher().inExec();
  }

  /**
   * Blocks the client on the keys at {@code keyIndexes} until one holds {@code wakeOn}, the
   * deadline passes ({@code deadlineMillis}, 0 for never) or CLIENT UNBLOCK. The command then
   * runs again from the start. A command that was already blocked keeps its first deadline.
   * Nothing is replied now.
   */
  public void block(int[] keyIndexes, io.haredis.core.type.ValueType wakeOn, long deadlineMillis,
      io.haredis.core.client.BlockState.TimeoutReply timeoutReply) {
    java.util.List<java.nio.ByteBuffer> keys = new java.util.ArrayList<>(keyIndexes.length);
    for (int i : keyIndexes) {
      java.nio.ByteBuffer k = java.nio.ByteBuffer.wrap(argBytes(i));
      if (!keys.contains(k)) {
        keys.add(k);
      }
    }
    byte[][] argv = new byte[argc()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = argBytes(i);
    }
    long deadline = client.resumedDeadline() >= 0 ? client.resumedDeadline() : deadlineMillis;
    node.blocking().block(client, new io.haredis.core.client.BlockState(spec, argv, db().index(), keys, wakeOn,
        deadline, timeoutReply));
  }

  /**
   * Whether key argument {@code i} is to be passed over because this run serves a blocked
   * command for another key (see {@link ClientState#servedKey}): a BLPOP on {@code a b} woken
   * by a push to {@code b} pops from {@code b}, as in Redis, even if {@code a} got an element
   * in the same transaction.
   */
  public boolean servingAnotherKey(int i) {
    byte[] k = client.servedKey();
    int off = args.offset(i);
    return k != null && !java.util.Arrays.equals(k, 0, k.length, args.array(i), off, off + args.length(i));
  }

  // ---- propagation ----------------------------------------------------------------------

  /** Records one change to the dataset. */
  public void dirty() {
    dirty++;
  }

  /** Records {@code n} changes to the dataset. */
  public void dirty(long n) {
    dirty += n;
  }

  public long dirtyCount() {
    return dirty;
  }

  /** Propagates {@code argv} instead of the request (deterministic rewrite). */
  public void propagateInstead(byte[]... argv) {
    rewritten = true;
    node.propagator().add(db().index(), argv);
  }

  /** Propagates {@code argv} in addition (Redis's {@code alsoPropagate}). */
  public void alsoPropagate(int db, byte[]... argv) {
    node.propagator().add(db, argv);
  }

  /**
   * This request signals WATCH for the keys it changed itself (a key written in another
   * database, as COPY ... DB does), so the dispatcher must not infer them from the key specs.
   */
  public void signalsOwnWatches() {
    signalsOwnWatches = true;
  }

  boolean signalsOwnWatchesSet() {
    return signalsOwnWatches;
  }

  /** Keeps this command out of the replication log even though it changed data. */
  public void preventPropagation() {
    preventPropagation = true;
  }

  boolean propagatesVerbatim() {
    return dirty > 0 && !rewritten && !preventPropagation;
  }

  /** ASCII bytes of a literal, for {@link #propagateInstead}. */
  public static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
