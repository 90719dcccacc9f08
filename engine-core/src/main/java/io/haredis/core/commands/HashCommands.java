package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.node.ServerSettings;
import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.LongDouble;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Hash commands (Redis 7.0's t_hash.c behaviour): replies, errors, conversion points and
 * propagation as {@code redis-server} 7.0.15. The data structure is {@link HashValue}.
 */
public final class HashCommands {

  private static final byte[] HSET_W = Invocation.ascii("HSET");
  private static final byte[] WITHVALUES = Invocation.ascii("withvalues");

  private static final CommandError HASH_NOT_INTEGER =
      new CommandError("ERR hash value is not an integer");
  private static final CommandError HASH_NOT_FLOAT =
      new CommandError("ERR hash value is not a float");
  private static final CommandError INCR_NAN_OR_INFINITY =
      new CommandError("ERR value is NaN or Infinity");
  private static final CommandError RESULT_NAN_OR_INFINITY =
      new CommandError("ERR increment would produce NaN or Infinity");
  private static final CommandError COUNT_OUT_OF_RANGE = new CommandError(
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
  private static final CommandError VALUE_OUT_OF_RANGE =
      new CommandError("ERR value is out of range");

  /** HRANDFIELD: past this many samples per round Redis batches listpack picks. */
  private static final int SUB_STRATEGY_MUL = 3;

  private HashCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("hset", -4, HashCommands::hset)
        .flags("write denyoom fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hsetnx", 4, HashCommands::hsetnx)
        .flags("write denyoom fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hget", 3, HashCommands::hget)
        .flags("readonly fast")
        .acl("@read @hash @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hmget", -3, HashCommands::hmget)
        .flags("readonly fast")
        .acl("@read @hash @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hmset", -4, HashCommands::hmset)
        .flags("write denyoom fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hdel", -3, HashCommands::hdel)
        .flags("write fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hlen", 2, HashCommands::hlen)
        .flags("readonly fast")
        .acl("@read @hash @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hstrlen", 3, HashCommands::hstrlen)
        .flags("readonly fast")
        .acl("@read @hash @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("hash").since("3.2.0");
    b.add("hexists", 3, HashCommands::hexists)
        .flags("readonly fast")
        .acl("@read @hash @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hkeys", 2, HashCommands::hkeys)
        .flags("readonly")
        .acl("@read @hash @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output_order")
        .group("hash").since("2.0.0");
    b.add("hvals", 2, HashCommands::hvals)
        .flags("readonly")
        .acl("@read @hash @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output_order")
        .group("hash").since("2.0.0");
    b.add("hgetall", 2, HashCommands::hgetall)
        .flags("readonly")
        .acl("@read @hash @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output_order")
        .group("hash").since("2.0.0");
    b.add("hincrby", 4, HashCommands::hincrby)
        .flags("write denyoom fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("hash").since("2.0.0");
    b.add("hincrbyfloat", 4, HashCommands::hincrbyfloat)
        .flags("write denyoom fast")
        .acl("@write @hash @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("hash").since("2.6.0");
    b.add("hrandfield", -2, HashCommands::hrandfield)
        .flags("readonly")
        .acl("@read @hash @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("hash").since("6.2.0");
    b.add("hscan", -3, HashCommands::hscan)
        .flags("readonly")
        .acl("@read @hash @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("hash").since("2.8.0");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static HashValue hashOf(Entry e) {
    if (!(e.value() instanceof HashValue h)) {
      throw ErrorReply.WRONGTYPE;
    }
    return h;
  }

  /** The hash at key argument 1 for reading, null when missing; WRONGTYPE otherwise. */
  private static HashValue readHash(Invocation c) {
    Entry e = c.lookupRead(1);
    return e == null ? null : hashOf(e);
  }

  private static ServerSettings settings(Invocation c) {
    return c.node().settings();
  }

  private static boolean set(Invocation c, HashValue h, int f, int v) {
    ServerSettings s = settings(c);
    return h.set(c.argArray(f), c.argOffset(f), c.argLength(f),
        c.argArray(v), c.argOffset(v), c.argLength(v),
        s.hashMaxListpackEntries, s.hashMaxListpackValue);
  }

  /** Redis's hashTypeTryConversion over arguments {@code [from, to]}. */
  private static void tryConversion(Invocation c, HashValue h, int from, int to) {
    long max = 0;
    long total = 0;
    for (int i = from; i <= to; i++) {
      int len = c.argLength(i);
      max = Math.max(max, len);
      total += len;
    }
    h.convertIfTooLong(max, total, settings(c).hashMaxListpackValue);
  }

  // ---- writes ----------------------------------------------------------------------------

  static void hset(Invocation c) {
    hsetGeneric(c, false);
  }

  static void hmset(Invocation c) {
    hsetGeneric(c, true);
  }

  private static void hsetGeneric(Invocation c, boolean hmset) {
    if (c.argc() % 2 == 1) {
      throw ErrorReply.wrongArity(hmset ? "hmset" : "hset");
    }
    Entry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue() : hashOf(e);
    tryConversion(c, h, 2, c.argc() - 1);
    long created = 0;
    for (int i = 2; i < c.argc(); i += 2) {
      if (set(c, h, i, i + 1)) {
        created++;
      }
    }
    if (e == null) {
      c.db().add(c.argBytes(1), h);
    }
    c.dirty((c.argc() - 2) / 2);
    if (hmset) {
      c.reply().ok();
    } else {
      c.reply().integer(created);
    }
    c.notifyKey(KeyspaceEvent.HSET, 1);
  }

  static void hsetnx(Invocation c) {
    Entry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue() : hashOf(e);
    if (e != null && h.exists(c.argArray(2), c.argOffset(2), c.argLength(2))) {
      c.reply().integer(0);
      return;
    }
    tryConversion(c, h, 2, 3);
    set(c, h, 2, 3);
    if (e == null) {
      c.db().add(c.argBytes(1), h);
    }
    c.dirty();
    c.reply().integer(1);
    c.notifyKey(KeyspaceEvent.HSET, 1);
  }

  static void hdel(Invocation c) {
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    HashValue h = hashOf(e);
    long deleted = 0;
    for (int j = 2; j < c.argc(); j++) {
      if (h.delete(c.argArray(j), c.argOffset(j), c.argLength(j))) {
        deleted++;
        if (h.size() == 0) {
          c.db().delete(e);
          break;
        }
      }
    }
    if (deleted > 0) {
      c.notifyKey(KeyspaceEvent.HDEL, 1);
      if (h.size() == 0) {
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
      c.dirty(deleted);
    }
    c.reply().integer(deleted);
  }

  static void hincrby(Invocation c) {
    long incr = c.argLong(3);
    Entry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue() : hashOf(e);
    long value = 0;
    if (e != null) {
      byte[] old = h.get(c.argArray(2), c.argOffset(2), c.argLength(2));
      if (old != null) {
        if (!Numbers.isLong(old, 0, old.length)) {
          throw HASH_NOT_INTEGER;
        }
        value = Numbers.parseLong(old, 0, old.length, 0);
      }
    }
    if ((incr < 0 && value < 0 && incr < Long.MIN_VALUE - value)
        || (incr > 0 && value > 0 && incr > Long.MAX_VALUE - value)) {
      throw ErrorReply.OVERFLOW;
    }
    value += incr;
    byte[] text = Numbers.toBytes(value);
    ServerSettings s = settings(c);
    h.set(c.argArray(2), c.argOffset(2), c.argLength(2), text, 0, text.length,
        s.hashMaxListpackEntries, s.hashMaxListpackValue);
    if (e == null) {
      c.db().add(c.argBytes(1), h);
    }
    c.dirty();
    c.reply().integer(value);
    c.notifyKey(KeyspaceEvent.HINCRBY, 1);
  }

  static void hincrbyfloat(Invocation c) {
    BigDecimal incr = LongDouble.parse(c.argArray(3), c.argOffset(3), c.argLength(3));
    if (incr == null) {
      throw ErrorReply.NOT_FLOAT;
    }
    if (incr == LongDouble.INFINITY) {
      throw INCR_NAN_OR_INFINITY;
    }
    Entry e = c.lookupWrite(1);
    HashValue h = e == null ? new HashValue() : hashOf(e);
    BigDecimal value = BigDecimal.ZERO;
    if (e != null) {
      byte[] old = h.get(c.argArray(2), c.argOffset(2), c.argLength(2));
      if (old != null) {
        value = LongDouble.parse(old, 0, old.length);
        if (value == null) {
          throw HASH_NOT_FLOAT;
        }
      }
    }
    BigDecimal sum = LongDouble.add(value, incr);
    if (sum == null) {
      throw RESULT_NAN_OR_INFINITY;
    }
    byte[] text = LongDouble.formatHuman(sum);
    ServerSettings s = settings(c);
    h.set(c.argArray(2), c.argOffset(2), c.argLength(2), text, 0, text.length,
        s.hashMaxListpackEntries, s.hashMaxListpackValue);
    if (e == null) {
      c.db().add(c.argBytes(1), h);
    }
    c.dirty();
    c.reply().bulk(text);
    c.notifyKey(KeyspaceEvent.HINCRBYFLOAT, 1);
    // Like Redis: replicate the result, so replicas never redo the float arithmetic.
    c.propagateInstead(HSET_W, c.argBytes(1), c.argBytes(2), text.clone());
  }

  // ---- reads -----------------------------------------------------------------------------

  static void hget(Invocation c) {
    replyField(c.reply(), readHash(c), c, 2);
  }

  static void hmget(Invocation c) {
    HashValue h = readHash(c);
    ReplyWriter r = c.reply();
    r.arrayLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      replyField(r, h, c, i);
    }
  }

  /** The value of field argument {@code i} of {@code h} (null bulk if none), without copying. */
  private static void replyField(ReplyWriter r, HashValue h, Invocation c, int i) {
    if (h == null) {
      r.nullBulk();
    } else if (h.isListpack()) {
      long loc = h.listpackValue(c.argArray(i), c.argOffset(i), c.argLength(i));
      if (loc < 0) {
        r.nullBulk();
      } else {
        r.bulk(h.listpackArray(), (int) (loc >>> 32), (int) loc);
      }
    } else {
      byte[] v = h.get(c.argArray(i), c.argOffset(i), c.argLength(i));
      if (v == null) {
        r.nullBulk();
      } else {
        r.bulk(v);
      }
    }
  }

  static void hlen(Invocation c) {
    HashValue h = readHash(c);
    c.reply().integer(h == null ? 0 : h.size());
  }

  static void hstrlen(Invocation c) {
    HashValue h = readHash(c);
    c.reply().integer(h == null ? 0 : h.valueLength(c.argArray(2), c.argOffset(2), c.argLength(2)));
  }

  static void hexists(Invocation c) {
    HashValue h = readHash(c);
    c.reply().integer(h != null && h.exists(c.argArray(2), c.argOffset(2), c.argLength(2)) ? 1 : 0);
  }

  static void hkeys(Invocation c) {
    getAll(c, true, false);
  }

  static void hvals(Invocation c) {
    getAll(c, false, true);
  }

  static void hgetall(Invocation c) {
    getAll(c, true, true);
  }

  private static void getAll(Invocation c, boolean keys, boolean values) {
    HashValue h = readHash(c);
    ReplyWriter r = c.reply();
    int n = h == null ? 0 : h.size();
    if (keys && values) {
      r.mapLen(n);
    } else {
      r.arrayLen(n);
    }
    if (h == null) {
      return;
    }
    h.forEach((f, fo, fl, v, vo, vl) -> {
      if (keys) {
        r.bulk(f, fo, fl);
      }
      if (values) {
        r.bulk(v, vo, vl);
      }
    });
  }

  // ---- HRANDFIELD ------------------------------------------------------------------------

  static void hrandfield(Invocation c) {
    if (c.argc() >= 3) {
      long l = c.argLong(2);
      if (l == Long.MIN_VALUE) {
        throw COUNT_OUT_OF_RANGE; // Redis accepts [-LONG_MAX, LONG_MAX]
      }
      if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, WITHVALUES))) {
        throw ErrorReply.SYNTAX;
      }
      boolean withValues = c.argc() == 4;
      if (withValues && (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2)) {
        throw VALUE_OUT_OF_RANGE;
      }
      hrandfieldWithCount(c, l, withValues);
      return;
    }
    HashValue h = readHash(c);
    if (h == null) {
      c.reply().nullBulk();
      return;
    }
    Random random = c.node().keyspace().random();
    if (h.isListpack()) {
      byte[][] all = h.toArray();
      c.reply().bulk(all[2 * random.nextInt(h.size())]);
    } else {
      c.reply().bulk(h.randomPair(random)[0]);
    }
  }

  private static void hrandfieldWithCount(Invocation c, long l, boolean withValues) {
    HashValue h = readHash(c);
    ReplyWriter r = c.reply();
    if (h == null) {
      r.arrayLen(0);
      return;
    }
    Random random = c.node().keyspace().random();
    boolean resp3 = r.resp3();
    int size = h.size();
    boolean unique = l >= 0;
    long count = Math.abs(l);
    if (count == 0) {
      r.arrayLen(0);
      return;
    }

    // Case 1: negative count (or 1): independent draws, repeats allowed, random order.
    if (!unique || count == 1) {
      r.arrayLen(withValues && !resp3 ? count * 2 : count);
      byte[][] all = h.isListpack() ? h.toArray() : null;
      while (count-- > 0) {
        byte[] f;
        byte[] v;
        if (all != null) {
          int i = random.nextInt(size);
          f = all[2 * i];
          v = all[2 * i + 1];
        } else {
          byte[][] p = h.randomPair(random);
          f = p[0];
          v = p[1];
        }
        writePair(r, f, v, withValues, resp3);
      }
      return;
    }

    long replySize = Math.min(count, size);
    r.arrayLen(withValues && !resp3 ? replySize * 2 : replySize);

    // Case 2: asking for at least the whole hash: all of it, in the hash's own order.
    if (count >= size) {
      h.forEach((f, fo, fl, v, vo, vl) -> {
        if (withValues && resp3) {
          r.arrayLen(2);
        }
        r.bulk(f, fo, fl);
        if (withValues) {
          r.bulk(v, vo, vl);
        }
      });
      return;
    }

    byte[][] all = h.isListpack() || count * SUB_STRATEGY_MUL > size ? h.toArray() : null;
    if (count * SUB_STRATEGY_MUL > size) {
      // Case 3: count close to the size: drop random pairs until count remain (Redis replies
      // them in its temporary dict's order, which is unspecified; so is ours).
      int[] idx = new int[size];
      for (int i = 0; i < size; i++) {
        idx[i] = i;
      }
      int left = size;
      while (left > count) {
        int k = random.nextInt(left);
        idx[k] = idx[--left];
      }
      for (int i = 0; i < left; i++) {
        writePair(r, all[2 * idx[i]], all[2 * idx[i] + 1], withValues, resp3);
      }
      return;
    }

    // Case 4: a big hash compared to count.
    if (all != null) {
      // Listpack: a unique sample, replied in listpack order as Redis's lpRandomPairsUnique.
      boolean[] picked = new boolean[size];
      int got = 0;
      while (got < count) {
        int i = random.nextInt(size);
        if (!picked[i]) {
          picked[i] = true;
          got++;
        }
      }
      for (int i = 0; i < size; i++) {
        if (picked[i]) {
          writePair(r, all[2 * i], all[2 * i + 1], withValues, resp3);
        }
      }
      return;
    }
    java.util.Set<byte[]> seen =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    while (seen.size() < count) {
      byte[][] p = h.randomPair(random);
      if (seen.add(p[0])) {
        writePair(r, p[0], p[1], withValues, resp3);
      }
    }
  }

  private static void writePair(ReplyWriter r, byte[] f, byte[] v, boolean withValues,
      boolean resp3) {
    if (withValues && resp3) {
      r.arrayLen(2);
    }
    r.bulk(f);
    if (withValues) {
      r.bulk(v);
    }
  }

  // ---- HSCAN -----------------------------------------------------------------------------

  static void hscan(Invocation c) {
    long cursor = KeyCommands.parseScanCursor(c, 2);
    HashValue h = readHash(c);
    ReplyWriter r = c.reply();
    if (h == null) {
      r.arrayLen(2);
      r.bulk(ZERO);
      r.arrayLen(0);
      return;
    }
    ScanOptions opts = ScanOptions.parse(c, 3, false);
    long count = opts.count();
    GlobPattern pattern = opts.pattern();
    List<byte[]> found = new ArrayList<>();
    HashValue.PairVisitor collect = (f, fo, fl, v, vo, vl) -> {
      found.add(Arrays.copyOfRange(f, fo, fo + fl));
      found.add(Arrays.copyOfRange(v, vo, vo + vl));
    };
    if (h.isListpack()) {
      h.forEach(collect);
      cursor = 0;
    } else {
      count = count > Long.MAX_VALUE / 20 ? Long.MAX_VALUE / 20 : count * 2; // fields and values
      long maxIterations = count * 10;
      do {
        cursor = h.scan(cursor, collect);
      } while (cursor != 0 && maxIterations-- != 0 && found.size() < count);
    }
    int n = found.size();
    if (pattern != null) {
      int w = 0;
      for (int i = 0; i < found.size(); i += 2) {
        if (pattern.matches(found.get(i))) {
          found.set(w++, found.get(i));
          found.set(w++, found.get(i + 1));
        }
      }
      n = w;
    }
    r.arrayLen(2);
    r.bulk(Numbers.toBytes(cursor));
    r.arrayLen(n);
    for (int i = 0; i < n; i++) {
      r.bulk(found.get(i));
    }
  }

  private static final byte[] ZERO = Invocation.ascii("0");
}
