package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.HyperLogLog;
import io.haredis.core.type.StringValue;
import java.util.Random;

/**
 * HyperLogLog commands (Redis 7.0's hyperloglog.c behaviour). The values are plain strings in
 * Redis's own HLL format ({@link HyperLogLog}), so they can be moved to and from redis-server
 * with GET/SET, DUMP-free.
 *
 * <p>Propagation as 7.0: PFADD when it created the key or grew a register, PFMERGE always,
 * PFCOUNT of one key when it refreshed the cached cardinality stored in the value (it is
 * flagged may_replicate for that), PFDEBUG GETREG/TODENSE when they turned a value dense.
 */
public final class HyperLogLogCommands {

  static final CommandError NOT_HLL =
      new CommandError("WRONGTYPE Key is not a valid HyperLogLog string value.");
  static final CommandError INVALID_HLL = new CommandError("INVALIDOBJ Corrupted HLL object detected");
  private static final CommandError NO_SUCH_KEY = new CommandError("ERR The specified key does not exist");
  private static final CommandError NOT_SPARSE = new CommandError("ERR HLL encoding is not sparse");

  private static final byte[] GETREG = Invocation.ascii("getreg");
  private static final byte[] DECODE = Invocation.ascii("decode");
  private static final byte[] ENCODING = Invocation.ascii("encoding");
  private static final byte[] TODENSE = Invocation.ascii("todense");

