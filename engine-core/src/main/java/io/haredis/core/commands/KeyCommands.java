package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.keyspace.AccessPolicy;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Keyspace commands (Redis's db.c and expire.c): deleting, inspecting, renaming, moving and
 * copying keys, their time to live, iterating the keyspace, and choosing or flushing databases.
 *
 * <h2>Propagation</h2>
 * Follows Redis 7.0. A command that changed nothing propagates nothing. EXPIRE, PEXPIRE and
 * EXPIREAT propagate as PEXPIREAT with the absolute time in ms (options kept), PEXPIREAT
 * verbatim; an expire time already in the past deletes the key and propagates {@code DEL key}.
 * FLUSHDB is propagated even when the database was already empty, FLUSHALL always; RENAME,
 * MOVE, COPY and SWAPDB verbatim.
 */
public final class KeyCommands {

  private KeyCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("del", -2, KeyCommands::del)
        .flags("write")
        .acl("@keyspace @write @slow")
        .keys(1, -1, 1, "RM delete|index:1|range:-1,1,0")
        .tips("request_policy:multi_shard", "response_policy:agg_sum")
        .group("generic").since("1.0.0");
    b.add("unlink", -2, KeyCommands::unlink)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, -1, 1, "RM delete|index:1|range:-1,1,0")
        .tips("request_policy:multi_shard", "response_policy:agg_sum")
        .group("generic").since("4.0.0");
    b.add("exists", -2, KeyCommands::exists)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, -1, 1, "RO|index:1|range:-1,1,0")
        .tips("request_policy:multi_shard", "response_policy:agg_sum")
        .group("generic").since("1.0.0");
    b.add("type", 2, KeyCommands::type)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("generic").since("1.0.0");
    b.add("expire", -3, KeyCommands::expire)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("generic").since("1.0.0");
    b.add("pexpire", -3, KeyCommands::pexpire)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("generic").since("2.6.0");
    b.add("expireat", -3, KeyCommands::expireat)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("generic").since("1.2.0");
    b.add("pexpireat", -3, KeyCommands::pexpireat)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("generic").since("2.6.0");
    b.add("ttl", 2, KeyCommands::ttl)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("1.0.0");
    b.add("pttl", 2, KeyCommands::pttl)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("2.6.0");
    b.add("expiretime", 2, KeyCommands::expiretime)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("generic").since("7.0.0");
    b.add("pexpiretime", 2, KeyCommands::pexpiretime)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("generic").since("7.0.0");
    b.add("persist", 2, KeyCommands::persist)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("generic").since("2.2.0");
    b.add("keys", 2, KeyCommands::keys)
        .flags("readonly")
        .acl("@keyspace @read @slow @dangerous")
        .tips("request_policy:all_shards", "nondeterministic_output_order")
        .group("generic").since("1.0.0");
    b.add("scan", -2, KeyCommands::scan)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .tips("nondeterministic_output", "request_policy:special")
        .group("generic").since("2.8.0");
    b.add("rename", 3, KeyCommands::rename)
        .flags("write")
        .acl("@keyspace @write @slow")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "OW update|index:2|range:0,1,0")
        .group("generic").since("1.0.0");
    b.add("renamenx", 3, KeyCommands::renamenx)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "OW insert|index:2|range:0,1,0")
        .group("generic").since("1.0.0");
    b.add("randomkey", 1, KeyCommands::randomkey)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .tips("request_policy:all_shards", "nondeterministic_output")
        .group("generic").since("1.0.0");
    b.add("dbsize", 1, KeyCommands::dbsize)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .tips("request_policy:all_shards", "response_policy:agg_sum")
        .group("server").since("1.0.0");
    b.add("flushdb", -1, KeyCommands::flushdb)
        .flags("write")
        .acl("@keyspace @write @slow @dangerous")
        .tips("request_policy:all_shards", "response_policy:all_succeeded")
        .group("server").since("1.0.0");
    b.add("flushall", -1, KeyCommands::flushall)
        .flags("write")
        .acl("@keyspace @write @slow @dangerous")
        .tips("request_policy:all_shards", "response_policy:all_succeeded")
        .group("server").since("1.0.0");
    b.add("select", 2, KeyCommands::select)
        .flags("loading stale fast")
        .acl("@fast @connection")
        .group("connection").since("1.0.0");
    b.add("swapdb", 3, KeyCommands::swapdb)
        .flags("write fast")
        .acl("@keyspace @write @fast @dangerous")
        .group("server").since("4.0.0");
    b.add("move", 3, KeyCommands::move)
        .flags("write fast")
        .acl("@keyspace @write @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("generic").since("1.0.0");
    b.add("copy", -3, KeyCommands::copy)
        .flags("write denyoom")
        .acl("@keyspace @write @slow")
        .keys(1, 2, 1, "RO access|index:1|range:0,1,0", "OW update|index:2|range:0,1,0")
        .group("generic").since("6.2.0");
    b.add("touch", -2, KeyCommands::touch)
        .flags("readonly fast")
        .acl("@keyspace @read @fast")
        .keys(1, -1, 1, "RO|index:1|range:-1,1,0")
        .tips("request_policy:multi_shard", "response_policy:agg_sum")
        .group("generic").since("3.2.1");
    CommandSpec.Builder object = b.add("object", -2, null)
        .acl("@slow")
        .group("generic").since("2.2.3");
    object.sub("idletime", 3, KeyCommands::object_idletime)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .keys(2, 2, 1, "RO|index:2|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("2.2.3");
    object.sub("help", 2, KeyCommands::object_help)
        .flags("loading stale")
        .acl("@keyspace @slow")
        .group("generic").since("6.2.0");
    object.sub("freq", 3, KeyCommands::object_freq)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .keys(2, 2, 1, "RO|index:2|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("4.0.0");
    object.sub("encoding", 3, KeyCommands::object_encoding)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .keys(2, 2, 1, "RO|index:2|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("2.2.3");
    object.sub("refcount", 3, KeyCommands::object_refcount)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .keys(2, 2, 1, "RO|index:2|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("2.2.3");
  }

  // ---- constants ------------------------------------------------------------------------

  private static final byte[] NX = Invocation.ascii("nx");
  private static final byte[] XX = Invocation.ascii("xx");
  private static final byte[] GT = Invocation.ascii("gt");
  private static final byte[] LT = Invocation.ascii("lt");
  private static final byte[] COUNT = Invocation.ascii("count");
  private static final byte[] TYPE = Invocation.ascii("type");
  private static final byte[] ASYNC = Invocation.ascii("async");
  private static final byte[] SYNC = Invocation.ascii("sync");
  private static final byte[] REPLACE = Invocation.ascii("replace");
  private static final byte[] DB = Invocation.ascii("db");

  private static final byte[] DEL_CMD = Invocation.ascii("DEL");
  private static final byte[] UNLINK_CMD = Invocation.ascii("UNLINK");
  private static final byte[] PEXPIREAT_CMD = Invocation.ascii("PEXPIREAT");

  private static final int EXPIRE_NX = 1;
  private static final int EXPIRE_XX = 2;
  private static final int EXPIRE_GT = 4;
  private static final int EXPIRE_LT = 8;

  private static final CommandError NX_INCOMPATIBLE =
      new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
  private static final CommandError GT_LT_INCOMPATIBLE =
      new CommandError("ERR GT and LT options at the same time are not compatible");
  private static final CommandError INVALID_EXPIRE = ErrorReply.invalidExpireTime("expire");
  private static final CommandError INVALID_PEXPIRE = ErrorReply.invalidExpireTime("pexpire");
  private static final CommandError INVALID_EXPIREAT = ErrorReply.invalidExpireTime("expireat");
  private static final CommandError INVALID_PEXPIREAT = ErrorReply.invalidExpireTime("pexpireat");
  private static final CommandError INVALID_CURSOR = new CommandError("ERR invalid cursor");
  private static final CommandError INT_OUT_OF_RANGE =
      new CommandError("ERR value is out of range, value must between -2147483648 and 2147483647");
  private static final CommandError INVALID_FIRST_DB = new CommandError("ERR invalid first DB index");
  private static final CommandError INVALID_SECOND_DB = new CommandError("ERR invalid second DB index");
  private static final CommandError LFU_NOT_SELECTED = new CommandError("ERR An LFU maxmemory policy is not selected, "
      + "access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data "
      + "will take some time to adjust.");
  private static final CommandError LFU_SELECTED = new CommandError("ERR An LFU maxmemory policy is selected, "
      + "idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will "
      + "take some time to adjust.");

  /** Redis's OBJ_SHARED_REFCOUNT: what OBJECT REFCOUNT prints for a shared small integer. */
  private static final int SHARED_REFCOUNT = Integer.MAX_VALUE;
  /** Integers below this are shared objects in Redis (OBJ_SHARED_INTEGERS). */
  private static final long SHARED_INTEGERS = 10000;

  // ---- DEL, UNLINK, EXISTS, TOUCH, TYPE ---------------------------------------------------

  static void del(Invocation c) {
    delGeneric(c);
  }

  /** UNLINK frees memory lazily in Redis; dropping the references here is already cheap. */
  static void unlink(Invocation c) {
    delGeneric(c);
  }

  private static void delGeneric(Invocation c) {
    Database db = c.db();
    long deleted = 0;
    for (int i = 1; i < c.argc(); i++) {
      if (db.delete(c.argArray(i), c.argOffset(i), c.argLength(i))) {
        c.notifyKey(KeyspaceEvent.DEL, i);
        deleted++;
      }
    }
    c.dirty(deleted);
    c.reply().integer(deleted);
  }

  static void exists(Invocation c) {
    long n = 0;
    for (int i = 1; i < c.argc(); i++) {
      if (c.lookupReadNoTouch(i) != null) {
        n++;
      }
    }
    c.reply().integer(n);
  }

  static void touch(Invocation c) {
    long n = 0;
    for (int i = 1; i < c.argc(); i++) {
      if (c.lookupRead(i) != null) {
        n++;
      }
    }
    c.reply().integer(n);
  }

  static void type(Invocation c) {
    Entry e = c.lookupReadNoTouch(1);
    c.reply().simple(e == null ? "none" : e.value().type().redisName());
  }

  /** OBJECT's lookup (Redis's {@code objectCommandLookup}): no access-time update, no {@code keymiss}. */
  private static Entry objectLookup(Invocation c, int i) {
    return c.db().lookupReadNoTouch(c.argArray(i), c.argOffset(i), c.argLength(i));
  }

  // ---- EXPIRE family ----------------------------------------------------------------------

  static void expire(Invocation c) {
    expireGeneric(c, c.now(), true, INVALID_EXPIRE, true);
  }

  static void pexpire(Invocation c) {
    expireGeneric(c, c.now(), false, INVALID_PEXPIRE, true);
  }

  static void expireat(Invocation c) {
    expireGeneric(c, 0, true, INVALID_EXPIREAT, true);
  }

  static void pexpireat(Invocation c) {
    expireGeneric(c, 0, false, INVALID_PEXPIREAT, false);
  }

  /**
   * Redis's {@code expireGenericCommand}: options first, then the time (overflow-checked when
   * scaled to ms and made absolute), then the key and the NX/XX/GT/LT conditions, where a key
   * without a TTL counts as having an infinite one.
   */
  private static void expireGeneric(Invocation c, long basetime, boolean seconds, CommandError invalid, boolean rewrite) {
    int flags = parseExpireFlags(c);
    long when = c.argLong(2);
    if (seconds) {
      if (when > Long.MAX_VALUE / 1000 || when < Long.MIN_VALUE / 1000) {
        throw invalid;
      }
      when *= 1000;
    }
    if (when > Long.MAX_VALUE - basetime) {
      throw invalid;
    }
    when += basetime;

    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    if (flags != 0) {
      long current = e.expireAt();
      if ((flags & EXPIRE_NX) != 0 && current != -1
          || (flags & EXPIRE_XX) != 0 && current == -1
          || (flags & EXPIRE_GT) != 0 && (current == -1 || when <= current)
          || (flags & EXPIRE_LT) != 0 && current != -1 && when >= current) {
        c.reply().integer(0);
        return;
      }
    }
    Keyspace ks = c.node().keyspace();
    // checkAlreadyExpired: a replica keeps the master's (past) time and waits for its DEL.
    if (when <= c.now() && ks.expiryDeletes()) {
      c.db().delete(e);
      c.dirty();
      c.propagateInstead(configYes(c, "lazyfree-lazy-expire") ? UNLINK_CMD : DEL_CMD, c.argBytes(1));
      c.notifyKey(KeyspaceEvent.DEL, 1);
      c.reply().integer(1);
      return;
    }
    c.db().setExpire(e, when);
    c.dirty();
    if (rewrite) {
      byte[][] argv = new byte[c.argc()][];
      argv[0] = PEXPIREAT_CMD;
      argv[1] = c.argBytes(1);
      argv[2] = Numbers.toBytes(when);
      for (int i = 3; i < argv.length; i++) {
        argv[i] = c.argBytes(i);
      }
      c.propagateInstead(argv);
    }
    c.reply().integer(1);
    c.notifyKey(KeyspaceEvent.EXPIRE, 1);
  }

  private static int parseExpireFlags(Invocation c) {
    int flags = 0;
    for (int i = 3; i < c.argc(); i++) {
      if (c.argIs(i, NX)) {
        flags |= EXPIRE_NX;
      } else if (c.argIs(i, XX)) {
        flags |= EXPIRE_XX;
      } else if (c.argIs(i, GT)) {
        flags |= EXPIRE_GT;
      } else if (c.argIs(i, LT)) {
        flags |= EXPIRE_LT;
      } else {
        throw new CommandError("ERR Unsupported option " + c.argString(i));
      }
    }
    if ((flags & EXPIRE_NX) != 0 && (flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) != 0) {
      throw NX_INCOMPATIBLE;
    }
    if ((flags & EXPIRE_GT) != 0 && (flags & EXPIRE_LT) != 0) {
      throw GT_LT_INCOMPATIBLE;
    }
    return flags;
  }

  static void ttl(Invocation c) {
    ttlGeneric(c, false, false);
  }

  static void pttl(Invocation c) {
    ttlGeneric(c, true, false);
  }

  static void expiretime(Invocation c) {
    ttlGeneric(c, false, true);
  }

  static void pexpiretime(Invocation c) {
    ttlGeneric(c, true, true);
  }

  /** Redis's {@code ttlGenericCommand}: -2 no key, -1 no TTL; seconds are rounded. */
  private static void ttlGeneric(Invocation c, boolean millis, boolean absolute) {
    Entry e = c.lookupReadNoTouch(1);
    if (e == null) {
      c.reply().integer(-2);
      return;
    }
    long expire = e.expireAt();
    if (expire == -1) {
      c.reply().integer(-1);
      return;
    }
    long t = absolute ? expire : expire - c.now();
    if (t < 0) {
      t = 0;
    }
    c.reply().integer(millis ? t : (t + 500) / 1000);
  }

  static void persist(Invocation c) {
    Entry e = c.lookupWrite(1);
    if (e != null && c.db().removeExpire(e)) {
      c.dirty();
      c.notifyKey(KeyspaceEvent.PERSIST, 1);
      c.reply().integer(1);
    } else {
      c.reply().integer(0);
    }
  }

  // ---- KEYS, SCAN, RANDOMKEY, DBSIZE -------------------------------------------------------

  static void keys(Invocation c) {
    GlobPattern pattern = GlobPattern.compile(c.argArray(1), c.argOffset(1), c.argLength(1));
    boolean all = pattern.matchesAll();
    Keyspace ks = c.node().keyspace();
    List<byte[]> out = new ArrayList<>();
    // Expired keys are skipped, not deleted: deleting while walking the table is not allowed.
    c.db().dict().forEach(e -> {
      if ((all || pattern.matches(e.key())) && !ks.isExpiredAt(e.expireAt())) {
        out.add(e.key());
      }
    });
    ReplyWriter r = c.reply();
    r.arrayLen(out.size());
    for (byte[] k : out) {
      r.bulk(k);
    }
  }

  /**
   * Redis's {@code scanGenericCommand} over the key dictionary: parse the cursor, then the
   * options; call {@link io.haredis.core.keyspace.Dict#scan} until {@code COUNT} keys were
   * collected, at most {@code 10 * COUNT} buckets were visited or the scan ended; then filter by
   * pattern, type and expiry (expired keys are deleted here, as lazy expiry does).
   */
  static void scan(Invocation c) {
    long cursor = parseScanCursor(c, 1);
    ScanOptions opts = ScanOptions.parse(c, 2, true);
    long count = opts.count();
    GlobPattern pattern = opts.pattern();
    int typeArg = opts.typeArg();

    Database db = c.db();
    List<Entry> found = new ArrayList<>();
    long maxIterations = count * 10;
    do {
      cursor = db.dict().scan(cursor, found::add);
    } while (cursor != 0 && maxIterations-- != 0 && found.size() < count);

    String typeName = typeArg < 0 ? null : c.argString(typeArg);
    List<byte[]> keys = new ArrayList<>(found.size());
    for (Entry e : found) {
      byte[] k = e.key();
      if (pattern != null && !pattern.matches(k)) {
        continue;
      }
      if (typeName != null) {
        // Like Redis, the type check is a read lookup: an expired key reads as "none" (and is
        // deleted), and the expiry check below drops it either way.
        Entry live = db.lookupReadNoTouch(k, 0, k.length);
        if (live == null) {
          c.notifyKey(KeyspaceEvent.KEYMISS, k);
        }
        if (live == null || !typeName.equalsIgnoreCase(live.value().type().redisName())) {
          continue;
        }
      } else if (db.lookup(k) == null) {
        continue; // expired
      }
      keys.add(k);
    }
    ReplyWriter r = c.reply();
    r.arrayLen(2);
    r.bulk(Invocation.ascii(Long.toUnsignedString(cursor)));
    r.arrayLen(keys.size());
    for (byte[] k : keys) {
      r.bulk(k);
    }
  }

  /**
   * A SCAN cursor as C's {@code strtoul} (base 10) reads it, with Redis's extra checks: no
   * leading blank, nothing after the digits, no overflow. An optional sign is accepted (a
   * negative number wraps around, as in C), and so is the empty string (cursor 0).
   */
  static long parseScanCursor(Invocation c, int i) {
    byte[] a = c.argArray(i);
    int p = c.argOffset(i);
    int end = p + c.argLength(i);
    for (int j = p; j < end; j++) {
      if (a[j] == 0) {
        end = j; // the C string ends at the first NUL
        break;
      }
    }
    if (p == end) {
      return 0;
    }
    byte first = a[p];
    if (first == ' ' || (first >= '\t' && first <= '\r')) {
      throw INVALID_CURSOR;
    }
    boolean negative = false;
    if (first == '+' || first == '-') {
      negative = first == '-';
      p++;
    }
    if (p == end || a[p] < '0' || a[p] > '9') {
      throw INVALID_CURSOR; // no digits: strtoul consumed nothing
    }
    long v = 0;
    for (; p < end; p++) {
      int d = a[p] - '0';
      if (d < 0 || d > 9) {
        throw INVALID_CURSOR;
      }
      // unsigned overflow check: v * 10 + d > 2^64 - 1
      if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
        throw INVALID_CURSOR;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /** Redis's {@code dbRandomKey}: draws until a live key comes up. */
  static void randomkey(Invocation c) {
    Database db = c.db();
    Keyspace ks = c.node().keyspace();
    Random random = ks.random();
    boolean allVolatile = db.size() == db.expiresCount();
    int maxTries = 100;
    while (true) {
      Entry e = db.dict().randomEntry(random);
      if (e == null) {
        c.reply().nullBulk();
        return;
      }
      if (e.expireAt() != -1) {
        if (allVolatile && !ks.expiryDeletes() && --maxTries == 0) {
          // A replica whose keys have all logically expired: give up and return one of them.
          c.reply().bulk(e.key());
          return;
        }
        if (db.lookup(e.key()) == null) {
          continue; // expired (and deleted, on a master)
        }
      }
      c.reply().bulk(e.key());
      return;
    }
  }

  static void dbsize(Invocation c) {
    c.reply().integer(c.db().size());
  }

  // ---- RENAME, MOVE, COPY -----------------------------------------------------------------

  static void rename(Invocation c) {
    renameGeneric(c, false);
  }

  static void renamenx(Invocation c) {
    renameGeneric(c, true);
  }

  /** Redis's {@code renameGenericCommand}: the value and its TTL move to the new name. */
  private static void renameGeneric(Invocation c, boolean nx) {
    boolean sameKey = java.util.Arrays.equals(c.argArray(1), c.argOffset(1), c.argOffset(1) + c.argLength(1),
        c.argArray(2), c.argOffset(2), c.argOffset(2) + c.argLength(2));
    Entry src = c.lookupWrite(1);
    if (src == null) {
      throw ErrorReply.NO_SUCH_KEY;
    }
    if (sameKey) {
      if (nx) {
        c.reply().integer(0);
      } else {
        c.reply().ok();
      }
      return;
    }
    Database db = c.db();
    RedisValue value = src.value();
    long expire = src.expireAt();
    Entry dst = c.lookupWrite(2);
    if (dst != null) {
      if (nx) {
        c.reply().integer(0);
        return;
      }
      db.delete(dst);
    }
    Entry moved = db.add(c.argBytes(2), value);
    db.keepAccess(moved, src); // Redis moves the object, and its LRU/LFU field with it
    if (expire != -1) {
      db.setExpire(moved, expire);
    }
    db.delete(src);
    c.notifyKey(KeyspaceEvent.RENAME_FROM, 1);
    c.notifyKey(KeyspaceEvent.RENAME_TO, 2);
    c.dirty();
    if (nx) {
      c.reply().integer(1);
    } else {
      c.reply().ok();
    }
  }

  static void move(Invocation c) {
    int dbid = argInt(c, 2, INT_OUT_OF_RANGE);
    Database src = c.db();
    Database dst = database(c, dbid);
    if (src == dst) {
      throw ErrorReply.SAME_OBJECT;
    }
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    if (dst.lookupWrite(c.argArray(1), c.argOffset(1), c.argLength(1)) != null) {
      c.reply().integer(0);
      return;
    }
    long expire = e.expireAt();
    Entry moved = dst.add(c.argBytes(1), e.value());
    dst.keepAccess(moved, e);
    if (expire != -1) {
      dst.setExpire(moved, expire);
    }
    src.delete(e);
    c.notifyKey(KeyspaceEvent.MOVE_FROM, 1);
    c.node().notifier().notify(KeyspaceEvent.MOVE_TO, c.argArray(1), c.argOffset(1), c.argLength(1), dst.index());
    c.dirty();
    c.node().watches().touch(dst, c.argArray(1), c.argOffset(1), c.argLength(1)); // the source is touched by the dispatcher
    c.reply().integer(1);
  }

  static void copy(Invocation c) {
    Database src = c.db();
    Database dst = src;
    boolean replace = false;
    for (int j = 3; j < c.argc(); j++) {
      int additional = c.argc() - j - 1;
      if (c.argIs(j, REPLACE)) {
        replace = true;
      } else if (c.argIs(j, DB) && additional >= 1) {
        dst = database(c, argInt(c, j + 1, INT_OUT_OF_RANGE));
        j++;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    boolean sameKey = java.util.Arrays.equals(c.argArray(1), c.argOffset(1), c.argOffset(1) + c.argLength(1),
        c.argArray(2), c.argOffset(2), c.argOffset(2) + c.argLength(2));
    if (src == dst && sameKey) {
      throw ErrorReply.SAME_OBJECT;
    }
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    long expire = e.expireAt();
    Entry existing = dst.lookupWrite(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (existing != null) {
      if (!replace) {
        c.reply().integer(0);
        return;
      }
      dst.delete(existing);
    }
    Entry copied = dst.add(c.argBytes(2), e.value().copy());
    if (expire != -1) {
      dst.setExpire(copied, expire);
    }
    c.node().notifier().notify(KeyspaceEvent.COPY_TO, c.argArray(2), c.argOffset(2), c.argLength(2), dst.index());
    c.dirty();
    if (dst != src) {
      c.signalsOwnWatches(); // the destination is in another database than the request's
      c.node().watches().touch(dst, c.argArray(2), c.argOffset(2), c.argLength(2));
    }
    c.reply().integer(1);
  }

  // ---- SELECT, SWAPDB, FLUSHDB, FLUSHALL --------------------------------------------------

  static void select(Invocation c) {
    int id = argInt(c, 1, INT_OUT_OF_RANGE);
    c.client().db(database(c, id));
    c.reply().ok();
  }

  static void swapdb(Invocation c) {
    int a = argInt(c, 1, INVALID_FIRST_DB, INVALID_FIRST_DB);
    int b = argInt(c, 2, INVALID_SECOND_DB, INVALID_SECOND_DB);
    Keyspace ks = c.node().keyspace();
    if (a < 0 || a >= ks.databases() || b < 0 || b >= ks.databases()) {
      throw ErrorReply.DB_INDEX_OUT_OF_RANGE;
    }
    if (a != b) {
      // A watched key changes if it exists on either side (Redis's touchAllWatchedKeysInDb).
      c.node().watches().touchAllInDb(ks.db(a), ks.db(b));
      c.node().watches().touchAllInDb(ks.db(b), ks.db(a));
      ks.swap(a, b);
    }
    c.dirty(); // even SWAPDB n n counts, and so is propagated, as in Redis
    c.reply().ok();
  }

  static void flushdb(Invocation c) {
    parseFlushFlags(c);
    Database db = c.db();
    long removed = db.size();
    c.node().watches().touchAllInDb(db, null);
    db.clear();
    c.dirty(removed);
    // Propagated even when nothing was removed (Redis's forceCommandPropagation).
    byte[][] argv = new byte[c.argc()][];
    for (int i = 0; i < argv.length; i++) {
      argv[i] = c.argBytes(i);
    }
    c.propagateInstead(argv);
    c.reply().ok();
  }

  static void flushall(Invocation c) {
    parseFlushFlags(c);
    Keyspace ks = c.node().keyspace();
    long removed = ks.totalKeys();
    for (int i = 0; i < ks.databases(); i++) {
      c.node().watches().touchAllInDb(ks.db(i), null);
    }
    ks.flushAll();
    // Redis's flushAllDataAndResetRDB: a background save of the old data is pointless now, and
    // with save points the (empty) dataset is saved at once; one more change is counted so that
    // FLUSHALL always propagates.
    io.haredis.core.persist.RdbSaver rdb = c.node().rdb();
    rdb.abortBackground("FLUSHALL");
    if (rdb.savePointsConfigured() && rdb.saveNow()) {
      c.dirty(1);
    } else {
      c.dirty(removed + 1);
    }
    c.reply().ok();
  }

  /** [ASYNC|SYNC]: both drop the data at once here; freeing is the garbage collector's job. */
  private static void parseFlushFlags(Invocation c) {
    if (c.argc() > 2 || c.argc() == 2 && !c.argIs(1, ASYNC) && !c.argIs(1, SYNC)) {
      throw ErrorReply.SYNTAX;
    }
  }

  // ---- OBJECT -----------------------------------------------------------------------------

  static void object_encoding(Invocation c) {
    Entry e = objectLookup(c, 2);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    c.reply().bulk(e.value().encoding());
  }

  static void object_refcount(Invocation c) {
    Entry e = objectLookup(c, 2);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    c.reply().integer(sharedInteger(c, e.value()) ? SHARED_REFCOUNT : 1);
  }

  /**
   * Whether Redis would hold this value as one of its shared integer objects (0..9999, unless
   * maxmemory is set with an LRU/LFU policy), whose refcount reads as INT_MAX.
   */
  private static boolean sharedInteger(Invocation c, RedisValue v) {
    if (!(v instanceof StringValue s) || !s.isInt() || s.longValue() < 0 || s.longValue() >= SHARED_INTEGERS) {
      return false;
    }
    AccessPolicy policy = c.node().keyspace().accessPolicy();
    return c.node().settings().maxmemory == 0 || !(policy.lru() || policy.lfu());
  }

  static void object_idletime(Invocation c) {
    Entry e = objectLookup(c, 2);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    if (c.node().keyspace().accessPolicy().lfu()) {
      throw LFU_SELECTED;
    }
    c.reply().integer(c.node().keyspace().idleSeconds(e));
  }

  static void object_freq(Invocation c) {
    Entry e = objectLookup(c, 2);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    if (!c.node().keyspace().accessPolicy().lfu()) {
      throw LFU_NOT_SELECTED;
    }
    c.reply().integer(c.node().keyspace().lfuDecayed(e));
  }

  private static final String[] OBJECT_HELP = {
    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "ENCODING <key>",
    "    Return the kind of internal representation used in order to store the value",
    "    associated with a <key>.",
    "FREQ <key>",
    "    Return the access frequency index of the <key>. The returned integer is",
    "    proportional to the logarithm of the recent access frequency of the key.",
    "IDLETIME <key>",
    "    Return the idle time of the <key>, that is the approximated number of",
    "    seconds elapsed since the last access to the key.",
    "REFCOUNT <key>",
    "    Return the number of references of the value associated with the specified",
    "    <key>.",
    "HELP",
    "    Prints this help.",
  };

  static void object_help(Invocation c) {
    ReplyWriter r = c.reply();
    r.arrayLen(OBJECT_HELP.length);
    for (String line : OBJECT_HELP) {
      r.simple(line);
    }
  }

  /** A boolean config parameter, false if this node does not declare it. */
  private static boolean configYes(Invocation c, String name) {
    ConfigParam p = c.node().config().find(name);
    return p != null && p.value().equals("yes");
  }

  // ---- helpers ----------------------------------------------------------------------------

  /** The database {@code id}, or {@code ERR DB index is out of range}. */
  private static Database database(Invocation c, int id) {
    Keyspace ks = c.node().keyspace();
    if (id < 0 || id >= ks.databases()) {
      throw ErrorReply.DB_INDEX_OUT_OF_RANGE;
    }
    return ks.db(id);
  }

  /** Redis's {@code getIntFromObjectOrReply} with its default messages. */
  private static int argInt(Invocation c, int i, CommandError outOfRange) {
    return argInt(c, i, ErrorReply.NOT_INTEGER, outOfRange);
  }

  private static int argInt(Invocation c, int i, CommandError notInteger, CommandError outOfRange) {
    long v = c.argLong(i, notInteger);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw outOfRange;
    }
    return (int) v;
  }
}
