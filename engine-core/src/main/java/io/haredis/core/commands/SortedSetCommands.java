package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.node.ServerSettings;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.ValueType;
import io.haredis.core.type.ZSetValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Sorted set commands (Redis's t_zset.c): member/score access, ZADD and friends, popping,
 * ZRANDMEMBER and ZSCAN here; ranges, range removal and the multi-key operations in {@link
 * SortedSetRangeCommands}. Replies and errors follow redis-server 7.0.
 */
public final class SortedSetCommands {

  private SortedSetCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("zadd", -4, SortedSetCommands::zadd)
        .flags("write denyoom fast")
        .acl("@write @sortedset @fast")
        .keys(1, 1, 1, "RW update|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zincrby", 4, SortedSetCommands::zincrby)
        .flags("write denyoom fast")
        .acl("@write @sortedset @fast")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zrem", -3, SortedSetCommands::zrem)
        .flags("write fast")
        .acl("@write @sortedset @fast")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zcard", 2, SortedSetCommands::zcard)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zscore", 3, SortedSetCommands::zscore)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zmscore", -3, SortedSetCommands::zmscore)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("6.2.0");
    b.add("zrank", 3, SortedSetCommands::zrank)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.0.0");
    b.add("zrevrank", 3, SortedSetCommands::zrevrank)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.0.0");
    b.add("zpopmin", -2, SortedSetCommands::zpopmin)
        .flags("write fast")
        .acl("@write @sortedset @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .group("sorted-set").since("5.0.0");
    b.add("zpopmax", -2, SortedSetCommands::zpopmax)
        .flags("write fast")
        .acl("@write @sortedset @fast")
        .keys(1, 1, 1, "RW access delete|index:1|range:0,1,0")
        .group("sorted-set").since("5.0.0");
    b.add("zmpop", -4, SortedSetCommands::zmpop)
        .flags("write movablekeys")
        .acl("@write @sortedset @slow")
        .keys(0, 0, 0, "RW access delete|index:1|keynum:0,1,1")
        .group("sorted-set").since("7.0.0");
    b.add("zrandmember", -2, SortedSetCommands::zrandmember)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("sorted-set").since("6.2.0");
    b.add("zscan", -3, SortedSetCommands::zscan)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("sorted-set").since("2.8.0");
    SortedSetRangeCommands.register(b);
  }

  private static final byte[] NX = Invocation.ascii("nx");
  private static final byte[] XX = Invocation.ascii("xx");
  private static final byte[] CH = Invocation.ascii("ch");
  private static final byte[] INCR = Invocation.ascii("incr");
  private static final byte[] GT = Invocation.ascii("gt");
  private static final byte[] LT = Invocation.ascii("lt");
  private static final byte[] MIN = Invocation.ascii("min");
  private static final byte[] MAX = Invocation.ascii("max");
  private static final byte[] COUNT = Invocation.ascii("count");
  private static final byte[] WITHSCORES = Invocation.ascii("withscores");
  private static final byte[] ZPOPMIN_CMD = Invocation.ascii("ZPOPMIN");
  private static final byte[] ZPOPMAX_CMD = Invocation.ascii("ZPOPMAX");

  private static final CommandError NX_XX = new CommandError("ERR XX and NX options at the same time are not compatible");
  private static final CommandError GT_LT_NX =
      new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
  private static final CommandError INCR_PAIR =
      new CommandError("ERR INCR option supports a single increment-element pair");
  static final CommandError NAN_RESULT = new CommandError("ERR resulting score is not a number (NaN)");
  private static final CommandError NOT_POSITIVE = new CommandError("ERR value is out of range, must be positive");
  private static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
  private static final CommandError COUNT_POSITIVE = new CommandError("ERR count should be greater than 0");
  private static final CommandError RANDMEMBER_RANGE =
      new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
  private static final CommandError OUT_OF_RANGE = new CommandError("ERR value is out of range");

  // ---- shared helpers -------------------------------------------------------------------

  /** The sorted set under key argument {@code i} for reading, null if absent; WRONGTYPE else. */
  static ZSetValue readZset(Invocation c, int i) {
    return asZset(c.lookupRead(i));
  }

  static ZSetValue asZset(Entry e) {
    if (e == null) {
      return null;
    }
    RedisValue v = e.value();
    if (v.type() != ValueType.ZSET) {
      throw ErrorReply.WRONGTYPE;
    }
    return (ZSetValue) v;
  }

  static Random random(Invocation c) {
    return c.node().context().random();
  }

  static long maxEntries(Invocation c) {
    return c.node().settings().zsetMaxListpackEntries;
  }

  static long maxValue(Invocation c) {
    return c.node().settings().zsetMaxListpackValue;
  }

  /** A long argument or {@code error} (also when it is not an integer, as Redis's *OrReply with a message). */
  static long argLongRange(Invocation c, int i, long min, long max, CommandError error) {
    long v = c.argLong(i, error);
    if (v < min || v > max) {
      throw error;
    }
    return v;
  }

  /** One element of a reply: member, then its score when {@code withScores} (RESP3 nests a pair). */
  static void replyElement(ReplyWriter r, byte[] member, double score, boolean withScores) {
    if (withScores && r.resp3()) {
      r.arrayLen(2);
    }
    r.bulk(member);
    if (withScores) {
      SortedSetArgs.replyScore(r, score);
    }
  }

  /** The array header for {@code n} elements (RESP2 flattens member/score pairs). */
  static void replyElementsLen(ReplyWriter r, long n, boolean withScores) {
    r.arrayLen(withScores && !r.resp3() ? n * 2 : n);
  }

  // ---- ZADD, ZINCRBY ----------------------------------------------------------------------

  static void zadd(Invocation c) {
    zaddGeneric(c, false);
  }

  static void zincrby(Invocation c) {
    zaddGeneric(c, true);
  }

  private static void zaddGeneric(Invocation c, boolean incr) {
    boolean nx = false;
    boolean xx = false;
    boolean ch = false;
    boolean gt = false;
    boolean lt = false;
    int scoreIdx = 2;
    for (; scoreIdx < c.argc(); scoreIdx++) {
      if (c.argIs(scoreIdx, NX)) {
        nx = true;
      } else if (c.argIs(scoreIdx, XX)) {
        xx = true;
      } else if (c.argIs(scoreIdx, CH)) {
        ch = true;
      } else if (c.argIs(scoreIdx, INCR)) {
        incr = true;
      } else if (c.argIs(scoreIdx, GT)) {
        gt = true;
      } else if (c.argIs(scoreIdx, LT)) {
        lt = true;
      } else {
        break;
      }
    }
    int elements = c.argc() - scoreIdx;
    if (elements % 2 != 0 || elements == 0) {
      throw ErrorReply.SYNTAX;
    }
    elements /= 2;
    if (nx && xx) {
      throw NX_XX;
    }
    if ((gt && nx) || (lt && nx) || (gt && lt)) {
      throw GT_LT_NX;
    }
    if (incr && elements > 1) {
      throw INCR_PAIR;
    }
    double[] scores = new double[elements];
    for (int j = 0; j < elements; j++) {
      scores[j] = SortedSetArgs.parseDouble(c, scoreIdx + j * 2);
    }

    Entry e = c.lookupWrite(1);
    ZSetValue z = asZset(e);
    long added = 0;
    long updated = 0;
    long processed = 0;
    double score = 0;
    if (z == null && !xx) {
      z = ZSetValue.compact(random(c));
      c.db().add(c.argBytes(1), z);
    }
    if (z != null) {
      long maxEntries = maxEntries(c);
      long maxValue = maxValue(c);
      try {
        for (int j = 0; j < elements; j++) {
          score = scores[j];
          int mi = scoreIdx + 1 + j * 2;
          byte[] a = c.argArray(mi);
          int off = c.argOffset(mi);
          int len = c.argLength(mi);
          double cur = z.score(a, off, len);
          if (!Double.isNaN(cur)) {
            if (nx) {
              continue;
            }
            if (incr) {
              score += cur;
              if (Double.isNaN(score)) {
                throw NAN_RESULT;
              }
            }
            if ((lt && score >= cur) || (gt && score <= cur)) {
              continue;
            }
            processed++;
            if (score != cur) {
              z.setScore(a, off, len, score);
              updated++;
            }
          } else if (!xx) {
            z.insertNew(c.argBytes(mi), score, maxEntries, maxValue);
            added++;
            processed++;
          }
        }
      } finally {
        c.dirty(added + updated);
      }
    }
    ReplyWriter r = c.reply();
    if (incr) {
      if (processed > 0) {
        SortedSetArgs.replyScore(r, score);
      } else {
        r.nullBulk();
      }
    } else {
      r.integer(ch ? added + updated : added);
    }
    if (added + updated > 0) {
      c.notifyKey(incr ? KeyspaceEvent.ZINCR : KeyspaceEvent.ZADD, 1);
    }
  }

  // ---- ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK ------------------------------------------------

  static void zrem(Invocation c) {
    Entry e = c.lookupWrite(1);
    ZSetValue z = asZset(e);
    if (z == null) {
      c.reply().integer(0);
      return;
    }
    long deleted = 0;
    for (int i = 2; i < c.argc(); i++) {
      if (z.remove(c.argArray(i), c.argOffset(i), c.argLength(i))) {
        deleted++;
        if (z.size() == 0) {
          c.db().delete(e);
          break;
        }
      }
    }
    if (deleted > 0) {
      c.notifyKey(KeyspaceEvent.ZREM, 1);
      if (z.size() == 0) {
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
    }
    c.dirty(deleted);
    c.reply().integer(deleted);
  }

  static void zcard(Invocation c) {
    ZSetValue z = readZset(c, 1);
    c.reply().integer(z == null ? 0 : z.size());
  }

  static void zscore(Invocation c) {
    ZSetValue z = readZset(c, 1);
    double s = z == null ? Double.NaN : z.score(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (Double.isNaN(s)) {
      c.reply().nullBulk();
    } else {
      SortedSetArgs.replyScore(c.reply(), s);
    }
  }

  static void zmscore(Invocation c) {
    ZSetValue z = readZset(c, 1);
    ReplyWriter r = c.reply();
    r.arrayLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      double s = z == null ? Double.NaN : z.score(c.argArray(i), c.argOffset(i), c.argLength(i));
      if (Double.isNaN(s)) {
        r.nullBulk();
      } else {
        SortedSetArgs.replyScore(r, s);
      }
    }
  }

  static void zrank(Invocation c) {
    rankGeneric(c, false);
  }

  static void zrevrank(Invocation c) {
    rankGeneric(c, true);
  }

  private static void rankGeneric(Invocation c, boolean reverse) {
    ZSetValue z = readZset(c, 1);
    long rank = z == null ? -1 : z.rank(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (rank < 0) {
      c.reply().nullBulk();
    } else {
      c.reply().integer(reverse ? z.size() - 1 - rank : rank);
    }
  }

  // ---- ZPOPMIN, ZPOPMAX, ZMPOP ------------------------------------------------------------

  static void zpopmin(Invocation c) {
    zpopMinMax(c, false);
  }

  static void zpopmax(Invocation c) {
    zpopMinMax(c, true);
  }

  private static void zpopMinMax(Invocation c, boolean max) {
    if (c.argc() > 3) {
      throw ErrorReply.SYNTAX;
    }
    long count = -1;
    if (c.argc() == 3) {
      count = argLongRange(c, 2, 0, Long.MAX_VALUE, NOT_POSITIVE);
    }
    boolean nested = c.reply().resp3() && count != -1;
    popGeneric(c, 1, 1, max, false, count, nested, false);
  }

  /**
   * Redis's genericZpopCommand: pops up to {@code count} (-1: one, flat) elements from the first
   * non-empty key among {@code keyc} keys from argument {@code first}. With {@code emitKey} the
   * reply names the key ({@code [key, member, score]} for one flat element, as BZPOPMIN/BZPOPMAX
   * reply; {@code [key, [[member, score]...]]} otherwise) and the pop is logged as
   * {@code ZPOPMIN|ZPOPMAX key [n]}.
   */
  static void popGeneric(Invocation c, int first, int keyc, boolean max, boolean emitKey,
      long count, boolean nested, boolean nilWhenEmpty) {
    Entry e = null;
    int keyIdx = -1;
    for (int i = 0; i < keyc; i++) {
      if (c.servingAnotherKey(first + i)) {
        continue;
      }
      Entry x = c.lookupWrite(first + i);
      if (x == null) {
        continue;
      }
      asZset(x);
      e = x;
      keyIdx = first + i;
      break;
    }
    ReplyWriter r = c.reply();
    if (count == 0) {
      r.arrayLen(0);
      return;
    }
    if (e == null) {
      if (nilWhenEmpty) {
        r.nullArray();
      } else {
        r.arrayLen(0);
      }
      return;
    }
    ZSetValue z = (ZSetValue) e.value();
    long want = count == -1 ? 1 : count;
    int n = (int) Math.min(want, z.size());
    if (!nested && !emitKey) {
      r.arrayLen(n * 2L);
    } else if (nested && !emitKey) {
      r.arrayLen(n);
    } else if (count == -1) {
      r.arrayLen(3);
      r.bulk(c.argArray(keyIdx), c.argOffset(keyIdx), c.argLength(keyIdx));
    } else {
      r.arrayLen(2);
      r.bulk(c.argArray(keyIdx), c.argOffset(keyIdx), c.argLength(keyIdx));
      r.arrayLen(n);
    }
    for (int i = 0; i < n; i++) {
      int rank = max ? z.size() - 1 : 0;
      byte[] m = z.memberAt(rank);
      double s = z.scoreAt(rank);
      z.removeRange(rank, rank);
      if (i == 0) {
        c.notifyKey(max ? KeyspaceEvent.ZPOPMAX : KeyspaceEvent.ZPOPMIN, keyIdx);
      }
      if (nested) {
        r.arrayLen(2);
      }
      r.bulk(m);
      SortedSetArgs.replyScore(r, s);
    }
    c.dirty(n);
    byte[] key = null;
    if (emitKey) {
      key = c.argBytes(keyIdx);
    }
    if (z.size() == 0) {
      c.db().delete(e);
      c.notifyKey(KeyspaceEvent.DEL, keyIdx);
    }
    if (emitKey && count == -1) {
      c.propagateInstead(max ? ZPOPMAX_CMD : ZPOPMIN_CMD, key); // BZPOPMIN/BZPOPMAX
    } else if (emitKey) {
      // Redis 7.0 logs ZMPOP and BZMPOP as ZPOPMIN/ZPOPMAX with the number of elements popped
      c.propagateInstead(max ? ZPOPMAX_CMD : ZPOPMIN_CMD, key, Invocation.ascii(Integer.toString(n)));
    }
  }

  static void zmpop(Invocation c) {
    mpop(c, 1, -1);
  }

  /**
   * ZMPOP and BZMPOP ({@code blockDeadline} >= 0: the client blocks when every key is missing;
   * 0 means no deadline). Redis's {@code zmpopGenericCommand}.
   */
  static void mpop(Invocation c, int numkeysIndex, long blockDeadline) {
    long numkeys = argLongRange(c, numkeysIndex, 1, Long.MAX_VALUE, NUMKEYS);
    long whereIdx = numkeysIndex + numkeys + 1;
    if (whereIdx >= c.argc()) {
      throw ErrorReply.SYNTAX;
    }
    int w = (int) whereIdx;
    boolean max;
    if (c.argIs(w, MIN)) {
      max = false;
    } else if (c.argIs(w, MAX)) {
      max = true;
    } else {
      throw ErrorReply.SYNTAX;
    }
    long count = -1;
    for (int j = w + 1; j < c.argc(); j++) {
      boolean more = c.argc() - 1 - j > 0;
      if (count == -1 && c.argIs(j, COUNT) && more) {
        j++;
        count = argLongRange(c, j, 1, Long.MAX_VALUE, COUNT_POSITIVE);
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    if (count == -1) {
      count = 1;
    }
    int first = numkeysIndex + 1;
    if (blockDeadline >= 0 && c.mayBlock() && !anyKeyExists(c, first, (int) numkeys)) {
      int[] keys = new int[(int) numkeys];
      for (int k = 0; k < keys.length; k++) {
        keys[k] = first + k;
      }
      c.block(keys, io.haredis.core.type.ValueType.ZSET, blockDeadline,
          io.haredis.core.client.BlockState.TimeoutReply.NULL_ARRAY);
      return;
    }
    popGeneric(c, first, (int) numkeys, max, true, count, true, true);
  }

  /** Whether any of the keys exists, checking each one's type on the way (WRONGTYPE). */
  static boolean anyKeyExists(Invocation c, int first, int keyc) {
    for (int i = 0; i < keyc; i++) {
      if (c.servingAnotherKey(first + i)) {
        continue;
      }
      Entry e = c.lookupWrite(first + i);
      if (e != null) {
        asZset(e);
        return true;
      }
    }
    return false;
  }

  // ---- ZRANDMEMBER ------------------------------------------------------------------------

  static void zrandmember(Invocation c) {
    ReplyWriter r = c.reply();
    if (c.argc() >= 3) {
      long l = c.argLong(2);
      if (l == Long.MIN_VALUE) {
        throw RANDMEMBER_RANGE;
      }
      boolean withScores = false;
      if (c.argc() > 4 || (c.argc() == 4 && !c.argIs(3, WITHSCORES))) {
        throw ErrorReply.SYNTAX;
      } else if (c.argc() == 4) {
        withScores = true;
        if (l < -Long.MAX_VALUE / 2 || l > Long.MAX_VALUE / 2) {
          throw OUT_OF_RANGE;
        }
      }
      randWithCount(c, l, withScores);
      return;
    }
    ZSetValue z = readZset(c, 1);
    if (z == null) {
      r.nullBulk();
      return;
    }
    r.bulk(z.memberAt(random(c).nextInt(z.size())));
  }

  private static void randWithCount(Invocation c, long l, boolean withScores) {
    ReplyWriter r = c.reply();
    ZSetValue z = readZset(c, 1);
    if (z == null) {
      r.arrayLen(0);
      return;
    }
    int size = z.size();
    boolean uniq = l >= 0;
    long count = uniq ? l : -l;
    if (count == 0) {
      r.arrayLen(0);
      return;
    }
    Random rnd = random(c);
    if (!uniq || count == 1) {
      replyElementsLen(r, count, withScores);
      for (long i = 0; i < count; i++) {
        int rank = rnd.nextInt(size);
        replyElement(r, z.memberAt(rank), z.scoreAt(rank), withScores);
      }
      return;
    }
    if (count >= size) {
      replyElementsLen(r, size, withScores);
      z.walk(0, false, (m, s) -> {
        replyElement(r, m, s, withScores);
        return true;
      });
      return;
    }
    int n = (int) count;
    int[] idx = new int[size];
    for (int i = 0; i < size; i++) {
      idx[i] = i;
    }
    replyElementsLen(r, n, withScores);
    for (int i = 0; i < n; i++) {
      int j = i + rnd.nextInt(size - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      replyElement(r, z.memberAt(idx[i]), z.scoreAt(idx[i]), withScores);
    }
  }

  // ---- ZSCAN ------------------------------------------------------------------------------

  private static final byte[] EMPTY_SCAN = Invocation.ascii("*2\r\n$1\r\n0\r\n*0\r\n");

  static void zscan(Invocation c) {
    long cursor = KeyCommands.parseScanCursor(c, 2);
    ZSetValue z = readZset(c, 1);
    ReplyWriter r = c.reply();
    if (z == null) {
      r.raw(EMPTY_SCAN);
      return;
    }
    ScanOptions opts = ScanOptions.parse(c, 3, false);
    long count = opts.count();
    GlobPattern pattern = opts.pattern();
    List<byte[]> members = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    if (z.isCompact()) {
      z.walk(0, false, (m, s) -> {
        members.add(m);
        scores.add(s);
        return true;
      });
      cursor = 0;
    } else {
      long maxIterations = count * 10;
      do {
        cursor = z.scan(cursor, (m, s) -> {
          members.add(m);
          scores.add(s);
        });
      } while (cursor != 0 && maxIterations-- != 0 && members.size() * 2L < count);
    }
    int kept = 0;
    for (int i = 0; i < members.size(); i++) {
      if (pattern == null || pattern.matches(members.get(i))) {
        members.set(kept, members.get(i));
        scores.set(kept, scores.get(i));
        kept++;
      }
    }
    r.arrayLen(2);
    r.bulk(Invocation.ascii(Long.toUnsignedString(cursor)));
    r.arrayLen(kept * 2L);
    for (int i = 0; i < kept; i++) {
      r.bulk(members.get(i));
      // a listpack hands out the score as stored (d2string), the skip list formats it with %.17g
      r.bulk(z.isCompact() ? SortedSetArgs.scoreBytes(scores.get(i)) : Invocation.ascii(SortedSetArgs.formatScore(scores.get(i))));
    }
  }

  static ServerSettings settings(Invocation c) {
    return c.node().settings();
  }
}
