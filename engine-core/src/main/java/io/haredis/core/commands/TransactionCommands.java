package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.client.MultiState;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.WatchedKeys;
import java.util.Map;

/**
 * MULTI, EXEC, DISCARD, WATCH, UNWATCH (Redis's multi.c). Queueing itself happens in the
 * dispatcher, which knows which commands run at once inside MULTI from the command table.
 */
public final class TransactionCommands {

  static final CommandError NESTED = CommandError.err("MULTI calls can not be nested");
  static final CommandError EXEC_WITHOUT_MULTI = CommandError.err("EXEC without MULTI");
  static final CommandError DISCARD_WITHOUT_MULTI = CommandError.err("DISCARD without MULTI");
  static final CommandError WATCH_IN_MULTI = CommandError.err("WATCH inside MULTI is not allowed");
  static final CommandError EXECABORT =
      new CommandError("EXECABORT Transaction discarded because of previous errors.");

  private TransactionCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("multi", 1, TransactionCommands::multi)
        .flags("noscript loading stale fast allow_busy")
        .acl("@fast @transaction")
        .immediateInMulti()
        .group("transactions").since("1.2.0");
    b.add("exec", 1, TransactionCommands::exec)
        .flags("noscript loading stale skip_slowlog")
        .acl("@slow @transaction")
        .immediateInMulti()
        .group("transactions").since("1.2.0");
    b.add("discard", 1, TransactionCommands::discard)
        .flags("noscript loading stale fast allow_busy")
        .acl("@fast @transaction")
        .immediateInMulti()
        .group("transactions").since("2.0.0");
    b.add("watch", -2, TransactionCommands::watch)
        .flags("noscript loading stale fast allow_busy")
        .acl("@fast @transaction")
        .keys(1, -1, 1, "RO|index:1|range:-1,1,0")
        .immediateInMulti()
        .group("transactions").since("2.2.0");
    b.add("unwatch", 1, TransactionCommands::unwatch)
        .flags("noscript loading stale fast allow_busy")
        .acl("@fast @transaction")
        .group("transactions").since("2.2.0");
  }

  static void multi(Invocation c) {
    if (c.client().multi() != null) {
      throw NESTED;
    }
    c.client().multi(new MultiState());
    c.reply().ok();
  }

  static void discard(Invocation c) {
    if (c.client().multi() == null) {
      throw DISCARD_WITHOUT_MULTI;
    }
    discardTransaction(c);
    c.reply().ok();
  }

  /** Drops the queued commands and the watches (also used by RESET). */
  public static void discardTransaction(Invocation c) {
    c.client().multi(null);
    c.node().watches().unwatchAll(c.client());
  }

  static void watch(Invocation c) {
    ClientState client = c.client();
    if (client.multi() != null) {
      throw WATCH_IN_MULTI;
    }
    WatchedKeys watches = c.node().watches();
    int db = c.db().index();
    for (int i = 1; i < c.argc(); i++) {
      watches.watch(client, db, c.argBytes(i), expiredNow(c.db(), c.argBytes(i), c.now()));
    }
    c.reply().ok();
  }

  static void unwatch(Invocation c) {
    c.node().watches().unwatchAll(c.client());
    c.reply().ok();
  }

  static void exec(Invocation c) {
    ClientState client = c.client();
    MultiState multi = client.multi();
    if (multi == null) {
      throw EXEC_WITHOUT_MULTI;
    }
    WatchedKeys watches = c.node().watches();
    boolean casFailed = client.watchDirty() || watchedKeyExpired(c, watches);
    // The transaction ends here whatever happens next; watches are dropped before running
    // so the transaction's own writes do not count against it.
    client.multi(null);
    watches.unwatchAll(client);
    if (multi.aborted()) {
      throw EXECABORT;
    }
    if (casFailed) {
      c.reply().nullArray();
      return;
    }
    c.reply().arrayLen(multi.commands().size());
    c.node().dispatcher().execQueued(client, multi);
  }

  /**
   * Redis's {@code isWatchedKeyExpired}: a watched key that was alive at WATCH and is logically
   * expired now (even if not yet deleted) counts as modified.
   */
  private static boolean watchedKeyExpired(Invocation c, WatchedKeys watches) {
    for (Map.Entry<Integer, byte[]> k : watches.liveKeysAtWatch(c.client())) {
      if (expiredNow(c.node().db(k.getKey()), k.getValue(), c.now())) {
        return true;
      }
    }
    return false;
  }

  private static boolean expiredNow(Database db, byte[] key, long now) {
    Entry e = db.peek(key, 0, key.length);
    return e != null && e.expireAt() >= 0 && e.expireAt() < now;
  }
}
