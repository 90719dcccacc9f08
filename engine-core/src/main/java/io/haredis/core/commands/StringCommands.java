package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.LongDouble;
import io.haredis.core.type.StringValue;
import java.math.BigDecimal;

/**
 * String commands (Redis's t_string.c), with Redis 7.0's replies, errors and propagation.
 *
 * <h2>Propagation</h2>
 * Commands whose effect depends on the clock or on float formatting are logged in a
 * deterministic form, as Redis 7.0 does: SET with EX/PX/EXAT/PXAT, SETEX and PSETEX become
 * {@code SET key value PXAT ms}; SET ... GET loses its GET words; GETSET becomes SET; GETDEL and
 * a GETEX whose absolute time is already past become DEL; GETEX with a time becomes PEXPIREAT
 * and GETEX PERSIST becomes PERSIST; INCRBYFLOAT becomes {@code SET key result KEEPTTL}. A
 * command that changed nothing (SET NX on an existing key) is not logged.
 *
 * <h2>Hot path</h2>
 * GET, plain SET and the INCR family allocate nothing but the stored key and value: options
 * are matched with {@link Invocation#argIs(int, byte[])} against the constants below, and INCR
 * updates an existing value in place.
 */
public final class StringCommands {

  private StringCommands() {}

  // Options (lower case, for argIs).
  private static final byte[] NX = Invocation.ascii("nx");
  private static final byte[] XX = Invocation.ascii("xx");
  private static final byte[] GET = Invocation.ascii("get");
  private static final byte[] KEEPTTL = Invocation.ascii("keepttl");
  private static final byte[] PERSIST = Invocation.ascii("persist");
  private static final byte[] EX = Invocation.ascii("ex");
  private static final byte[] PX = Invocation.ascii("px");
  private static final byte[] EXAT = Invocation.ascii("exat");
  private static final byte[] PXAT = Invocation.ascii("pxat");
  private static final byte[] IDX = Invocation.ascii("idx");
  private static final byte[] LEN = Invocation.ascii("len");
  private static final byte[] WITHMATCHLEN = Invocation.ascii("withmatchlen");
  private static final byte[] MINMATCHLEN = Invocation.ascii("minmatchlen");

  // Words of rewritten commands.
  private static final byte[] SET_W = Invocation.ascii("SET");
  private static final byte[] PXAT_W = Invocation.ascii("PXAT");
  private static final byte[] DEL_W = Invocation.ascii("DEL");
  private static final byte[] PEXPIREAT_W = Invocation.ascii("PEXPIREAT");
  private static final byte[] PERSIST_W = Invocation.ascii("PERSIST");
  private static final byte[] KEEPTTL_W = Invocation.ascii("KEEPTTL");
  private static final byte[] MATCHES_W = Invocation.ascii("matches");
  private static final byte[] LEN_W = Invocation.ascii("len");

