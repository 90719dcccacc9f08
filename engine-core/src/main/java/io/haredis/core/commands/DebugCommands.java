package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * DEBUG (Redis's debug.c): the subcommands tests and tools rely on. DIGEST and DIGEST-VALUE
 * compute Redis's own dataset digest ({@link DatasetDigest}), SLEEP blocks the node as Redis
 * does, SET-ACTIVE-EXPIRE switches the cron's expiry cycle, OBJECT describes a value in
 * Redis's line format. DEBUG is one command with an argument-dispatched body, not a container,
 * exactly as in Redis 7.0 (COMMAND INFO shows no subcommands for it).
 */
public final class DebugCommands {

  private static final byte[] HELP = ascii("help");
  private static final byte[] DIGEST = ascii("digest");
  private static final byte[] DIGEST_VALUE = ascii("digest-value");
  private static final byte[] SLEEP = ascii("sleep");
  private static final byte[] SET_ACTIVE_EXPIRE = ascii("set-active-expire");
  private static final byte[] OBJECT = ascii("object");
  private static final byte[] RELOAD = ascii("reload");
  private static final byte[] MERGE = ascii("merge");
  private static final byte[] NOFLUSH = ascii("noflush");
  private static final byte[] NOSAVE = ascii("nosave");
  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DebugCommands.class);

  /** Redis's OBJ_SHARED_REFCOUNT: small integers are shared objects in Redis. */
  private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
  /** Redis's OBJ_SHARED_INTEGERS: values below it are shared (refcount above). */
  private static final long SHARED_INTEGERS = 10000;
  /** Redis's LRU_CLOCK_MAX: the 24-bit seconds clock DEBUG OBJECT prints as {@code lru}. */
  private static final long LRU_CLOCK_MAX = (1 << 24) - 1;

  private static final String[] HELP_LINES = {
    "DIGEST",
    "    Print a 40 hex digit signature of the whole dataset (all databases).",
    "DIGEST-VALUE <key> [<key> ...]",
    "    Print one signature per key, computed over the key's value and TTL presence.",
    "OBJECT <key>",
    "    Describe the value stored at <key>: encoding, serialized length, LRU clock.",
    "RELOAD [MERGE] [NOFLUSH] [NOSAVE]",
    "    Write the RDB file, empty the dataset and load the file back. NOFLUSH keeps the",
    "    current keys (a key in both then fails the load), MERGE lets the file's key win,",
    "    NOSAVE loads the file already on disk without writing it first.",
    "SET-ACTIVE-EXPIRE <0|1>",
    "    0 stops the background expiry cycle (keys then expire only when accessed); 1 restarts it.",
    "SLEEP <seconds>",
    "    Block the server for <seconds> (fractions allowed); no command runs meanwhile.",
  };

  private DebugCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("debug", -2, DebugCommands::debug)
        .flags("admin noscript loading stale protected")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
  }

  static void debug(Invocation c) {
    int argc = c.argc();
    if (argc == 2 && c.argIs(1, HELP)) {
      help(c);
    } else if (argc == 2 && c.argIs(1, DIGEST)) {
      c.reply().simple(DatasetDigest.hex(DatasetDigest.dataset(c.node().keyspace())));
    } else if (c.argIs(1, DIGEST_VALUE)) {
      digestValue(c);
    } else if (argc == 3 && c.argIs(1, OBJECT)) {
      object(c);
    } else if (c.argIs(1, RELOAD)) {
      reload(c);
    } else if (argc == 3 && c.argIs(1, SLEEP)) {
      sleep(c);
    } else if (argc == 3 && c.argIs(1, SET_ACTIVE_EXPIRE)) {
      c.node().keyspace().activeExpireEnabled(atoi(c.argString(2)) != 0);
      c.reply().ok();
    } else {
      throw subcommandSyntaxError(c);
    }
  }

  /**
   * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: save (unless NOSAVE), empty the dataset (unless
   * NOFLUSH), load the file back (MERGE lets loaded keys replace existing ones), all on the loop.
   */
  private static void reload(Invocation c) {
    boolean merge = false;
    boolean flush = true;
    boolean save = true;
    for (int j = 2; j < c.argc(); j++) {
      if (c.argIs(j, MERGE)) {
        merge = true;
      } else if (c.argIs(j, NOFLUSH)) {
        flush = false;
      } else if (c.argIs(j, NOSAVE)) {
        save = false;
      } else {
        throw new CommandError("ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.");
      }
    }
    io.haredis.core.node.ServerNode node = c.node();
    if (save && !node.rdb().saveNow()) {
      throw new CommandError("ERR");
    }
    if (flush) {
      node.keyspace().flushAll();
    }
    java.nio.file.Path file = java.nio.file.Path.of(node.settings().dir).resolve(node.settings().dbfilename);
    try {
      io.haredis.core.persist.RdbLoading.loadNow(node, file, merge);
    } catch (java.io.IOException e) {
      log.warn("DEBUG RELOAD failed: {}", e.getMessage());
      throw new CommandError("ERR Error trying to load the RDB dump, check server logs.");
    }
    log.warn("DB reloaded by DEBUG RELOAD");
    c.reply().ok();
  }

  /** Redis's addReplySubcommandSyntaxError text. */
  static CommandError subcommandSyntaxError(Invocation c) {
    String sub = c.argString(1);
    byte[] b = sub.getBytes(StandardCharsets.UTF_8);
    if (b.length > 128) {
      sub = new String(b, 0, 128, StandardCharsets.UTF_8);
    }
    return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + sub + "'. Try "
        + c.argString(0).toUpperCase(Locale.ROOT) + " HELP.");
  }

  /** Redis's addReplyHelp framing: a header line, the lines, then HELP's own entry. */
  static void replyHelp(Invocation c, String[] lines) {
    ReplyWriter r = c.reply();
    r.arrayLen(lines.length + 3);
    r.simple(c.argString(0).toUpperCase(Locale.ROOT) + " <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
    for (String l : lines) {
      r.simple(l);
    }
    r.simple("HELP");
    r.simple("    Prints this help.");
  }

  private static void help(Invocation c) {
    replyHelp(c, HELP_LINES);
  }

  private static void digestValue(Invocation c) {
    ReplyWriter r = c.reply();
    r.arrayLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      // Like Redis, look at the stored entry: a logically expired key still has a digest.
      Entry e = c.db().peek(c.argArray(i), c.argOffset(i), c.argLength(i));
      r.simple(DatasetDigest.hex(DatasetDigest.value(e)));
    }
  }

  private static void object(Invocation c) {
    Entry e = c.db().peek(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (e == null) {
      throw ErrorReply.NO_SUCH_KEY;
    }
    RedisValue v = e.value();
    int refcount = 1;
    if (v instanceof StringValue s && s.isInt() && s.longValue() >= 0 && s.longValue() < SHARED_INTEGERS) {
      refcount = SHARED_REFCOUNT;
    }
    // Redis prints the 24-bit field as it is (an LFU field too) and reads it as an LRU clock.
    long lru = e.accessField() & LRU_CLOCK_MAX;
    long clock = (c.now() / 1000) & LRU_CLOCK_MAX;
    long idle = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
    c.reply().simple("Value at:0x" + Long.toHexString(0x7f0000000000L | (System.identityHashCode(v) & 0xffffffffL) << 4)
        + " refcount:" + refcount
        + " encoding:" + v.encoding()
        + " serializedlength:" + DumpCommands.serializedLength(c.node(), v)
        + " lru:" + lru
        + " lru_seconds_idle:" + idle);
  }

  private static void sleep(Invocation c) {
    double seconds = strtod(c.argString(2));
    long nanos = (long) (seconds * 1_000_000) * 1000L;
    if (nanos > 0) {
      // DEBUG SLEEP exists to freeze the server: Redis calls nanosleep on its only thread, so no
      // other client, cron job or replica is served until it returns. Tests use it to provoke
      // timeouts, failovers and pile-ups of pipelined requests. This is therefore the one place
      // where node code deliberately blocks its loop; parkNanos may wake early, so loop until
      // the deadline, measured on the node's clock. A simulated clock does not move while we
      // park: then one park of the full duration is all there is to do.
      var clock = c.node().context().clock();
      long deadline = clock.nanoTime() + nanos;
      long left = nanos;
      while (left > 0) {
        long before = clock.nanoTime();
        LockSupport.parkNanos(left);
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          break;
        }
        long after = clock.nanoTime();
        if (after == before) {
          break;
        }
        left = deadline - after;
      }
    }
    c.reply().ok();
  }

  /** C's strtod: the longest numeric prefix, 0 when there is none. */
  static double strtod(String s) {
    var m = java.util.regex.Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?").matcher(s);
    if (!m.find()) {
      return 0;
    }
    try {
      return Double.parseDouble(m.group().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** C's atoi: the leading decimal integer, 0 when there is none. */
  static long atoi(String s) {
    var m = java.util.regex.Pattern.compile("^\\s*[+-]?\\d+").matcher(s);
    if (!m.find()) {
      return 0;
    }
    try {
      return Long.parseLong(m.group().trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
