package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Set commands (Redis 7.0's {@code t_set.c}). The data structure is {@link SetValue}; this
 * file parses, replies and propagates.
 *
 * <h2>Orders that are visible</h2>
 * An intset iterates in ascending order, so replies built from one are deterministic and match
 * Redis byte for byte. To get the same encodings (and so the same orders) as Redis, the set
 * algebra follows {@code sinterGenericCommand} and {@code sunionDiffGenericCommand} step by step:
 * SINTER walks the smallest input (a stable sort by size, as glibc's merge-sort {@code qsort});
 * SUNION, SDIFF and the STORE variants build their result in a fresh set that starts as an intset
 * and converts when Redis's would, including SDIFF's choice between its two algorithms (the
 * second adds the whole first set before subtracting, so it can convert on the way).
 *
 * <h2>Propagation</h2>
 * SPOP becomes {@code SREM key member} per popped member (several are wrapped in MULTI/EXEC by
 * the propagator), or {@code DEL key} when the count takes the whole set, as 7.0.15 writes its
 * AOF. Everything else is verbatim and only when something changed.
 */
public final class SetCommands {

  private static final byte[] LIMIT = Invocation.ascii("limit");
  private static final byte[] SREM = Invocation.ascii("SREM");
  private static final byte[] DEL = Invocation.ascii("DEL");
  private static final byte[] ZERO = Invocation.ascii("0");

  private static final CommandError POSITIVE = new CommandError("ERR value is out of range, must be positive");
  private static final CommandError SRANDMEMBER_RANGE = new CommandError(
      "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
  private static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
  private static final CommandError TOO_MANY_KEYS =
      new CommandError("ERR Number of keys can't be greater than number of args");
  private static final CommandError LIMIT_NEGATIVE = new CommandError("ERR LIMIT can't be negative");

  /** SPOP_MOVE_STRATEGY_MUL in t_set.c. */
  private static final long SPOP_MOVE_STRATEGY_MUL = 5;

  private SetCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("sadd", -3, SetCommands::sadd)
        .flags("write denyoom fast")
        .acl("@write @set @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("set").since("1.0.0");
    b.add("srem", -3, SetCommands::srem)
        .flags("write fast")
        .acl("@write @set @fast")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("set").since("1.0.0");
    b.add("smembers", 2, SetCommands::smembers)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output_order")
        .group("set").since("1.0.0");
    b.add("sismember", 3, SetCommands::sismember)
        .flags("readonly fast")
        .acl("@read @set @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("set").since("1.0.0");
    b.add("smismember", -3, SetCommands::smismember)
        .flags("readonly fast")
        .acl("@read @set @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("set").since("6.2.0");
    b.add("scard", 2, SetCommands::scard)
        .flags("readonly fast")
        .acl("@read @set @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("set").since("1.0.0");
    b.add("spop", -2, SetCommands::spop)
        .flags("write fast")
        .acl("@write @set @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("set").since("1.0.0");
    b.add("srandmember", -2, SetCommands::srandmember)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("set").since("1.0.0");
    b.add("smove", 4, SetCommands::smove)
        .flags("write fast")
        .acl("@write @set @fast")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "RW insert|index:2|range:0,1,0")
        .group("set").since("1.0.0");
    b.add("sinter", -2, SetCommands::sinter)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, -1, 1, "RO access|index:1|range:-1,1,0")
        .tips("nondeterministic_output_order")
        .group("set").since("1.0.0");
    b.add("sintercard", -3, SetCommands::sintercard)
        .flags("readonly movablekeys")
        .acl("@read @set @slow")
        .keys(0, 0, 0, "RO access|index:1|keynum:0,1,1")
        .group("set").since("7.0.0");
    b.add("sinterstore", -3, SetCommands::sinterstore)
        .flags("write denyoom")
        .acl("@write @set @slow")
        .keys(1, -1, 1, "RW update|index:1|range:0,1,0", "RO access|index:2|range:-1,1,0")
        .group("set").since("1.0.0");
    b.add("sunion", -2, SetCommands::sunion)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, -1, 1, "RO access|index:1|range:-1,1,0")
        .tips("nondeterministic_output_order")
        .group("set").since("1.0.0");
    b.add("sunionstore", -3, SetCommands::sunionstore)
        .flags("write denyoom")
        .acl("@write @set @slow")
        .keys(1, -1, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|range:-1,1,0")
        .group("set").since("1.0.0");
    b.add("sdiff", -2, SetCommands::sdiff)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, -1, 1, "RO access|index:1|range:-1,1,0")
        .tips("nondeterministic_output_order")
        .group("set").since("1.0.0");
    b.add("sdiffstore", -3, SetCommands::sdiffstore)
        .flags("write denyoom")
        .acl("@write @set @slow")
        .keys(1, -1, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|range:-1,1,0")
        .group("set").since("1.0.0");
    b.add("sscan", -3, SetCommands::sscan)
        .flags("readonly")
        .acl("@read @set @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("set").since("2.8.0");
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** The set stored in {@code e}, or WRONGTYPE. */
  private static SetValue asSet(Entry e) {
    RedisValue v = e.value();
    if (v instanceof SetValue s) {
      return s;
    }
    throw ErrorReply.WRONGTYPE;
  }

  private static long maxIntset(Invocation c) {
    return c.node().settings().setMaxIntsetEntries;
  }

  private static Random random(Invocation c) {
    return c.node().keyspace().random();
  }

  /** A set reply (RESP3 {@code ~}, RESP2 array) of {@code s}'s members in iteration order. */
  private static void replySet(ReplyWriter r, SetValue s) {
    r.setLen(s.size());
    s.forEach(r::bulk);
  }

  private static void replyEmptySet(ReplyWriter r) {
    r.setLen(0);
  }

  // ---- single-key commands ---------------------------------------------------------------

  static void sadd(Invocation c) {
    Entry e = c.lookupWrite(1);
    SetValue s;
    if (e == null) {
      s = SetValue.createFor(c.argArray(2), c.argOffset(2), c.argLength(2));
      c.db().add(c.argBytes(1), s);
    } else {
      s = asSet(e);
    }
    long max = maxIntset(c);
    int added = 0;
    for (int i = 2; i < c.argc(); i++) {
      if (s.add(c.argArray(i), c.argOffset(i), c.argLength(i), max)) {
        added++;
      }
    }
    if (added > 0) {
      c.notifyKey(KeyspaceEvent.SADD, 1);
    }
    c.dirty(added);
    c.reply().integer(added);
  }

  static void srem(Invocation c) {
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    SetValue s = asSet(e);
    int deleted = 0;
    for (int i = 2; i < c.argc(); i++) {
      if (s.remove(c.argArray(i), c.argOffset(i), c.argLength(i))) {
        deleted++;
        if (s.size() == 0) {
          c.db().delete(e);
          break;
        }
      }
    }
    if (deleted > 0) {
      c.notifyKey(KeyspaceEvent.SREM, 1);
      if (s.size() == 0) {
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
    }
    c.dirty(deleted);
    c.reply().integer(deleted);
  }

  static void smove(Invocation c) {
    Entry src = c.lookupWrite(1);
    Entry dst = c.lookupWrite(2);
    if (src == null) {
      c.reply().integer(0);
      return;
    }
    SetValue srcSet = asSet(src);
    SetValue dstSet = dst == null ? null : asSet(dst);
    byte[] a = c.argArray(3);
    int off = c.argOffset(3);
    int len = c.argLength(3);
    if (srcSet == dstSet) {
      c.reply().integer(srcSet.contains(a, off, len) ? 1 : 0);
      return;
    }
    if (!srcSet.remove(a, off, len)) {
      c.reply().integer(0);
      return;
    }
    c.notifyKey(KeyspaceEvent.SREM, 1);
    if (srcSet.size() == 0) {
      c.db().delete(src);
      c.notifyKey(KeyspaceEvent.DEL, 1);
    }
    if (dstSet == null) {
      dstSet = SetValue.createFor(a, off, len);
      c.db().add(c.argBytes(2), dstSet);
    }
    c.dirty();
    if (dstSet.add(a, off, len, maxIntset(c))) {
      c.dirty();
      c.notifyKey(KeyspaceEvent.SADD, 2);
    }
    c.reply().integer(1);
  }

  static void sismember(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    c.reply().integer(asSet(e).contains(c.argArray(2), c.argOffset(2), c.argLength(2)) ? 1 : 0);
  }

  static void smismember(Invocation c) {
    Entry e = c.lookupRead(1);
    SetValue s = e == null ? null : asSet(e);
    ReplyWriter r = c.reply();
    r.arrayLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      r.integer(s != null && s.contains(c.argArray(i), c.argOffset(i), c.argLength(i)) ? 1 : 0);
    }
  }

  static void scard(Invocation c) {
    Entry e = c.lookupRead(1);
    c.reply().integer(e == null ? 0 : asSet(e).size());
  }

  static void smembers(Invocation c) {
    sinterGeneric(c, 1, 1, -1, false, 0);
  }

  // ---- random ----------------------------------------------------------------------------

  static void spop(Invocation c) {
    if (c.argc() == 3) {
      spopWithCount(c);
      return;
    }
    if (c.argc() > 3) {
      throw ErrorReply.SYNTAX;
    }
    Entry e = c.lookupWrite(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    SetValue s = asSet(e);
    byte[] member = s.randomMember(random(c)).clone();
    s.remove(member);
    c.notifyKey(KeyspaceEvent.SPOP, 1);
    c.propagateInstead(SREM, c.argBytes(1), member);
    c.reply().bulk(member);
    if (s.size() == 0) {
      c.db().delete(e);
      c.notifyKey(KeyspaceEvent.DEL, 1);
    }
    c.dirty();
  }

  private static void spopWithCount(Invocation c) {
    long count = c.argLong(2, POSITIVE);
    if (count < 0) {
      throw POSITIVE;
    }
    Entry e = c.lookupWrite(1);
    if (e == null) {
      replyEmptySet(c.reply());
      return;
    }
    SetValue s = asSet(e);
    if (count == 0) {
      replyEmptySet(c.reply());
      return;
    }
    long size = s.size();
    c.notifyKey(KeyspaceEvent.SPOP, 1);
    c.dirty(count);
    ReplyWriter r = c.reply();
    byte[] key = c.argBytes(1);
    if (count >= size) {
      // Redis replies with the union of the one set (a fresh set: its encoding decides the order).
      replySet(r, union(new SetValue[] {s}, maxIntset(c)));
      c.db().delete(e);
      c.notifyKey(KeyspaceEvent.DEL, 1);
      c.propagateInstead(DEL, key);
      c.dirty();
      return;
    }
    long remaining = size - count;
    Random random = random(c);
    r.setLen(count);
    if (remaining * SPOP_MOVE_STRATEGY_MUL > count) {
      for (long i = 0; i < count; i++) {
        byte[] m = s.randomMember(random).clone();
        r.bulk(m);
        s.remove(m);
        c.propagateInstead(SREM, key, m);
      }
    } else {
      // Few survivors: draw them into a new set, return (and remove) what is left in the old one.
      // The new set is created for its first member (setTypeCreate): an intset when that is an
      // integer, whatever the old set's encoding.
      SetValue kept = null;
      long max = maxIntset(c);
      for (long i = 0; i < remaining; i++) {
        byte[] m = s.randomMember(random).clone();
        if (kept == null) {
          kept = SetValue.createFor(m, 0, m.length);
        }
        kept.add(m, max);
        s.remove(m);
      }
      s.forEach(m -> {
        r.bulk(m);
        c.propagateInstead(SREM, key, m.clone());
      });
      c.db().set(key, kept, true);
    }
  }

  static void srandmember(Invocation c) {
    if (c.argc() == 3) {
      srandmemberWithCount(c);
      return;
    }
    if (c.argc() > 3) {
      throw ErrorReply.SYNTAX;
    }
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    c.reply().bulk(asSet(e).randomMember(random(c)));
  }

  private static void srandmemberWithCount(Invocation c) {
    long l = c.argLong(2);
    if (l == Long.MIN_VALUE) {
      throw SRANDMEMBER_RANGE;
    }
    boolean unique = l >= 0;
    long count = Math.abs(l);
    Entry e = c.lookupRead(1);
    ReplyWriter r = c.reply();
    if (e == null) {
      r.arrayLen(0);
      return;
    }
    SetValue s = asSet(e);
    if (count == 0) {
      r.arrayLen(0);
      return;
    }
    Random random = random(c);
    if (!unique || count == 1) {
      r.arrayLen(count);
      for (long i = 0; i < count; i++) {
        r.bulk(s.randomMember(random));
      }
      return;
    }
    int size = s.size();
    if (count >= size) {
      r.arrayLen(size);
      s.forEach(r::bulk);
      return;
    }
    // Distinct random members (Redis's cases 3 and 4 give a random order either way).
    byte[][] all = s.members();
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(size - i);
      byte[] t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    r.arrayLen(count);
    for (int i = 0; i < count; i++) {
      r.bulk(all[i]);
    }
  }

  // ---- intersection ----------------------------------------------------------------------

  static void sinter(Invocation c) {
    sinterGeneric(c, 1, c.argc() - 1, -1, false, 0);
  }

  static void sinterstore(Invocation c) {
    sinterGeneric(c, 2, c.argc() - 2, 1, false, 0);
  }

  static void sintercard(Invocation c) {
    long numkeys = c.argLong(1, NUMKEYS);
    if (numkeys < 1) {
      throw NUMKEYS;
    }
    if (numkeys > c.argc() - 2) {
      throw TOO_MANY_KEYS;
    }
    long limit = 0;
    for (int i = 2 + (int) numkeys; i < c.argc(); i++) {
      if (c.argIs(i, LIMIT) && i + 1 < c.argc()) {
        limit = c.argLong(i + 1, LIMIT_NEGATIVE);
        if (limit < 0) {
          throw LIMIT_NEGATIVE;
        }
        i++;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    sinterGeneric(c, 2, (int) numkeys, -1, true, limit);
  }

  /**
   * {@code sinterGenericCommand}: keys are arguments {@code first .. first+n-1}; {@code dstArg}
   * is the destination's argument index or -1; {@code cardOnly} replies the count (stopping at
   * {@code limit} when positive).
   */
  private static void sinterGeneric(Invocation c, int first, int n, int dstArg, boolean cardOnly, long limit) {
    SetValue[] sets = new SetValue[n];
    boolean empty = false;
    for (int j = 0; j < n; j++) {
      Entry e = c.lookupRead(first + j); // Redis 7.0 reads the sources of SINTERSTORE too
      if (e == null) {
        empty = true;
        continue;
      }
      sets[j] = asSet(e);
    }
    ReplyWriter r = c.reply();
    if (empty) {
      if (dstArg >= 0) {
        if (c.deleteKeyArg(dstArg)) {
          c.notifyKey(KeyspaceEvent.DEL, dstArg);
          c.dirty();
        }
        r.integer(0);
      } else if (cardOnly) {
        r.integer(0);
      } else {
        replyEmptySet(r);
      }
      return;
    }
    SetValue[] sorted = sets.clone();
    Arrays.sort(sorted, Comparator.comparingInt(SetValue::size)); // stable, like glibc's qsort
    SetValue smallest = sorted[0];
    long max = maxIntset(c);
    SetValue dst = dstArg >= 0 ? SetValue.newIntset() : null;
    List<byte[]> out = dst == null && !cardOnly ? new ArrayList<>() : null;
    long[] card = {0};
    try {
      smallest.forEach(m -> {
        for (int j = 1; j < sorted.length; j++) {
          if (sorted[j] != smallest && !sorted[j].contains(m)) {
            return;
          }
        }
        if (cardOnly) {
          card[0]++;
          if (limit > 0 && card[0] >= limit) {
            throw StopIteration.INSTANCE;
          }
        } else if (dst != null) {
          dst.add(m, max);
        } else {
          out.add(m);
        }
      });
    } catch (StopIteration stop) {
      // LIMIT reached
    }
    if (cardOnly) {
      r.integer(card[0]);
    } else if (dst != null) {
      store(c, dstArg, dst, KeyspaceEvent.SINTERSTORE);
    } else {
      r.setLen(out.size());
      for (byte[] m : out) {
        r.bulk(m);
      }
    }
  }

  /** Ends an intersection walk early (SINTERCARD's LIMIT). */
  private static final class StopIteration extends RuntimeException {
    static final StopIteration INSTANCE = new StopIteration();

    private StopIteration() {
      super(null, null, false, false);
    }
  }

  /** The STORE tail: a non-empty result replaces the destination (dropping its TTL); an empty one deletes it. */
  private static void store(Invocation c, int dstArg, SetValue result, KeyspaceEvent event) {
    if (result.size() > 0) {
      c.db().set(c.argBytes(dstArg), result, false);
      c.dirty();
      c.reply().integer(result.size());
      c.notifyKey(event, dstArg);
    } else {
      c.reply().integer(0);
      if (c.deleteKeyArg(dstArg)) {
        c.dirty();
        c.notifyKey(KeyspaceEvent.DEL, dstArg);
      }
    }
  }

  // ---- union and difference --------------------------------------------------------------

  static void sunion(Invocation c) {
    unionDiffGeneric(c, 1, c.argc() - 1, -1, false);
  }

  static void sunionstore(Invocation c) {
    unionDiffGeneric(c, 2, c.argc() - 2, 1, false);
  }

  static void sdiff(Invocation c) {
    unionDiffGeneric(c, 1, c.argc() - 1, -1, true);
  }

  static void sdiffstore(Invocation c) {
    unionDiffGeneric(c, 2, c.argc() - 2, 1, true);
  }

  private static void unionDiffGeneric(Invocation c, int first, int n, int dstArg, boolean diff) {
    SetValue[] sets = new SetValue[n];
    for (int j = 0; j < n; j++) {
      Entry e = c.lookupRead(first + j); // Redis 7.0 reads the sources of SUNIONSTORE/SDIFFSTORE too
      sets[j] = e == null ? null : asSet(e);
    }
    long max = maxIntset(c);
    SetValue result = diff ? difference(sets, max) : union(sets, max);
    if (dstArg >= 0) {
      store(c, dstArg, result, diff ? KeyspaceEvent.SDIFFSTORE : KeyspaceEvent.SUNIONSTORE);
    } else {
      replySet(c.reply(), result);
    }
  }

  /** Every member of every set (null = missing key), added in order into a fresh intset. */
  static SetValue union(SetValue[] sets, long maxIntset) {
    SetValue dst = SetValue.newIntset();
    for (SetValue s : sets) {
      if (s != null) {
        s.forEach(m -> dst.add(m, maxIntset));
      }
    }
    return dst;
  }

  /** {@code sunionDiffGenericCommand}'s SDIFF, with its choice of algorithm. */
  static SetValue difference(SetValue[] sets, long maxIntset) {
    SetValue dst = SetValue.newIntset();
    SetValue head = sets[0];
    if (head == null) {
      return dst;
    }
    boolean sameSet = false;
    long algoOne = 0;
    long algoTwo = 0;
    for (int j = 0; j < sets.length; j++) {
      if (sets[j] == null) {
        continue;
      }
      if (j > 0 && sets[j] == head) {
        sameSet = true;
      }
      algoOne += head.size();
      algoTwo += sets[j].size();
    }
    if (sameSet) {
      return dst; // A - ... - A is empty
    }
    algoOne /= 2;
    if (algoOne <= algoTwo) {
      // Algorithm 1: keep members of the first set found in none of the others, the others
      // checked largest first.
      SetValue[] others = Arrays.copyOfRange(sets, 1, sets.length);
      Arrays.sort(others, Comparator.comparingInt((SetValue s) -> s == null ? 0 : s.size()).reversed());
      head.forEach(m -> {
        for (SetValue o : others) {
          if (o != null && o.contains(m)) {
            return;
          }
        }
        dst.add(m, maxIntset);
      });
    } else {
      // Algorithm 2: add the first set, then remove every member of the others.
      head.forEach(m -> dst.add(m, maxIntset));
      for (int j = 1; j < sets.length && dst.size() > 0; j++) {
        if (sets[j] != null) {
          sets[j].forEach(dst::remove);
        }
      }
    }
    return dst;
  }

  // ---- SSCAN -----------------------------------------------------------------------------

  static void sscan(Invocation c) {
    long cursor = KeyCommands.parseScanCursor(c, 2);
    Entry e = c.lookupRead(1);
    ReplyWriter r = c.reply();
    if (e == null) {
      r.arrayLen(2);
      r.bulk(ZERO);
      r.arrayLen(0);
      return;
    }
    SetValue s = asSet(e);
    ScanOptions opts = ScanOptions.parse(c, 3, false);
    long count = opts.count();
    GlobPattern pattern = opts.pattern();
    List<byte[]> found = new ArrayList<>();
    if (s.isIntset()) {
      s.forEach(found::add);
      cursor = 0;
    } else {
      long maxIterations = count * 10;
      do {
        cursor = s.scan(cursor, found::add);
      } while (cursor != 0 && maxIterations-- != 0 && found.size() < count);
    }
    int n = 0;
    if (pattern != null) {
      for (int i = 0; i < found.size(); i++) {
        if (pattern.matches(found.get(i))) {
          found.set(n++, found.get(i));
        }
      }
    } else {
      n = found.size();
    }
    r.arrayLen(2);
    r.bulk(Invocation.ascii(Long.toUnsignedString(cursor)));
    r.arrayLen(n);
    for (int i = 0; i < n; i++) {
      r.bulk(found.get(i));
    }
  }
}