  private HyperLogLogCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("pfadd", -2, HyperLogLogCommands::pfadd)
        .flags("write denyoom fast")
        .acl("@write @hyperloglog @fast")
        .keys(1, 1, 1, "RW insert|index:1|range:0,1,0")
        .group("hyperloglog").since("2.8.9");
    b.add("pfcount", -2, HyperLogLogCommands::pfcount)
        .flags("readonly may_replicate")
        .acl("@read @hyperloglog @slow")
        .keys(1, -1, 1, "RW access|index:1|range:-1,1,0")
        .group("hyperloglog").since("2.8.9");
    b.add("pfmerge", -2, HyperLogLogCommands::pfmerge)
        .flags("write denyoom")
        .acl("@write @hyperloglog @slow")
        .keys(1, -1, 1, "RW access insert|index:1|range:0,1,0", "RO access|index:2|range:-1,1,0")
        .group("hyperloglog").since("2.8.9");
    b.add("pfdebug", 3, HyperLogLogCommands::pfdebug)
        .flags("write denyoom admin")
        .acl("@write @hyperloglog @admin @slow @dangerous")
        .keys(2, 2, 1, "RW access|index:2|range:0,1,0")
        .group("hyperloglog").since("2.8.9");
    b.add("pfselftest", 1, HyperLogLogCommands::pfselftest)
        .flags("admin")
        .acl("@hyperloglog @admin @slow @dangerous")
        .group("hyperloglog").since("2.8.9");
  }

  /**
   * The HLL held by an entry, checked as Redis does: another type is the usual WRONGTYPE, a
   * string that is not an HLL gets the HLL-specific WRONGTYPE text.
   */
  static StringValue hllOf(Entry e) {
    if (!(e.value() instanceof StringValue s)) {
      throw ErrorReply.WRONGTYPE;
    }
    if (!HyperLogLog.isHll(s)) {
      throw NOT_HLL;
    }
    return s;
  }

  /** Redis's dbUnshareStringValue: the value becomes a private raw string before an edit. */
  private static void unshare(StringValue s) {
    s.makeRawForWrite(s.length());
  }

  static void pfadd(Invocation c) {
    Entry e = c.lookupWrite(1);
    StringValue v;
    int updated = 0;
    if (e == null) {
      v = HyperLogLog.createEmpty();
      c.db().add(c.argBytes(1), v);
      updated++;
    } else {
      v = hllOf(e);
      unshare(v);
    }
    long sparseMax = c.node().settings().hllSparseMaxBytes;
    for (int j = 2; j < c.argc(); j++) {
      int r = HyperLogLog.add(v, c.argArray(j), c.argOffset(j), c.argLength(j), sparseMax);
      if (r == 1) {
        updated++;
      } else if (r < 0) {
        throw INVALID_HLL;
      }
    }
    if (updated > 0) {
      c.notifyKey(KeyspaceEvent.PFADD, 1);
      HyperLogLog.invalidateCache(v);
      c.dirty(updated);
    }
    c.reply().integer(updated > 0 ? 1 : 0);
  }

  static void pfcount(Invocation c) {
    if (c.argc() > 2) {
      byte[] max = new byte[HyperLogLog.REGISTERS];
      for (int j = 1; j < c.argc(); j++) {
        Entry e = c.lookupRead(j);
        if (e == null) {
          continue;
        }
        if (!HyperLogLog.mergeInto(max, hllOf(e))) {
          throw INVALID_HLL;
        }
      }
      c.reply().integer(HyperLogLog.countRegisters(max));
      return;
    }
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    StringValue v = hllOf(e);
    c.db().beforeInPlaceChange(e); // the cached cardinality is rewritten in place
    unshare(v);
    long card;
    if (HyperLogLog.cacheValid(v)) {
      card = HyperLogLog.cachedCardinality(v);
    } else {
      card = HyperLogLog.count(v);
      if (card == HyperLogLog.CORRUPT) {
        throw INVALID_HLL;
      }
      HyperLogLog.storeCardinality(v, card);
      c.dirty(); // the value changed: PFCOUNT propagates so replicas store the same bytes
      // and counts as a modification for WATCH (a read-only command gets no write probe)
      c.node().watches().touch(c.db(), c.argArray(1), c.argOffset(1), c.argLength(1));
    }
    c.reply().integer(card);
  }

  static void pfmerge(Invocation c) {
    byte[] max = new byte[HyperLogLog.REGISTERS];
    boolean dense = false;
    for (int j = 1; j < c.argc(); j++) {
      Entry e = c.lookupRead(j);
      if (e == null) {
        continue;
      }
      StringValue src = hllOf(e);
      if (HyperLogLog.encoding(src) == HyperLogLog.DENSE) {
        dense = true;
      }
      if (!HyperLogLog.mergeInto(max, src)) {
        throw INVALID_HLL;
      }
    }
    Entry e = c.lookupWrite(1);
    StringValue v;
    if (e == null) {
      v = HyperLogLog.createEmpty();
      c.db().add(c.argBytes(1), v);
    } else {
      v = (StringValue) e.value(); // checked as a source above
      unshare(v);
    }
    if (dense && !HyperLogLog.toDense(v)) {
      throw INVALID_HLL;
    }
    long sparseMax = c.node().settings().hllSparseMaxBytes;
    for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
      if (max[j] != 0) {
        HyperLogLog.set(v, j, max[j], sparseMax);
      }
    }
    HyperLogLog.invalidateCache(v);
    c.notifyKey(KeyspaceEvent.PFADD, 1); // as Redis: a merge is a mass add
    c.dirty();
    c.reply().ok();
  }

  static void pfdebug(Invocation c) {
    Entry e = c.lookupWrite(2);
    if (e == null) {
      throw NO_SUCH_KEY;
    }
    StringValue v = hllOf(e);
    unshare(v);
    ReplyWriter r = c.reply();
    if (c.argIs(1, GETREG)) {
      if (HyperLogLog.encoding(v) == HyperLogLog.SPARSE) {
        if (!HyperLogLog.toDense(v)) {
          throw INVALID_HLL;
        }
        c.dirty();
      }
      r.arrayLen(HyperLogLog.REGISTERS);
      for (int j = 0; j < HyperLogLog.REGISTERS; j++) {
        r.integer(HyperLogLog.register(v, j));
      }
    } else if (c.argIs(1, DECODE)) {
      if (HyperLogLog.encoding(v) != HyperLogLog.SPARSE) {
        throw NOT_SPARSE;
      }
      r.bulk(HyperLogLog.decodeSparse(v));
    } else if (c.argIs(1, ENCODING)) {
      r.simple(HyperLogLog.encoding(v) == HyperLogLog.DENSE ? "dense" : "sparse");
    } else if (c.argIs(1, TODENSE)) {
      boolean converted = false;
      if (HyperLogLog.encoding(v) == HyperLogLog.SPARSE) {
        if (!HyperLogLog.toDense(v)) {
          throw INVALID_HLL;
        }
        converted = true;
        c.dirty();
      }
      r.integer(converted ? 1 : 0);
    } else {
      throw new CommandError("ERR Unknown PFDEBUG subcommand '" + c.argString(1) + "'");
    }
  }

  /**
   * PFSELFTEST: checks register packing (random values written and read back, neighbours
   * intact) and that the sparse and dense forms agree on counts, with an error bound, for
   * growing cardinalities. A lighter run than Redis's (up to 100,000 elements, not 10^7).
   */
  static void pfselftest(Invocation c) {
    Random rnd = new Random(c.node().context().random().nextLong());
    StringValue dense = StringValue.raw(new byte[HyperLogLog.DENSE_SIZE], HyperLogLog.DENSE_SIZE);
    byte[] expect = new byte[HyperLogLog.REGISTERS];
    for (int cycle = 0; cycle < 100; cycle++) {
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        expect[i] = (byte) rnd.nextInt(64);
      }
      byte[] d = dense.array();
      java.util.Arrays.fill(d, HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE, (byte) 0);
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        HyperLogLog.set(dense, i, expect[i], 0);
      }
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        int got = HyperLogLog.register(dense, i);
        if (got != expect[i]) {
          c.reply().error("TESTFAILED Register " + i + " should be " + expect[i] + " but is " + got);
          return;
        }
      }
    }
    byte[] d = dense.array();
    java.util.Arrays.fill(d, HyperLogLog.HEADER, HyperLogLog.DENSE_SIZE, (byte) 0);
    StringValue sparse = HyperLogLog.createEmpty();
    long sparseMax = c.node().settings().hllSparseMaxBytes;
    double relErr = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
    long seed = rnd.nextLong();
    byte[] ele = new byte[8];
    long checkpoint = 1;
    for (long j = 1; j <= 100_000; j++) {
      long x = j ^ seed;
      for (int k = 0; k < 8; k++) {
        ele[k] = (byte) (x >>> (8 * k));
      }
      HyperLogLog.add(dense, ele, 0, 8, 0);
      HyperLogLog.add(sparse, ele, 0, 8, sparseMax);
      if (j == checkpoint) {
        if (j < sparseMax / 2 && HyperLogLog.encoding(sparse) != HyperLogLog.SPARSE) {
          c.reply().error("TESTFAILED sparse encoding not used");
          return;
        }
        long card = HyperLogLog.count(dense);
        if (card != HyperLogLog.count(sparse)) {
          c.reply().error("TESTFAILED dense/sparse disagree");
          return;
        }
        long maxErr = j == 10 ? 1 : (long) Math.ceil(relErr * 6 * checkpoint);
        long absErr = Math.abs(checkpoint - card);
        if (absErr > maxErr) {
          c.reply().error("TESTFAILED Too big error. card:" + checkpoint + " abserr:" + absErr);
          return;
        }
        checkpoint *= 10;
      }
    }
    c.reply().ok();
  }
}
