package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.ValueType;
import io.haredis.core.type.ZRange;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.ZSetValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sorted-set ranges (ZRANGE in all its forms, ZRANGESTORE, ZCOUNT, ZLEXCOUNT, ZREMRANGEBY*) and
 * the multi-key operations (ZUNION/ZINTER/ZDIFF[STORE], ZINTERCARD), as Redis 7.0's t_zset.c
 * behaves.
 */
public final class SortedSetRangeCommands {

  private SortedSetRangeCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("zcount", 4, SortedSetRangeCommands::zcount)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.0.0");
    b.add("zlexcount", 4, SortedSetRangeCommands::zlexcount)
        .flags("readonly fast")
        .acl("@read @sortedset @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.8.9");
    b.add("zrange", -4, SortedSetRangeCommands::zrange)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zrangestore", -5, SortedSetRangeCommands::zrangestore)
        .flags("write denyoom")
        .acl("@write @sortedset @slow")
        .keys(1, 2, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|range:0,1,0")
        .group("sorted-set").since("6.2.0");
    b.add("zrangebyscore", -4, SortedSetRangeCommands::zrangebyscore)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("1.0.5");
    b.add("zrevrangebyscore", -4, SortedSetRangeCommands::zrevrangebyscore)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.2.0");
    b.add("zrangebylex", -4, SortedSetRangeCommands::zrangebylex)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.8.9");
    b.add("zrevrangebylex", -4, SortedSetRangeCommands::zrevrangebylex)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("2.8.9");
    b.add("zrevrange", -4, SortedSetRangeCommands::zrevrange)
        .flags("readonly")
        .acl("@read @sortedset @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zremrangebyrank", 4, SortedSetRangeCommands::zremrangebyrank)
        .flags("write")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("sorted-set").since("2.0.0");
    b.add("zremrangebyscore", 4, SortedSetRangeCommands::zremrangebyscore)
        .flags("write")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("sorted-set").since("1.2.0");
    b.add("zremrangebylex", 4, SortedSetRangeCommands::zremrangebylex)
        .flags("write")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "RW delete|index:1|range:0,1,0")
        .group("sorted-set").since("2.8.9");
    b.add("zunion", -3, SortedSetRangeCommands::zunion)
        .flags("readonly movablekeys")
        .acl("@read @sortedset @slow")
        .keys(0, 0, 0, "RO access|index:1|keynum:0,1,1")
        .group("sorted-set").since("6.2.0");
    b.add("zinter", -3, SortedSetRangeCommands::zinter)
        .flags("readonly movablekeys")
        .acl("@read @sortedset @slow")
        .keys(0, 0, 0, "RO access|index:1|keynum:0,1,1")
        .group("sorted-set").since("6.2.0");
    b.add("zdiff", -3, SortedSetRangeCommands::zdiff)
        .flags("readonly movablekeys")
        .acl("@read @sortedset @slow")
        .keys(0, 0, 0, "RO access|index:1|keynum:0,1,1")
        .group("sorted-set").since("6.2.0");
    b.add("zunionstore", -4, SortedSetRangeCommands::zunionstore)
        .flags("write denyoom movablekeys")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|keynum:0,1,1")
        .group("sorted-set").since("2.0.0");
    b.add("zinterstore", -4, SortedSetRangeCommands::zinterstore)
        .flags("write denyoom movablekeys")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|keynum:0,1,1")
        .group("sorted-set").since("2.0.0");
    b.add("zdiffstore", -4, SortedSetRangeCommands::zdiffstore)
        .flags("write denyoom movablekeys")
        .acl("@write @sortedset @slow")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0", "RO access|index:2|keynum:0,1,1")
        .group("sorted-set").since("6.2.0");
    b.add("zintercard", -3, SortedSetRangeCommands::zintercard)
        .flags("readonly movablekeys")
        .acl("@read @sortedset @slow")
        .keys(0, 0, 0, "RO access|index:1|keynum:0,1,1")
        .group("sorted-set").since("7.0.0");
  }

  private static final byte[] WITHSCORES = Invocation.ascii("withscores");
  private static final byte[] LIMIT = Invocation.ascii("limit");
  private static final byte[] REV = Invocation.ascii("rev");
  private static final byte[] BYLEX = Invocation.ascii("bylex");
  private static final byte[] BYSCORE = Invocation.ascii("byscore");
  private static final byte[] WEIGHTS = Invocation.ascii("weights");
  private static final byte[] AGGREGATE = Invocation.ascii("aggregate");
  private static final byte[] SUM = Invocation.ascii("sum");
  private static final byte[] MIN = Invocation.ascii("min");
  private static final byte[] MAX = Invocation.ascii("max");

  private static final CommandError LIMIT_NEEDS_BY =
      new CommandError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
  private static final CommandError WITHSCORES_BYLEX =
      new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
  private static final CommandError WEIGHT_NOT_FLOAT = new CommandError("ERR weight value is not a float");
  private static final CommandError LIMIT_NEGATIVE = new CommandError("ERR LIMIT can't be negative");

  private static final int AUTO = 0;
  private static final int RANK = 1;
  private static final int SCORE = 2;
  private static final int LEX = 3;

  /** The elements a range produced, in reply order. */
  private static final class Result {
    byte[][] members = new byte[8][];
    double[] scores = new double[8];
    int n;

    boolean add(byte[] m, double s) {
      if (n == members.length) {
        members = Arrays.copyOf(members, n * 2);
        scores = Arrays.copyOf(scores, n * 2);
      }
      members[n] = m;
      scores[n] = s;
      n++;
      return true;
    }
  }

  // ---- ZRANGE family ----------------------------------------------------------------------

  static void zrange(Invocation c) {
    rangeGeneric(c, 1, false, AUTO, 0);
  }

  static void zrangestore(Invocation c) {
    rangeGeneric(c, 2, true, AUTO, 0);
  }

  static void zrevrange(Invocation c) {
    rangeGeneric(c, 1, false, RANK, -1);
  }

  static void zrangebyscore(Invocation c) {
    rangeGeneric(c, 1, false, SCORE, 1);
  }

  static void zrevrangebyscore(Invocation c) {
    rangeGeneric(c, 1, false, SCORE, -1);
  }

  static void zrangebylex(Invocation c) {
    rangeGeneric(c, 1, false, LEX, 1);
  }

  static void zrevrangebylex(Invocation c) {
    rangeGeneric(c, 1, false, LEX, -1);
  }

  /**
   * Redis's zrangeGenericCommand. {@code direction}: 0 = may be set by REV, 1 forward, -1
   * reverse; {@code type} AUTO may be set by BYSCORE/BYLEX.
   */
  private static void rangeGeneric(Invocation c, int keyIdx, boolean store, int type, int direction) {
    int minIdx = keyIdx + 1;
    int maxIdx = keyIdx + 2;
    boolean withScores = false;
    long offset = 0;
    long limit = -1;
    for (int j = keyIdx + 3; j < c.argc(); j++) {
      int left = c.argc() - j - 1;
      if (!store && c.argIs(j, WITHSCORES)) {
        withScores = true;
      } else if (c.argIs(j, LIMIT) && left >= 2) {
        offset = c.argLong(j + 1);
        limit = c.argLong(j + 2);
        j += 2;
      } else if (direction == 0 && c.argIs(j, REV)) {
        direction = -1;
      } else if (type == AUTO && c.argIs(j, BYLEX)) {
        type = LEX;
      } else if (type == AUTO && c.argIs(j, BYSCORE)) {
        type = SCORE;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    boolean reverse = direction == -1;
    if (type == AUTO) {
      type = RANK;
    }
    if (limit != -1 && type == RANK) {
      throw LIMIT_NEEDS_BY;
    }
    if (withScores && type == LEX) {
      throw WITHSCORES_BYLEX;
    }
    if (reverse && type != RANK) {
      int t = maxIdx;
      maxIdx = minIdx;
      minIdx = t;
    }
    long start = 0;
    long end = 0;
    ZRange.Score scoreRange = null;
    ZRange.Lex lexRange = null;
    if (type == RANK) {
      start = c.argLong(minIdx);
      end = c.argLong(maxIdx);
    } else if (type == SCORE) {
      scoreRange = SortedSetArgs.scoreRange(c, minIdx, maxIdx);
    } else {
      lexRange = SortedSetArgs.lexRange(c, minIdx, maxIdx);
    }
    ZSetValue z = SortedSetCommands.readZset(c, keyIdx);
    Result res = new Result();
    if (z != null) {
      if (type == RANK) {
        rankRange(z, start, end, reverse, res);
      } else {
        int first;
        if (type == SCORE) {
          first = reverse ? z.lastInRange(scoreRange) : z.firstInRange(scoreRange);
        } else {
          first = reverse ? z.lastInRange(lexRange) : z.firstInRange(lexRange);
        }
        if (first >= 0 && offset >= 0 && !(offset > 0 && offset >= z.size())) {
          ZRange.Score sr = scoreRange;
          ZRange.Lex lr = lexRange;
          long[] state = {offset, limit};
          z.walk(first, reverse, (m, s) -> {
            if (state[0] > 0) {
              state[0]--;
              return true;
            }
            if (state[1] == 0) {
              return false;
            }
            boolean in;
            if (sr != null) {
              in = reverse ? sr.gteMin(s) : sr.lteMax(s);
            } else {
              in = reverse ? lr.gteMin(m) : lr.lteMax(m);
            }
            if (!in) {
              return false;
            }
            state[1]--;
            return res.add(m, s);
          });
        }
      }
    }
    if (store) {
      storeResult(c, res, KeyspaceEvent.ZRANGESTORE);
    } else {
      ReplyWriter r = c.reply();
      SortedSetCommands.replyElementsLen(r, res.n, withScores);
      for (int i = 0; i < res.n; i++) {
        SortedSetCommands.replyElement(r, res.members[i], res.scores[i], withScores);
      }
    }
  }

  private static void rankRange(ZSetValue z, long start, long end, boolean reverse, Result res) {
    long llen = z.size();
    if (start < 0) {
      start = llen + start;
    }
    if (end < 0) {
      end = llen + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > end || start >= llen) {
      return;
    }
    if (end >= llen) {
      end = llen - 1;
    }
    long[] left = {end - start + 1};
    int from = (int) (reverse ? llen - 1 - start : start);
    z.walk(from, reverse, (m, s) -> left[0]-- > 0 && res.add(m, s));
  }

  /**
   * Stores a result at key argument 1 (ZRANGESTORE, Z*STORE) and replies its size; an empty
   * result deletes the destination instead.
   */
  private static void storeResult(Invocation c, Result res, KeyspaceEvent event) {
    if (res.n > 0) {
      int maxLen = 0;
      for (int i = 0; i < res.n; i++) {
        maxLen = Math.max(maxLen, res.members[i].length);
      }
      long maxEntries = SortedSetCommands.maxEntries(c);
      long maxValue = SortedSetCommands.maxValue(c);
      ZSetValue z = ZSetValue.forSize(SortedSetCommands.random(c), res.n, maxLen, maxEntries, maxValue);
      for (int i = 0; i < res.n; i++) {
        byte[] m = res.members[i];
        z.insertNew(Arrays.copyOf(m, m.length), res.scores[i], maxEntries, maxValue);
      }
      c.db().set(c.argBytes(1), z, false);
      c.dirty();
      c.reply().integer(res.n);
      c.notifyKey(event, 1);
    } else {
      c.reply().integer(0);
      if (c.deleteKeyArg(1)) {
        c.dirty();
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
    }
  }

  // ---- ZCOUNT, ZLEXCOUNT ------------------------------------------------------------------

  static void zcount(Invocation c) {
    ZRange.Score range = SortedSetArgs.scoreRange(c, 2, 3);
    ZSetValue z = SortedSetCommands.readZset(c, 1);
    long count = 0;
    if (z != null) {
      int first = z.firstInRange(range);
      if (first >= 0) {
        count = z.lastInRange(range) - first + 1;
      }
    }
    c.reply().integer(count);
  }

  static void zlexcount(Invocation c) {
    ZRange.Lex range = SortedSetArgs.lexRange(c, 2, 3);
    ZSetValue z = SortedSetCommands.readZset(c, 1);
    long count = 0;
    if (z != null) {
      int first = z.firstInRange(range);
      if (first >= 0) {
        if (z.isCompact()) {
          long[] n = {0};
          z.walk(first, false, (m, s) -> range.lteMax(m) && ++n[0] > 0);
          count = n[0];
        } else {
          // as Redis: from the first match to the end, minus what lies past the last match
          int last = z.lastInRange(range);
          count = last < 0 ? z.size() - first : last - first + 1;
        }
      }
    }
    c.reply().integer(count);
  }

  // ---- ZREMRANGEBY* -----------------------------------------------------------------------

  static void zremrangebyrank(Invocation c) {
    long start = c.argLong(2);
    long end = c.argLong(3);
    Entry e = c.lookupWrite(1);
    ZSetValue z = SortedSetCommands.asZset(e);
    if (z == null) {
      c.reply().integer(0);
      return;
    }
    long llen = z.size();
    if (start < 0) {
      start = llen + start;
    }
    if (end < 0) {
      end = llen + end;
    }
    if (start < 0) {
      start = 0;
    }
    if (start > end || start >= llen) {
      c.reply().integer(0);
      return;
    }
    if (end >= llen) {
      end = llen - 1;
    }
    removeAndReply(c, e, z, (int) start, (int) (end - start + 1), KeyspaceEvent.ZREMRANGEBYRANK);
  }

  static void zremrangebyscore(Invocation c) {
    ZRange.Score range = SortedSetArgs.scoreRange(c, 2, 3);
    Entry e = c.lookupWrite(1);
    ZSetValue z = SortedSetCommands.asZset(e);
    if (z == null) {
      c.reply().integer(0);
      return;
    }
    removeInRange(c, e, z, z.firstInRange(range), (m, s) -> range.lteMax(s), KeyspaceEvent.ZREMRANGEBYSCORE);
  }

  static void zremrangebylex(Invocation c) {
    ZRange.Lex range = SortedSetArgs.lexRange(c, 2, 3);
    Entry e = c.lookupWrite(1);
    ZSetValue z = SortedSetCommands.asZset(e);
    if (z == null) {
      c.reply().integer(0);
      return;
    }
    removeInRange(c, e, z, z.firstInRange(range), (m, s) -> range.lteMax(m), KeyspaceEvent.ZREMRANGEBYLEX);
  }

  /**
   * Removes the run of elements from rank {@code first} (-1: none) while {@code inRange} holds,
   * and replies the count (ZREMRANGEBYSCORE, ZREMRANGEBYLEX).
   */
  private static void removeInRange(Invocation c, Entry e, ZSetValue z, int first, ZSetValue.Visitor inRange,
      KeyspaceEvent event) {
    int count = 0;
    if (first >= 0) {
      int[] n = {0};
      z.walk(first, false, (m, s) -> inRange.visit(m, s) && ++n[0] > 0);
      count = n[0];
    }
    removeAndReply(c, e, z, first, count, event);
  }

  private static void removeAndReply(Invocation c, Entry e, ZSetValue z, int first, int count, KeyspaceEvent event) {
    if (count > 0) {
      z.removeRange(first, first + count - 1);
      if (z.size() == 0) {
        c.db().delete(e);
      }
      c.notifyKey(event, 1);
      if (z.size() == 0) {
        c.notifyKey(KeyspaceEvent.DEL, 1);
      }
      c.dirty(count);
    }
    c.reply().integer(count);
  }

  // ---- ZUNION, ZINTER, ZDIFF, their STORE forms, ZINTERCARD -------------------------------

  private static final int UNION = 0;
  private static final int INTER = 1;
  private static final int DIFF = 2;
  private static final int AGG_SUM = 0;
  private static final int AGG_MIN = 1;
  private static final int AGG_MAX = 2;

  /** One input: a sorted set, a plain set (each member scores 1, as in Redis) or nothing. */
  private static final class Src {
    ZSetValue zset;
    SetValue set;
    double weight = 1.0;

    int size() {
      if (zset != null) {
        return zset.size();
      }
      return set != null ? set.size() : 0;
    }

    /** The member's score, NaN when absent. */
    double score(byte[] m) {
      if (zset != null) {
        return zset.score(m);
      }
      return set != null && set.contains(m) ? 1.0 : Double.NaN;
    }

    void forEach(ZSetValue.Visitor v) {
      if (zset != null) {
        zset.walk(0, false, v);
      } else if (set != null) {
        set.forEach(m -> v.visit(m, 1.0));
      }
    }
  }

  /** Hash-map key over member bytes. */
  private static final class Key {
    final byte[] b;
    final int hash;

    Key(byte[] b) {
      this.b = b;
      this.hash = Arrays.hashCode(b);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Arrays.equals(b, k.b);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  static void zunion(Invocation c) {
    setOp(c, -1, 1, UNION, false);
  }

  static void zinter(Invocation c) {
    setOp(c, -1, 1, INTER, false);
  }

  static void zdiff(Invocation c) {
    setOp(c, -1, 1, DIFF, false);
  }

  static void zunionstore(Invocation c) {
    setOp(c, 1, 2, UNION, false);
  }

  static void zinterstore(Invocation c) {
    setOp(c, 1, 2, INTER, false);
  }

  static void zdiffstore(Invocation c) {
    setOp(c, 1, 2, DIFF, false);
  }

  static void zintercard(Invocation c) {
    setOp(c, -1, 1, INTER, true);
  }

  private static double aggregate(int agg, double target, double v) {
    if (agg == AGG_SUM) {
      double r = target + v;
      return Double.isNaN(r) ? 0.0 : r;
    }
    if (agg == AGG_MIN) {
      return v < target ? v : target;
    }
    return v > target ? v : target;
  }

  private static double weighted(Src s, double score) {
    double r = s.weight * score;
    return Double.isNaN(r) ? 0.0 : r;
  }

  /** Redis's zunionInterDiffGenericCommand. */
  private static void setOp(Invocation c, int dstIdx, int numkeysIdx, int op, boolean cardOnly) {
    long setnum = c.argLong(numkeysIdx);
    if (setnum < 1) {
      throw new CommandError("ERR at least 1 input key is needed for '" + c.spec().name() + "' command");
    }
    if (setnum > c.argc() - (numkeysIdx + 1)) {
      throw ErrorReply.SYNTAX;
    }
    int n = (int) setnum;
    Src[] src = new Src[n];
    int j = numkeysIdx + 1;
    for (int i = 0; i < n; i++, j++) {
      Entry e = c.lookupRead(j); // Redis 7.0 reads the sources of Z*STORE too
      Src s = new Src();
      if (e != null) {
        RedisValue v = e.value();
        if (v.type() == ValueType.ZSET) {
          s.zset = (ZSetValue) v;
        } else if (v instanceof SetValue plain) {
          s.set = plain;
        } else {
          throw ErrorReply.WRONGTYPE;
        }
      }
      src[i] = s;
    }
    int agg = AGG_SUM;
    boolean withScores = false;
    long limit = 0;
    int remaining = c.argc() - j;
    while (remaining > 0) {
      if (op != DIFF && !cardOnly && remaining >= n + 1 && c.argIs(j, WEIGHTS)) {
        j++;
        remaining--;
        for (int i = 0; i < n; i++, j++, remaining--) {
          src[i].weight = SortedSetArgs.parseDouble(c, j, WEIGHT_NOT_FLOAT);
        }
      } else if (op != DIFF && !cardOnly && remaining >= 2 && c.argIs(j, AGGREGATE)) {
        j++;
        remaining--;
        if (c.argIs(j, SUM)) {
          agg = AGG_SUM;
        } else if (c.argIs(j, MIN)) {
          agg = AGG_MIN;
        } else if (c.argIs(j, MAX)) {
          agg = AGG_MAX;
        } else {
          throw ErrorReply.SYNTAX;
        }
        j++;
        remaining--;
      } else if (remaining >= 1 && dstIdx < 0 && !cardOnly && c.argIs(j, WITHSCORES)) {
        j++;
        remaining--;
        withScores = true;
      } else if (cardOnly && remaining >= 2 && c.argIs(j, LIMIT)) {
        j++;
        remaining--;
        limit = SortedSetCommands.argLongRange(c, j, 0, Long.MAX_VALUE, LIMIT_NEGATIVE);
        j++;
        remaining--;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    if (op != DIFF) {
      Arrays.sort(src, Comparator.comparingInt(Src::size)); // stable, as the smallest first
    }

    Result res = new Result();
    if (op == INTER) {
      if (src[0].size() > 0) {
        long lim = limit;
        long[] card = {0};
        final int aggregation = agg;
        src[0].forEach((m, s0) -> {
          double score = weighted(src[0], s0);
          for (int k = 1; k < src.length; k++) {
            double v = src[k].score(m);
            if (Double.isNaN(v)) {
              return true;
            }
            // Redis leaves NaN here (inf * 0): SUM turns it into 0, MIN/MAX ignore it
            score = aggregate(aggregation, score, src[k].weight * v);
          }
          if (cardOnly) {
            card[0]++;
            return lim == 0 || card[0] < lim;
          }
          return res.add(m, score);
        });
        if (cardOnly) {
          c.reply().integer(card[0]);
          return;
        }
      } else if (cardOnly) {
        c.reply().integer(0);
        return;
      }
    } else if (op == UNION) {
      Map<Key, double[]> acc = new HashMap<>();
      List<Key> order = new ArrayList<>();
      final int aggregation = agg;
      for (Src s : src) {
        s.forEach((m, sc) -> {
          double score = weighted(s, sc);
          Key k = new Key(m);
          double[] cur = acc.get(k);
          if (cur == null) {
            acc.put(k, new double[] {score});
            order.add(k);
          } else {
            cur[0] = aggregate(aggregation, cur[0], score);
          }
          return true;
        });
      }
      for (Key k : order) {
        res.add(k.b, acc.get(k)[0]);
      }
    } else {
      src[0].forEach((m, s0) -> {
        for (int k = 1; k < src.length; k++) {
          if (!Double.isNaN(src[k].score(m))) {
            return true;
          }
        }
        return res.add(m, s0);
      });
    }
    sortResult(res);
    if (dstIdx >= 0) {
      storeResult(c, res, op == UNION ? KeyspaceEvent.ZUNIONSTORE : op == INTER ? KeyspaceEvent.ZINTERSTORE : KeyspaceEvent.ZDIFFSTORE);
      return;
    }
    ReplyWriter r = c.reply();
    SortedSetCommands.replyElementsLen(r, res.n, withScores);
    for (int i = 0; i < res.n; i++) {
      SortedSetCommands.replyElement(r, res.members[i], res.scores[i], withScores);
    }
  }

  /** Orders a result by (score, member bytes), as the skip list Redis builds it in does. */
  private static void sortResult(Result res) {
    Integer[] idx = new Integer[res.n];
    for (int i = 0; i < res.n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> {
      int cmp = Double.compare(res.scores[a] + 0.0, res.scores[b] + 0.0);
      if (res.scores[a] == res.scores[b]) {
        cmp = 0;
      }
      return cmp != 0 ? cmp : Arrays.compareUnsigned(res.members[a], res.members[b]);
    });
    byte[][] m = new byte[res.n][];
    double[] s = new double[res.n];
    for (int i = 0; i < res.n; i++) {
      m[i] = res.members[idx[i]];
      s[i] = res.scores[idx[i]];
    }
    res.members = m;
    res.scores = s;
  }
}
