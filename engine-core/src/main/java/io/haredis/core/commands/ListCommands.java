package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.ListEnd;
import io.haredis.core.type.ListValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * List commands (Redis's t_list.c), non-blocking ones, with Redis 7.0.15's replies, errors and
 * propagation. The data structure is {@link ListValue}.
 *
 * <h2>Argument order</h2>
 * Redis checks arguments and the key in a per-command order that shows in error replies, and we
 * keep it: LRANGE, LTRIM and LREM parse their numbers before looking the key up (a bad number
 * wins over a missing key); LINDEX and LSET look the key up first (LINDEX on a missing key with a
 * bad index is nil, LSET on a missing key is {@code no such key}); LPOP/RPOP parse the count
 * before the lookup; LPOS parses every option first.
 *
 * <h2>Propagation</h2>
 * Pushes, LPOP/RPOP, LSET, LTRIM, LREM, LINSERT, LMOVE and RPOPLPUSH propagate verbatim when they
 * changed the list, and not at all otherwise (LPUSHX on a missing key, LTRIM that removes nothing,
 * LREM without a match, LINSERT without the pivot, a pop of count 0). LMPOP propagates as
 * {@code LPOP key n} or {@code RPOP key n}, n being the number actually popped, as 7.0's
 * {@code mpopGenericCommand} rewrites it.
 *
 * <h2>For the blocking commands</h2>
 * BLPOP/BRPOP/BLMPOP and BLMOVE/BRPOPLPUSH reuse {@link #pop} (pop up to {@code count} at one
 * end, reply in one of the {@link PopReply} shapes, delete the emptied key, propagate as
 * {@code LPOP}/{@code RPOP}) and {@link #move} (pop at one end of a source, push at one end of a
 * destination, creating it). Neither looks at the command being run, so they work for a client
 * served after it was blocked. An emptied list is deleted by them, never left under its key.
 * Redis 7.0's forms, for reference: BLPOP/BRPOP served (at once or later) log {@code LPOP key} /
 * {@code RPOP key} ({@code pop(c, e, end, 1, KEY_AND_ELEMENT, true)}); BLMPOP logs
 * {@code LPOP key n} ({@code pop(c, e, end, count, KEY_AND_ARRAY, true)}); BLMOVE logs
 * {@code LMOVE src dst from to} and BRPOPLPUSH logs {@code RPOPLPUSH src dst} (after
 * {@link #move}, reply the element with a bulk). A sketch of a BLPOP handler:
 *
 * <pre>{@code
 * for (int k = 1; k < c.argc() - 1; k++) {
 *   Entry e = c.lookupWrite(k);
 *   if (e != null && !ListCommands.listOf(e).isEmpty()) {   // listOf throws WRONGTYPE
 *     ListCommands.pop(c, e, ListEnd.HEAD, 1, PopReply.KEY_AND_ELEMENT, true);
 *     return;
 *   }
 * }
 * // else block the client on the keys ...
 * }</pre>
 *
 * Every command here that creates a list key does it through {@code Database.add} (LPUSH and
 * RPUSH for their key, LMOVE, RPOPLPUSH and {@link #move} for the destination); that is where
 * Redis 7.0 signals a key as ready for blocked clients ({@code dbAdd} calls
 * {@code signalKeyAsReady}), so one hook there covers every list command.
 */
public final class ListCommands {

  private ListCommands() {}

  // Words.
  private static final byte[] LEFT = Invocation.ascii("left");
  private static final byte[] RIGHT = Invocation.ascii("right");
  private static final byte[] BEFORE = Invocation.ascii("before");
  private static final byte[] AFTER = Invocation.ascii("after");
  private static final byte[] RANK = Invocation.ascii("rank");
  private static final byte[] COUNT = Invocation.ascii("count");
  private static final byte[] MAXLEN = Invocation.ascii("maxlen");
  private static final byte[] LPOP_W = Invocation.ascii("LPOP");
  private static final byte[] RPOP_W = Invocation.ascii("RPOP");

  // Errors.
  private static final CommandError MUST_BE_POSITIVE =
      new CommandError("ERR value is out of range, must be positive");
  private static final CommandError LPOP_ARITY = ErrorReply.wrongArity("lpop");
  private static final CommandError RPOP_ARITY = ErrorReply.wrongArity("rpop");
  private static final CommandError RANK_ZERO = new CommandError(
      "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use"
          + " negative to start from the end of the list");
  private static final CommandError COUNT_NEGATIVE = new CommandError("ERR COUNT can't be negative");
  private static final CommandError MAXLEN_NEGATIVE = new CommandError("ERR MAXLEN can't be negative");
  private static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
  private static final CommandError COUNT_GT0 = new CommandError("ERR count should be greater than 0");

  /** How {@link #pop} replies. */
  public enum PopReply {
    /** One bulk string (LPOP key). Pops exactly one element. */
    SINGLE,
    /** An array of the popped elements (LPOP key count). */
    ARRAY,
    /** {@code [key, element]} (BLPOP/BRPOP). Pops exactly one element. */
    KEY_AND_ELEMENT,
    /** {@code [key, [elements...]]} (LMPOP/BLMPOP). */
    KEY_AND_ARRAY
  }

  public static void register(CommandTable.Builder b) {
    b.add("lpush", -3, ListCommands::lpush)
        .flags("write denyoom fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("rpush", -3, ListCommands::rpush)
        .flags("write denyoom fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("lpushx", -3, ListCommands::lpushx)
        .flags("write denyoom fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("list").since("2.2.0");
    b.add("rpushx", -3, ListCommands::rpushx)
        .flags("write denyoom fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("list").since("2.2.0");
    b.add("lpop", -2, ListCommands::lpop)
        .flags("write fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("rpop", -2, ListCommands::rpop)
        .flags("write fast")
        .acl("@write @list @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("llen", 2, ListCommands::llen)
        .flags("readonly fast")
        .acl("@read @list @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("lindex", 3, ListCommands::lindex)
        .flags("readonly")
        .acl("@read @list @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("lset", 4, ListCommands::lset)
        .flags("write denyoom")
        .acl("@write @list @slow")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("lrange", 4, ListCommands::lrange)
        .flags("readonly")
        .acl("@read @list @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("ltrim", 4, ListCommands::ltrim)
        .flags("write")
        .acl("@write @list @slow")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("lrem", 4, ListCommands::lrem)
        .flags("write")
        .acl("@write @list @slow")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("list").since("1.0.0");
    b.add("linsert", 5, ListCommands::linsert)
        .flags("write denyoom")
        .acl("@write @list @slow")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("list").since("2.2.0");
    b.add("lpos", -3, ListCommands::lpos)
        .flags("readonly")
        .acl("@read @list @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("list").since("6.0.6");
    b.add("lmove", 5, ListCommands::lmove)
        .flags("write denyoom")
        .acl("@write @list @slow")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "RW insert|index:2|range:0,1,0")
        .group("list").since("6.2.0");
    b.add("rpoplpush", 3, ListCommands::rpoplpush)
        .flags("write denyoom")
        .acl("@write @list @slow")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "RW insert|index:2|range:0,1,0")
        .group("list").since("1.2.0");
    b.add("lmpop", -4, ListCommands::lmpop)
        .flags("write movablekeys")
        .acl("@write @list @slow")
        .keys(0, 0, 0, "RW access delete|index:1|keynum:0,1,1")
        .group("list").since("7.0.0");
  }

  // ---- shared helpers (also for the blocking commands) -----------------------------------

  /**
   * The list held by {@code e}.
   *
   * @throws CommandError WRONGTYPE when {@code e} holds another type
   */
  public static ListValue listOf(Entry e) {
    if (e.value() instanceof ListValue l) {
      return l;
    }
    throw ErrorReply.WRONGTYPE;
  }

  /**
   * Pops from the list under {@code e} (in {@code c}'s database) at {@code end}, replies, deletes
   * the key if the list became empty and marks the dataset dirty.
   *
   * <p>{@code count} elements are popped, or all of them when the list is shorter; it is ignored
   * (one element) for {@link PopReply#SINGLE} and {@link PopReply#KEY_AND_ELEMENT}. With
   * {@code rewrite}, the command is propagated instead as {@code LPOP key} (single shapes) or
   * {@code LPOP key n} (array shapes, n = elements actually popped), {@code RPOP} for the tail,
   * which is how Redis 7.0 logs BLPOP, BRPOP, LMPOP and BLMPOP; without it the request
   * propagates verbatim (LPOP, RPOP).
   *
   * @param e a live entry holding a non-empty list (type already checked with {@link #listOf})
   * @param count at least 1
   * @return the number of elements popped
   */
  public static long pop(Invocation c, Entry e, ListEnd end, long count, PopReply shape,
      boolean rewrite) {
    ListValue l = (ListValue) e.value();
    assert l.size() > 0 && count > 0;
    boolean single = shape == PopReply.SINGLE || shape == PopReply.KEY_AND_ELEMENT;
    long n = single ? 1 : Math.min(count, l.size());
    ReplyWriter r = c.reply();
    byte[] key = e.key();
    switch (shape) {
      case SINGLE -> r.bulk(l.pop(end));
      case KEY_AND_ELEMENT -> {
        r.arrayLen(2);
        r.bulk(key);
        r.bulk(l.pop(end));
      }
      case ARRAY, KEY_AND_ARRAY -> {
        if (shape == PopReply.KEY_AND_ARRAY) {
          r.arrayLen(2);
          r.bulk(key);
        }
        r.arrayLen(n);
        for (long i = 0; i < n; i++) {
          r.bulk(l.pop(end));
        }
      }
    }
    c.notifyKey(end == ListEnd.HEAD ? KeyspaceEvent.LPOP : KeyspaceEvent.RPOP, key);
    if (l.isEmpty()) {
      c.db().delete(e);
      c.notifyKey(KeyspaceEvent.DEL, key);
    }
    c.dirty();
    if (rewrite) {
      c.propagateInstead(popCommand(end, key, single ? -1 : n));
    }
    return n;
  }

  /**
   * The command a pop is logged as: {@code LPOP key} / {@code RPOP key} when {@code count < 0},
   * else {@code LPOP key count} / {@code RPOP key count}. For code that propagates a pop itself,
   * e.g. with {@link Invocation#alsoPropagate} when serving a blocked client outside its own
   * command call.
   */
  public static byte[][] popCommand(ListEnd end, byte[] key, long count) {
    byte[] word = end == ListEnd.HEAD ? LPOP_W : RPOP_W;
    if (count < 0) {
      return new byte[][] {word, key};
    }
    return new byte[][] {word, key, Long.toString(count).getBytes(StandardCharsets.US_ASCII)};
  }

  /**
   * Moves one element: pops it at {@code from} of the list under {@code src} and pushes it at
   * {@code to} of the list under {@code dstKey} in {@code c}'s database, creating that list when
   * the key is missing and deleting the source key when it empties (the same key as source and
   * destination rotates the list). Marks the dataset dirty and replies the element (between the
   * push and pop notifications, where Redis's {@code lmoveHandlePush} replies); does not
   * propagate (LMOVE and RPOPLPUSH propagate verbatim; a served BLMOVE/BRPOPLPUSH should
   * propagate {@code LMOVE src dst LEFT|RIGHT LEFT|RIGHT} / {@code RPOPLPUSH src dst}).
   *
   * @param src a live entry holding a non-empty list (type already checked)
   * @param dstKey the destination key (copied if a new key is created)
   * @return the element moved
   * @throws CommandError WRONGTYPE when the destination holds another type; nothing moves then
   */
  public static byte[] move(Invocation c, Entry src, byte[] dstKey, ListEnd from, ListEnd to) {
    return move(c, src, dstKey, 0, dstKey.length, from, to);
  }

  private static byte[] move(Invocation c, Entry src, byte[] dk, int off, int len, ListEnd from,
      ListEnd to) {
    Database db = c.db();
    Entry dst = db.lookupWrite(dk, off, len);
    ListValue dl = dst == null ? null : listOf(dst);
    ListValue sl = (ListValue) src.value();
    assert sl.size() > 0;
    byte[] v = sl.pop(from);
    if (dl == null) {
      dl = new ListValue();
      dl.push(to, v);
      db.add(Arrays.copyOfRange(dk, off, off + len), dl);
    } else {
      dl.push(to, v);
    }
    // Redis's order (lmoveHandlePush): the push on the destination, the reply, then the pop
    // and the deletion of the source.
    c.notifier().notify(to == ListEnd.HEAD ? KeyspaceEvent.LPUSH : KeyspaceEvent.RPUSH, dk, off, len, db.index());
    c.reply().bulk(v);
    c.notifyKey(from == ListEnd.HEAD ? KeyspaceEvent.LPOP : KeyspaceEvent.RPOP, src.key());
    if (sl.isEmpty()) {
      db.delete(src);
      c.notifyKey(KeyspaceEvent.DEL, src.key());
    }
    c.dirty();
    return v;
  }

  // ---- pushes ---------------------------------------------------------------------------

  static void lpush(Invocation c) {
    push(c, ListEnd.HEAD, false);
  }

  static void rpush(Invocation c) {
    push(c, ListEnd.TAIL, false);
  }

  static void lpushx(Invocation c) {
    push(c, ListEnd.HEAD, true);
  }

  static void rpushx(Invocation c) {
    push(c, ListEnd.TAIL, true);
  }

  private static void push(Invocation c, ListEnd end, boolean onlyIfExists) {
    Entry e = c.lookupWrite(1);
    ListValue l;
    if (e == null) {
      if (onlyIfExists) {
        c.reply().integer(0);
        return;
      }
      l = new ListValue();
      c.db().add(c.argBytes(1), l);
    } else {
      l = listOf(e);
    }
    int argc = c.argc();
    for (int j = 2; j < argc; j++) {
      l.push(end, c.argBytes(j));
    }
    c.reply().integer(l.size());
    c.dirty(argc - 2);
    c.notifyKey(end == ListEnd.HEAD ? KeyspaceEvent.LPUSH : KeyspaceEvent.RPUSH, 1);
  }

  // ---- pops -----------------------------------------------------------------------------

  static void lpop(Invocation c) {
    popCommand(c, ListEnd.HEAD, LPOP_ARITY);
  }

  static void rpop(Invocation c) {
    popCommand(c, ListEnd.TAIL, RPOP_ARITY);
  }

  private static void popCommand(Invocation c, ListEnd end, CommandError arity) {
    if (c.argc() > 3) {
      throw arity;
    }
    boolean hasCount = c.argc() == 3;
    long count = 0;
    if (hasCount) {
      count = c.argLong(2, MUST_BE_POSITIVE);
      if (count < 0) {
        throw MUST_BE_POSITIVE;
      }
    }
    Entry e = c.lookupWrite(1);
    if (e == null) {
      if (hasCount) {
        c.reply().nullArray();
      } else {
        c.reply().nullBulk();
      }
      return;
    }
    listOf(e);
    if (hasCount && count == 0) {
      c.reply().arrayLen(0);
      return;
    }
    pop(c, e, end, hasCount ? count : 1, hasCount ? PopReply.ARRAY : PopReply.SINGLE, false);
  }

  static void lmpop(Invocation c) {
    int argc = c.argc();
    long numkeys = c.argLong(1, NUMKEYS);
    if (numkeys < 1) {
      throw NUMKEYS;
    }
    if (numkeys >= argc - 2) {
      throw ErrorReply.SYNTAX;
    }
    int whereIdx = (int) numkeys + 2;
    ListEnd end = parseEnd(c, whereIdx);
    long count = -1;
    for (int j = whereIdx + 1; j < argc; j++) {
      if (count == -1 && c.argIs(j, COUNT) && j + 1 < argc) {
        j++;
        count = c.argLong(j, COUNT_GT0);
        if (count < 1) {
          throw COUNT_GT0;
        }
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    if (count == -1) {
      count = 1;
    }
    for (int k = 2; k < whereIdx; k++) {
      Entry e = c.lookupWrite(k);
      if (e == null) {
        continue;
      }
      if (listOf(e).isEmpty()) {
        continue;
      }
      pop(c, e, end, count, PopReply.KEY_AND_ARRAY, true);
      return;
    }
    c.reply().nullArray();
  }

  static void lmove(Invocation c) {
    ListEnd from = parseEnd(c, 3);
    ListEnd to = parseEnd(c, 4);
    moveCommand(c, from, to);
  }

  static void rpoplpush(Invocation c) {
    moveCommand(c, ListEnd.TAIL, ListEnd.HEAD);
  }

  private static void moveCommand(Invocation c, ListEnd from, ListEnd to) {
    Entry src = c.lookupWrite(1);
    if (src == null || listOf(src).isEmpty()) {
      c.reply().nullBulk();
      return;
    }
    move(c, src, c.argArray(2), c.argOffset(2), c.argLength(2), from, to);
  }

  private static ListEnd parseEnd(Invocation c, int i) {
    if (c.argIs(i, LEFT)) {
      return ListEnd.HEAD;
    }
    if (c.argIs(i, RIGHT)) {
      return ListEnd.TAIL;
    }
    throw ErrorReply.SYNTAX;
  }

  // ---- reads ----------------------------------------------------------------------------

  static void llen(Invocation c) {
    Entry e = c.lookupRead(1);
    c.reply().integer(e == null ? 0 : listOf(e).size());
  }

  static void lindex(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    ListValue l = listOf(e);
    long index = c.argLong(2);
    if (index < 0) {
      index += l.size();
    }
    if (index < 0 || index >= l.size()) {
      c.reply().nullBulk();
    } else {
      c.reply().bulk(l.get((int) index));
    }
  }

  static void lrange(Invocation c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().arrayLen(0);
      return;
    }
    ListValue l = listOf(e);
    long llen = l.size();
    if (start < 0) {
      start += llen;
    }
    if (end < 0) {
      end += llen;
    }
    if (start < 0) {
      start = 0;
    }
    ReplyWriter r = c.reply();
    if (start > end || start >= llen) {
      r.arrayLen(0);
      return;
    }
    if (end >= llen) {
      end = llen - 1;
    }
    r.arrayLen(end - start + 1);
    for (int i = (int) start; i <= end; i++) {
      r.bulk(l.get(i));
    }
  }

  static void lpos(Invocation c) {
    long rank = 1;
    long count = -1;
    long maxlen = 0;
    int argc = c.argc();
    for (int j = 3; j < argc; j++) {
      boolean more = j + 1 < argc;
      if (more && c.argIs(j, RANK)) {
        j++;
        rank = c.argLong(j);
        if (rank == 0) {
          throw RANK_ZERO;
        }
      } else if (more && c.argIs(j, COUNT)) {
        j++;
        count = c.argLong(j, COUNT_NEGATIVE);
        if (count < 0) {
          throw COUNT_NEGATIVE;
        }
      } else if (more && c.argIs(j, MAXLEN)) {
        j++;
        maxlen = c.argLong(j, MAXLEN_NEGATIVE);
        if (maxlen < 0) {
          throw MAXLEN_NEGATIVE;
        }
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    Entry e = c.lookupRead(1);
    ReplyWriter r = c.reply();
    if (e == null) {
      if (count != -1) {
        r.arrayLen(0);
      } else {
        r.nullBulk();
      }
      return;
    }
    ListValue l = listOf(e);
    boolean fromHead = true;
    if (rank < 0) {
      rank = -rank; // Long.MIN_VALUE stays negative, as in Redis: every match then qualifies
      fromHead = false;
    }
    byte[] ea = c.argArray(2);
    int eo = c.argOffset(2);
    int el = c.argLength(2);
    int llen = l.size();
    boolean arrayReply = count != -1;
    long[] found = arrayReply ? new long[8] : null;
    int nfound = 0;
    long matches = 0;
    long matchIndex = -1;
    for (long index = 0; index < llen && (maxlen == 0 || index < maxlen); index++) {
      int pos = fromHead ? (int) index : (int) (llen - index - 1);
      if (l.elementEquals(pos, ea, eo, el)) {
        matches++;
        matchIndex = pos;
        if (matches >= rank) {
          if (arrayReply) {
            if (nfound == found.length) {
              found = Arrays.copyOf(found, nfound * 2);
            }
            found[nfound++] = pos;
            if (count != 0 && matches - rank + 1 >= count) {
              break;
            }
          } else {
            break;
          }
        }
      }
      matchIndex = -1;
    }
    if (arrayReply) {
      r.arrayLen(nfound);
      for (int i = 0; i < nfound; i++) {
        r.integer(found[i]);
      }
    } else if (matchIndex != -1) {
      r.integer(matchIndex);
    } else {
      r.nullBulk();
    }
  }

  // ---- other writes ---------------------------------------------------------------------

  static void lset(Invocation c) {
    Entry e = c.lookupWrite(1);
    if (e == null) {
      throw ErrorReply.NO_SUCH_KEY;
    }
    ListValue l = listOf(e);
    long index = c.argLong(2);
    if (index < 0) {
      index += l.size();
    }
    if (index < 0 || index >= l.size()) {
      throw ErrorReply.OUT_OF_RANGE;
    }
    l.set((int) index, c.argBytes(3));
    c.reply().ok();
    c.notifyKey(KeyspaceEvent.LSET, 1);
    c.dirty();
  }

  static void ltrim(Invocation c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().ok();
      return;
    }
    ListValue l = listOf(e);
    long llen = l.size();
    if (start < 0) {
      start += llen;
    }
    if (end < 0) {
      end += llen;
    }
    if (start < 0) {
      start = 0;
    }
    long fromHead;
    long fromTail;
    if (start > end || start >= llen) {
      fromHead = llen;
      fromTail = 0;
    } else {
      if (end >= llen) {
        end = llen - 1;
      }
      fromHead = start;
      fromTail = llen - end - 1;
    }
    l.trim((int) fromHead, (int) fromTail);
    c.notifyKey(KeyspaceEvent.LTRIM, 1);
    if (l.isEmpty()) {
      c.db().delete(e);
      c.notifyKey(KeyspaceEvent.DEL, 1);
    }
    c.dirty(fromHead + fromTail);
    c.reply().ok();
  }

  static void lrem(Invocation c) {
    long toRemove = c.argLong(2);
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    ListValue l = listOf(e);
    // Long.MIN_VALUE negates to itself: a limit <= 0 removes every match, as Redis ends up doing.
    int removed = toRemove < 0
        ? l.removeMatching(c.argArray(3), c.argOffset(3), c.argLength(3), ListEnd.TAIL, -toRemove)
        : l.removeMatching(c.argArray(3), c.argOffset(3), c.argLength(3), ListEnd.HEAD, toRemove);
    if (removed > 0) {
      c.notifyKey(KeyspaceEvent.LREM, 1);
      if (l.isEmpty()) {
        c.db().delete(e);
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
      c.dirty(removed);
    }
    c.reply().integer(removed);
  }

  static void linsert(Invocation c) {
    boolean after;
    if (c.argIs(2, AFTER)) {
      after = true;
    } else if (c.argIs(2, BEFORE)) {
      after = false;
    } else {
      throw ErrorReply.SYNTAX;
    }
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    ListValue l = listOf(e);
    int at = l.indexOf(c.argArray(3), c.argOffset(3), c.argLength(3));
    if (at < 0) {
      c.reply().integer(-1);
      return;
    }
    l.insert(after ? at + 1 : at, c.argBytes(4));
    c.notifyKey(KeyspaceEvent.LINSERT, 1);
    c.dirty();
    c.reply().integer(l.size());
  }
}