  // Errors.
  private static final CommandError SET_EXPIRE = ErrorReply.INVALID_EXPIRE_TIME_SET;
  private static final CommandError SETEX_EXPIRE = ErrorReply.invalidExpireTime("setex");
  private static final CommandError PSETEX_EXPIRE = ErrorReply.invalidExpireTime("psetex");
  private static final CommandError GETEX_EXPIRE = ErrorReply.invalidExpireTime("getex");
  private static final CommandError MSET_ARITY = ErrorReply.wrongArity("mset");
  private static final CommandError MSETNX_ARITY = ErrorReply.wrongArity("msetnx");
  private static final CommandError DECREMENT_OVERFLOW = new CommandError("ERR decrement would overflow");
  private static final CommandError NAN_OR_INFINITY =
      new CommandError("ERR increment would produce NaN or Infinity");
  private static final CommandError OFFSET_OUT_OF_RANGE = new CommandError("ERR offset is out of range");
  private static final CommandError LCS_NOT_STRINGS =
      new CommandError("ERR The specified keys must contain string values");
  private static final CommandError LCS_IDX_AND_LEN =
      new CommandError("ERR If you want both the length and indexes, please just use IDX.");
  private static final CommandError LCS_TOO_BIG = new CommandError(
      "ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
  private static final CommandError LCS_NO_MEMORY =
      new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");

  // Option flags of SET and GETEX (parseExtendedStringArgumentsOrReply).
  private static final int F_NX = 1;
  private static final int F_XX = 1 << 1;
  private static final int F_GET = 1 << 2;
  private static final int F_KEEPTTL = 1 << 3;
  private static final int F_PERSIST = 1 << 4;
  private static final int F_EX = 1 << 5;
  private static final int F_PX = 1 << 6;
  private static final int F_EXAT = 1 << 7;
  private static final int F_PXAT = 1 << 8;
  private static final int F_ANY_EXPIRE = F_EX | F_PX | F_EXAT | F_PXAT;

  // What SET-like commands reply on success and when NX/XX stops them.
  private static final int REPLY_OK_NULL = 0; // SET: +OK / nil
  private static final int REPLY_ONE_ZERO = 1; // SETNX: :1 / :0

  public static void register(CommandTable.Builder b) {
    b.add("get", 2, StringCommands::get)
        .flags("readonly fast")
        .acl("@read @string @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("set", -3, StringCommands::set)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, 1, 1, "RW access update variable_flags|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("setnx", 3, StringCommands::setnx)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "OW insert|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("setex", 4, StringCommands::setex)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0")
        .group("string").since("2.0.0");
    b.add("psetex", 4, StringCommands::psetex)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0")
        .group("string").since("2.6.0");
    b.add("getset", 3, StringCommands::getset)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("getdel", 2, StringCommands::getdel)
        .flags("write fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .group("string").since("6.2.0");
    b.add("getex", -2, StringCommands::getex)
        .flags("write fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("6.2.0");
    b.add("mget", -2, StringCommands::mget)
        .flags("readonly fast")
        .acl("@read @string @fast")
        .keys(1, -1, 1, "RO access|index:1|range:-1,1,0")
        .tips("request_policy:multi_shard")
        .group("string").since("1.0.0");
    b.add("mset", -3, StringCommands::mset)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, -1, 2, "OW update|index:1|range:-1,2,0")
        .tips("request_policy:multi_shard", "response_policy:all_succeeded")
        .group("string").since("1.0.1");
    b.add("msetnx", -3, StringCommands::msetnx)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, -1, 2, "OW insert|index:1|range:-1,2,0")
        .tips("request_policy:multi_shard", "response_policy:agg_min")
        .group("string").since("1.0.1");
    b.add("append", 3, StringCommands::append)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("string").since("2.0.0");
    b.add("strlen", 2, StringCommands::strlen)
        .flags("readonly fast")
        .acl("@read @string @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("string").since("2.2.0");
    b.add("incr", 2, StringCommands::incr)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("decr", 2, StringCommands::decr)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("incrby", 3, StringCommands::incrby)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("decrby", 3, StringCommands::decrby)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("incrbyfloat", 3, StringCommands::incrbyfloat)
        .flags("write denyoom fast")
        .acl("@write @string @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("string").since("2.6.0");
    b.add("getrange", 4, StringCommands::getrange)
        .flags("readonly")
        .acl("@read @string @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("string").since("2.4.0");
    b.add("setrange", 4, StringCommands::setrange)
        .flags("write denyoom")
        .acl("@write @string @slow")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("string").since("2.2.0");
    b.add("substr", 4, StringCommands::substr)
        .flags("readonly")
        .acl("@read @string @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("string").since("1.0.0");
    b.add("lcs", -3, StringCommands::lcs)
        .flags("readonly")
        .acl("@read @string @slow")
        .keys(1, 2, 1, "RO access|index:1|range:1,1,0")
        .group("string").since("7.0.0");
  }

  // ---- GET / SET family -----------------------------------------------------------------

  static void get(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    replyString(c.reply(), stringOf(e));
  }

  static void set(Invocation c) {
    if (c.argc() == 3) {
      setPlain(c);
      return;
    }
    long parsed = parseOptions(c, 3, true);
    int flags = (int) parsed;
    int expireIndex = (int) (parsed >>> 32);
    setGeneric(c, flags, 2, expireIndex, SET_EXPIRE, REPLY_OK_NULL);
  }

  /** {@code SET key value} without options: the allocation-light common case. */
  private static void setPlain(Invocation c) {
    Entry e = c.lookupWrite(1);
    Database db = c.db();
    if (e == null) {
      db.add(c.argBytes(1), StringValue.of(c.argBytes(2)));
    } else {
      if (e.value() instanceof StringValue s) {
        s.assign(c.argArray(2), c.argOffset(2), c.argLength(2));
      } else {
        db.replace(e, StringValue.of(c.argBytes(2)));
      }
      db.removeExpire(e);
    }
    c.dirty();
    c.notifyKey(KeyspaceEvent.SET_STRING, 1);
    c.reply().ok();
  }

  static void setnx(Invocation c) {
    setGeneric(c, F_NX, 2, 0, null, REPLY_ONE_ZERO);
  }

  static void setex(Invocation c) {
    setGeneric(c, F_EX, 3, 2, SETEX_EXPIRE, REPLY_OK_NULL);
  }

  static void psetex(Invocation c) {
    setGeneric(c, F_PX, 3, 2, PSETEX_EXPIRE, REPLY_OK_NULL);
  }

  /**
   * Redis's {@code setGenericCommand}: validates the expire time, answers GET, applies NX/XX,
   * stores the value and propagates the deterministic form.
   */
  private static void setGeneric(
      Invocation c, int flags, int valueIndex, int expireIndex, CommandError expireError, int replies) {
    long when = 0;
    if (expireIndex > 0) {
      when = expireMillis(c, expireIndex, flags, expireError);
    }
    if ((flags & F_GET) != 0) {
      Entry old = c.lookupRead(1);
      if (old == null) {
        c.reply().nullBulk();
      } else {
        replyString(c.reply(), stringOf(old));
      }
    }
    Entry e = c.lookupWrite(1);
    boolean found = e != null;
    if (((flags & F_NX) != 0 && found) || ((flags & F_XX) != 0 && !found)) {
      if ((flags & F_GET) == 0) {
        if (replies == REPLY_ONE_ZERO) {
          c.reply().integer(0);
        } else {
          c.reply().nullBulk();
        }
      }
      return;
    }
    StringValue v = StringValue.of(c.argBytes(valueIndex));
    Database db = c.db();
    if (found) {
      db.replace(e, v);
      if ((flags & F_KEEPTTL) == 0) {
        db.removeExpire(e);
      }
    } else {
      e = db.add(c.argBytes(1), v);
    }
    c.dirty();
    c.notifyKey(KeyspaceEvent.SET_STRING, 1);
    if (expireIndex > 0) {
      db.setExpire(e, when);
      c.propagateInstead(SET_W, c.argBytes(1), c.argBytes(valueIndex), PXAT_W, Numbers.toBytes(when));
      c.notifyKey(KeyspaceEvent.EXPIRE, 1);
    } else if ((flags & F_GET) != 0) {
      c.propagateInstead(withoutGetWords(c));
    }
    if ((flags & F_GET) == 0) {
      if (replies == REPLY_ONE_ZERO) {
        c.reply().integer(1);
      } else {
        c.reply().ok();
      }
    }
  }

  /** The request without its GET options (the words from index 3 on that read "get"). */
  private static byte[][] withoutGetWords(Invocation c) {
    int n = 0;
    for (int j = 0; j < c.argc(); j++) {
      if (j < 3 || !c.argIs(j, GET)) {
        n++;
      }
    }
    byte[][] argv = new byte[n][];
    int k = 0;
    for (int j = 0; j < c.argc(); j++) {
      if (j < 3 || !c.argIs(j, GET)) {
        argv[k++] = c.argBytes(j);
      }
    }
    return argv;
  }

  /**
   * Parses the options of SET (from index 3) or GETEX (from index 2) as Redis's
   * {@code parseExtendedStringArgumentsOrReply}: returns the flags in the low 32 bits and the
   * index of the expire argument (0 if none) in the high 32 bits.
   */
  private static long parseOptions(Invocation c, int start, boolean isSet) {
    int flags = 0;
    int expireIndex = 0;
    int argc = c.argc();
    for (int j = start; j < argc; j++) {
      boolean hasNext = j < argc - 1;
      if (isSet && c.argIs(j, NX) && (flags & F_XX) == 0) {
        flags |= F_NX;
      } else if (isSet && c.argIs(j, XX) && (flags & F_NX) == 0) {
        flags |= F_XX;
      } else if (isSet && c.argIs(j, GET)) {
        flags |= F_GET;
      } else if (isSet && c.argIs(j, KEEPTTL) && (flags & (F_PERSIST | F_ANY_EXPIRE)) == 0) {
        flags |= F_KEEPTTL;
      } else if (!isSet && c.argIs(j, PERSIST) && (flags & (F_KEEPTTL | F_ANY_EXPIRE)) == 0) {
        flags |= F_PERSIST;
      } else if (hasNext && c.argIs(j, EX) && (flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_EX)) == 0) {
        flags |= F_EX;
        expireIndex = ++j;
      } else if (hasNext && c.argIs(j, PX) && (flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_PX)) == 0) {
        flags |= F_PX;
        expireIndex = ++j;
      } else if (hasNext && c.argIs(j, EXAT) && (flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_EXAT)) == 0) {
        flags |= F_EXAT;
        expireIndex = ++j;
      } else if (hasNext && c.argIs(j, PXAT) && (flags & (F_KEEPTTL | F_PERSIST | F_ANY_EXPIRE & ~F_PXAT)) == 0) {
        flags |= F_PXAT;
        expireIndex = ++j;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    return (flags & 0xffffffffL) | ((long) expireIndex << 32);
  }

  /**
   * The absolute expire time (Unix ms) of argument {@code i} under the unit and base of
   * {@code flags}, as Redis's {@code getExpireMillisecondsOrReply}.
   */
  private static long expireMillis(Invocation c, int i, int flags, CommandError invalid) {
    long v = c.argLong(i);
    boolean seconds = (flags & (F_EX | F_EXAT)) != 0;
    if (v <= 0 || (seconds && v > Long.MAX_VALUE / 1000)) {
      throw invalid;
    }
    if (seconds) {
      v *= 1000;
    }
    if ((flags & (F_EX | F_PX)) != 0) {
      v += c.now(); // may wrap to negative, caught below as Redis does
    }
    if (v <= 0) {
      throw invalid;
    }
    return v;
  }

  static void getset(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
    } else {
      replyString(c.reply(), stringOf(e));
    }
    c.db().set(c.argBytes(1), StringValue.of(c.argBytes(2)), false);
    c.notifyKey(KeyspaceEvent.SET_STRING, 1);
    c.dirty();
    c.propagateInstead(SET_W, c.argBytes(1), c.argBytes(2));
  }

  static void getdel(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    replyString(c.reply(), stringOf(e));
    c.db().delete(e);
    c.dirty();
    c.propagateInstead(DEL_W, c.argBytes(1));
    c.notifyKey(KeyspaceEvent.DEL, 1);
  }

  static void getex(Invocation c) {
    long parsed = parseOptions(c, 2, false);
    int flags = (int) parsed;
    int expireIndex = (int) (parsed >>> 32);
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    StringValue s = stringOf(e);
    long when = 0;
    if (expireIndex > 0) {
      when = expireMillis(c, expireIndex, flags, GETEX_EXPIRE);
    }
    replyString(c.reply(), s);
    Database db = c.db();
    if ((flags & (F_EXAT | F_PXAT)) != 0 && when <= c.now() && db.keyspace().expiryDeletes()) {
      // An absolute time already past deletes the key now (checkAlreadyExpired).
      db.delete(e);
      c.dirty();
      c.propagateInstead(DEL_W, c.argBytes(1));
      c.notifyKey(KeyspaceEvent.DEL, 1);
    } else if (expireIndex > 0) {
      db.setExpire(e, when);
      c.dirty();
      c.propagateInstead(PEXPIREAT_W, c.argBytes(1), Numbers.toBytes(when));
      c.notifyKey(KeyspaceEvent.EXPIRE, 1);
    } else if ((flags & F_PERSIST) != 0) {
      if (db.removeExpire(e)) {
        c.dirty();
        c.propagateInstead(PERSIST_W, c.argBytes(1));
        c.notifyKey(KeyspaceEvent.PERSIST, 1);
      }
    }
  }

  static void mget(Invocation c) {
    int n = c.argc() - 1;
    ReplyWriter r = c.reply();
    r.arrayLen(n);
    for (int i = 1; i <= n; i++) {
      Entry e = c.lookupRead(i);
      if (e == null || !(e.value() instanceof StringValue s)) {
        r.nullBulk();
      } else {
        replyString(r, s);
      }
    }
  }

  static void mset(Invocation c) {
    if (c.argc() % 2 == 0) {
      throw MSET_ARITY;
    }
    msetGeneric(c);
    c.reply().ok();
  }

  static void msetnx(Invocation c) {
    if (c.argc() % 2 == 0) {
      throw MSETNX_ARITY;
    }
    for (int j = 1; j < c.argc(); j += 2) {
      if (c.lookupWrite(j) != null) {
        c.reply().integer(0);
        return;
      }
    }
    msetGeneric(c);
    c.reply().integer(1);
  }

  private static void msetGeneric(Invocation c) {
    Database db = c.db();
    for (int j = 1; j < c.argc(); j += 2) {
      db.set(c.argBytes(j), StringValue.of(c.argBytes(j + 1)), false);
      c.notifyKey(KeyspaceEvent.SET_STRING, j);
    }
    c.dirty((c.argc() - 1) / 2);
  }

  // ---- editing --------------------------------------------------------------------------

  static void append(Invocation c) {
    Entry e = c.lookupWrite(1);
    long total;
    if (e == null) {
      StringValue v = StringValue.of(c.argBytes(2));
      c.db().add(c.argBytes(1), v);
      total = v.length();
    } else {
      StringValue s = stringOf(e);
      int add = c.argLength(2);
      total = (long) s.length() + add;
      checkStringLength(c, s.length(), add);
      int old = s.length();
      byte[] buf = s.makeRawForWrite((int) total);
      System.arraycopy(c.argArray(2), c.argOffset(2), buf, old, add);
      s.setLength((int) total);
    }
    c.dirty();
    c.notifyKey(KeyspaceEvent.APPEND, 1);
    c.reply().integer(total);
  }

  static void strlen(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    c.reply().integer(stringOf(e).length());
  }

  static void setrange(Invocation c) {
    long offset = c.argLong(2);
    if (offset < 0) {
      throw OFFSET_OUT_OF_RANGE;
    }
    int len = c.argLength(3);
    Entry e = c.lookupWrite(1);
    StringValue s;
    if (e == null) {
      if (len == 0) {
        c.reply().integer(0);
        return;
      }
      checkStringLength(c, offset, len);
      int total = (int) (offset + len);
      s = StringValue.raw(new byte[total], total);
      c.db().add(c.argBytes(1), s);
    } else {
      s = stringOf(e);
      if (len == 0) {
        c.reply().integer(s.length());
        return;
      }
      checkStringLength(c, offset, len);
    }
    int old = s.length();
    int end = (int) (offset + len);
    int newLength = Math.max(old, end);
    byte[] buf = s.makeRawForWrite(newLength);
    if (offset > old) {
      java.util.Arrays.fill(buf, old, (int) offset, (byte) 0);
    }
    System.arraycopy(c.argArray(3), c.argOffset(3), buf, (int) offset, len);
    s.setLength(newLength);
    c.notifyKey(KeyspaceEvent.SETRANGE, 1);
    c.dirty();
    c.reply().integer(newLength);
  }

  static void getrange(Invocation c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().bulk(EMPTY, 0, 0);
      return;
    }
    StringValue s = stringOf(e);
    byte[] str = s.isInt() ? s.toBytes() : s.array();
    long strlen = s.length();
    if (start < 0 && end < 0 && start > end) {
      c.reply().bulk(EMPTY, 0, 0);
      return;
    }
    if (start < 0) {
      start += strlen;
    }
    if (end < 0) {
      end += strlen;
    }
    if (start < 0) {
      start = 0;
    }
    if (end < 0) {
      end = 0;
    }
    if (end >= strlen) {
      end = strlen - 1;
    }
    if (start > end || strlen == 0) {
      c.reply().bulk(EMPTY, 0, 0);
    } else {
      c.reply().bulk(str, (int) start, (int) (end - start + 1));
    }
  }

  static void substr(Invocation c) {
    getrange(c);
  }

  private static final byte[] EMPTY = new byte[0];

  /** Redis's checkStringLength: the result must fit proto-max-bulk-len, and must not overflow. */
  private static void checkStringLength(Invocation c, long size, long append) {
    long total = size + append;
    if (total < size || total < append
        || total > c.node().settings().protoMaxBulkLen || total > Integer.MAX_VALUE - 16) {
      throw ErrorReply.STRING_TOO_LONG;
    }
  }

  // ---- counters -------------------------------------------------------------------------

  static void incr(Invocation c) {
    incrDecr(c, 1);
  }

  static void decr(Invocation c) {
    incrDecr(c, -1);
  }

  static void incrby(Invocation c) {
    incrDecr(c, c.argLong(2));
  }

  static void decrby(Invocation c) {
    long v = c.argLong(2);
    if (v == Long.MIN_VALUE) {
      throw DECREMENT_OVERFLOW;
    }
    incrDecr(c, -v);
  }

  /** Redis's {@code incrDecrCommand}; updates an existing value in place. */
  private static void incrDecr(Invocation c, long incr) {
    Entry e = c.lookupWrite(1);
    long value = 0;
    StringValue s = null;
    if (e != null) {
      s = stringOf(e);
      if (s.isInt()) {
        value = s.longValue();
      } else {
        byte[] a = s.array();
        if (!Numbers.isLong(a, 0, s.length())) {
          throw ErrorReply.NOT_INTEGER;
        }
        value = Numbers.parseLong(a, 0, s.length(), 0);
      }
    }
    if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
        || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
      throw ErrorReply.OVERFLOW;
    }
    value += incr;
    if (s != null) {
      s.setLong(value);
    } else {
      c.db().add(c.argBytes(1), StringValue.ofLong(value));
    }
    c.notifyKey(KeyspaceEvent.INCRBY, 1);
    c.dirty();
    c.reply().integer(value);
  }

  /** Extended-precision add, formatted as Redis does; see {@link LongDouble}. */
  static void incrbyfloat(Invocation c) {
    Entry e = c.lookupWrite(1);
    BigDecimal value = BigDecimal.ZERO;
    if (e != null) {
      StringValue s = stringOf(e);
      value = s.isInt() ? LongDouble.of(s.longValue()) : LongDouble.parse(s.array(), 0, s.length());
      if (value == null) {
        throw ErrorReply.NOT_FLOAT;
      }
    }
    BigDecimal incr = LongDouble.parse(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (incr == null) {
      throw ErrorReply.NOT_FLOAT;
    }
    BigDecimal sum = LongDouble.add(value, incr);
    if (sum == null) {
      throw NAN_OR_INFINITY;
    }
    byte[] text = LongDouble.formatHuman(sum);
    // The stored value gets its own copy: APPEND/SETRANGE edit values in place, and the log
    // keeps the propagated words until the end of the execution unit (a whole EXEC).
    StringValue nv = StringValue.ofText(text.clone());
    if (e != null) {
      c.db().replace(e, nv);
    } else {
      c.db().add(c.argBytes(1), nv);
    }
    c.notifyKey(KeyspaceEvent.INCRBYFLOAT, 1);
    c.dirty();
    c.reply().bulk(text);
    c.propagateInstead(SET_W, c.argBytes(1), text, KEEPTTL_W);
  }

  // ---- LCS ------------------------------------------------------------------------------

  /** Longest common subsequence by the classic dynamic-programming table, as Redis 7.0. */
  static void lcs(Invocation c) {
    Entry ea = c.lookupRead(1);
    Entry eb = c.lookupRead(2);
    if ((ea != null && !(ea.value() instanceof StringValue))
        || (eb != null && !(eb.value() instanceof StringValue))) {
      throw LCS_NOT_STRINGS;
    }
    byte[] a = ea == null ? EMPTY : ((StringValue) ea.value()).toBytes();
    byte[] b = eb == null ? EMPTY : ((StringValue) eb.value()).toBytes();
    boolean getLen = false;
    boolean getIdx = false;
    boolean withMatchLen = false;
    long minMatchLen = 0;
    for (int j = 3; j < c.argc(); j++) {
      boolean moreArgs = j < c.argc() - 1;
      if (c.argIs(j, IDX)) {
        getIdx = true;
      } else if (c.argIs(j, LEN)) {
        getLen = true;
      } else if (c.argIs(j, WITHMATCHLEN)) {
        withMatchLen = true;
      } else if (c.argIs(j, MINMATCHLEN) && moreArgs) {
        minMatchLen = c.argLong(j + 1);
        if (minMatchLen < 0) {
          minMatchLen = 0;
        }
        j++;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    if (getIdx && getLen) {
      throw LCS_IDX_AND_LEN;
    }
    int alen = a.length;
    int blen = b.length;
    long cells = (long) (alen + 1) * (blen + 1);
    if (cells * 4 > c.node().settings().protoMaxBulkLen) {
      throw LCS_TOO_BIG;
    }
    int[] table;
    try {
      if (cells > Integer.MAX_VALUE - 16) {
        throw LCS_NO_MEMORY;
      }
      table = new int[(int) cells];
    } catch (OutOfMemoryError oom) {
      throw LCS_NO_MEMORY;
    }
    int w = blen + 1;
    for (int i = 1; i <= alen; i++) {
      for (int j = 1; j <= blen; j++) {
        if (a[i - 1] == b[j - 1]) {
          table[i * w + j] = table[(i - 1) * w + j - 1] + 1;
        } else {
          int up = table[(i - 1) * w + j];
          int left = table[i * w + j - 1];
          table[i * w + j] = Math.max(up, left);
        }
      }
    }
    int total = table[alen * w + blen];
    ReplyWriter r = c.reply();
    if (getLen) {
      r.integer(total);
      return;
    }
    // Walk back from the end, collecting the subsequence and the matching ranges (which come
    // out from the last to the first, the order Redis emits them in).
    byte[] result = new byte[total];
    int idx = total;
    long[] ranges = new long[16];
    int rangeCount = 0;
    int aStart = -1;
    int aEnd = 0;
    int bStart = 0;
    int bEnd = 0;
    int i = alen;
    int j = blen;
    while (i > 0 && j > 0) {
      boolean emit = false;
      if (a[i - 1] == b[j - 1]) {
        result[--idx] = a[i - 1];
        if (aStart < 0) {
          aStart = i - 1;
          aEnd = i - 1;
          bStart = j - 1;
          bEnd = j - 1;
        } else if (aStart == i && bStart == j) {
          aStart--;
          bStart--;
        } else {
          emit = true;
        }
        if (aStart == 0 || bStart == 0) {
          emit = true;
        }
        i--;
        j--;
      } else {
        if (table[(i - 1) * w + j] > table[i * w + j - 1]) {
          i--;
        } else {
          j--;
        }
        if (aStart >= 0) {
          emit = true;
        }
      }
      if (emit) {
        long matchLen = aEnd - aStart + 1;
        if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
          if (rangeCount * 5 + 5 > ranges.length) {
            ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
          }
          int k = rangeCount * 5;
          ranges[k] = aStart;
          ranges[k + 1] = aEnd;
          ranges[k + 2] = bStart;
          ranges[k + 3] = bEnd;
          ranges[k + 4] = matchLen;
          rangeCount++;
        }
        aStart = -1;
      }
    }
    if (!getIdx) {
      r.bulk(result);
      return;
    }
    r.mapLen(2);
    r.bulk(MATCHES_W);
    r.arrayLen(rangeCount);
    for (int k = 0; k < rangeCount * 5; k += 5) {
      r.arrayLen(withMatchLen ? 3 : 2);
      r.arrayLen(2);
      r.integer(ranges[k]);
      r.integer(ranges[k + 1]);
      r.arrayLen(2);
      r.integer(ranges[k + 2]);
      r.integer(ranges[k + 3]);
      if (withMatchLen) {
        r.integer(ranges[k + 4]);
      }
    }
    r.bulk(LEN_W);
    r.integer(total);
  }

  // ---- helpers --------------------------------------------------------------------------

  /** The string value of an entry, or WRONGTYPE. */
  private static StringValue stringOf(Entry e) {
    if (e.value() instanceof StringValue s) {
      return s;
    }
    throw ErrorReply.WRONGTYPE;
  }

  /** Replies a string value as a bulk string, without allocating for int-encoded values. */
  private static void replyString(ReplyWriter r, StringValue s) {
    if (s.isInt()) {
      r.bulkLong(s.longValue());
    } else {
      r.bulk(s.array(), 0, s.length());
    }
  }
}
