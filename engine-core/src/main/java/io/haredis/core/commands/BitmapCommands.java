package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.KeyspaceEvent;
import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.type.Bits;
import io.haredis.core.type.StringValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bitmap family of Redis 7.0 (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD,
 * BITFIELD_RO): bit operations on string values. Writes leave the value raw-encoded, as Redis
 * does when it unshares a string for writing; offsets are limited by proto-max-bulk-len.
 */
public final class BitmapCommands {

  private BitmapCommands() {}

  private static final CommandError BIT_OFFSET_ERR =
      new CommandError("ERR bit offset is not an integer or out of range");
  private static final CommandError BIT_VALUE_ERR =
      new CommandError("ERR bit is not an integer or out of range");
  private static final CommandError BITPOS_BIT_ERR =
      new CommandError("ERR The bit argument must be 1 or 0.");
  private static final CommandError BITOP_NOT_ERR =
      new CommandError("ERR BITOP NOT must be called with a single source key.");
  private static final CommandError BITFIELD_TYPE_ERR = new CommandError(
      "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.");
  private static final CommandError OVERFLOW_TYPE_ERR =
      new CommandError("ERR Invalid OVERFLOW type specified");
  private static final CommandError BITFIELD_RO_ERR =
      new CommandError("ERR BITFIELD_RO only supports the GET subcommand");

  private static final byte[] BIT = ascii("bit");
  private static final byte[] BYTE = ascii("byte");
  private static final byte[] AND = ascii("and");
  private static final byte[] OR = ascii("or");
  private static final byte[] XOR = ascii("xor");
  private static final byte[] NOT = ascii("not");
  private static final byte[] GET = ascii("get");
  private static final byte[] SET = ascii("set");
  private static final byte[] INCRBY = ascii("incrby");
  private static final byte[] OVERFLOW = ascii("overflow");
  private static final byte[] WRAP = ascii("wrap");
  private static final byte[] SAT = ascii("sat");
  private static final byte[] FAIL = ascii("fail");

  /** Scratch for the decimal form of int-encoded values (per thread; nodes are single-threaded). */
  private static final ThreadLocal<byte[]> DIGITS = ThreadLocal.withInitial(() -> new byte[24]);

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  public static void register(CommandTable.Builder b) {
    b.add("setbit", 4, BitmapCommands::setbit)
        .flags("write denyoom")
        .acl("@write @bitmap @slow")
        .keys(1, 1, 1, "RW access update|index:1|range:0,1,0")
        .group("bitmap").since("2.2.0");
    b.add("getbit", 3, BitmapCommands::getbit)
        .flags("readonly fast")
        .acl("@read @bitmap @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("bitmap").since("2.2.0");
    b.add("bitcount", -2, BitmapCommands::bitcount)
        .flags("readonly")
        .acl("@read @bitmap @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("bitmap").since("2.6.0");
    b.add("bitpos", -3, BitmapCommands::bitpos)
        .flags("readonly")
        .acl("@read @bitmap @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("bitmap").since("2.8.7");
    b.add("bitop", -4, BitmapCommands::bitop)
        .flags("write denyoom")
        .acl("@write @bitmap @slow")
        .keys(2, -1, 1, "OW update|index:2|range:0,1,0", "RO access|index:3|range:-1,1,0")
        .group("bitmap").since("2.6.0");
    b.add("bitfield", -2, BitmapCommands::bitfield)
        .flags("write denyoom")
        .acl("@write @bitmap @slow")
        .keys(1, 1, 1, "RW access update variable_flags|index:1|range:0,1,0")
        .group("bitmap").since("3.2.0");
    b.add("bitfield_ro", -2, BitmapCommands::bitfieldRo)
        .flags("readonly fast")
        .acl("@read @bitmap @fast")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .group("bitmap").since("6.0.0");
  }

  // ---- helpers ---------------------------------------------------------------------------

  private static StringValue stringOf(Entry e) {
    if (e.value() instanceof StringValue s) {
      return s;
    }
    throw ErrorReply.WRONGTYPE;
  }

  /** The bytes of a string value for reading: its array, or its digits in a scratch buffer. */
  private static byte[] readable(StringValue s) {
    if (s.isInt()) {
      byte[] scratch = DIGITS.get();
      Numbers.write(s.longValue(), scratch, 0);
      return scratch;
    }
    return s.array();
  }

  /**
   * A bit offset argument; with {@code bits > 0} the {@code #N} form (N fields of that width)
   * is accepted too. Rejects negative offsets and those whose byte is past proto-max-bulk-len.
   */
  private static long bitOffset(Invocation c, int i, int bits) {
    byte[] a = c.argArray(i);
    int off = c.argOffset(i);
    int len = c.argLength(i);
    boolean hash = bits > 0 && len > 0 && a[off] == '#';
    if (hash) {
      off++;
      len--;
    }
    if (!Numbers.isLong(a, off, len)) {
      throw BIT_OFFSET_ERR;
    }
    long offset = Numbers.parseLong(a, off, len, 0);
    if (hash) {
      offset *= bits; // wraps like Redis's signed multiply
    }
    if (offset < 0 || (offset >>> 3) >= c.node().settings().protoMaxBulkLen) {
      throw BIT_OFFSET_ERR;
    }
    return offset;
  }

  /** Bytes needed to address bit {@code maxBit}. */
  private static int byteLength(long maxBit) {
    long n = (maxBit >>> 3) + 1;
    if (n > Integer.MAX_VALUE - 16) {
      throw ErrorReply.STRING_TOO_LONG; // only reachable with proto-max-bulk-len above 2 GB
    }
    return (int) n;
  }

  /**
   * The string at key argument 1 (entry {@code e}, null when missing) for a bit write reaching
   * byte {@code need - 1}: created zeroed and raw when missing, else made raw and zero padded to
   * {@code need} bytes. Creating or extending it counts as a change, as in Redis.
   */
  private static StringValue writableString(Invocation c, Entry e, int need) {
    if (e == null) {
      StringValue s = StringValue.raw(new byte[need], need);
      c.db().add(c.argBytes(1), s);
      return s;
    }
    StringValue s = stringOf(e);
    int old = s.length();
    byte[] buf = s.makeRawForWrite(need);
    if (need > old) {
      Arrays.fill(buf, old, need, (byte) 0);
      s.setLength(need);
    }
    return s;
  }

  // ---- SETBIT / GETBIT -------------------------------------------------------------------

  static void setbit(Invocation c) {
    long offset = bitOffset(c, 2, 0);
    long on = c.argLong(3, BIT_VALUE_ERR);
    if ((on & ~1L) != 0) {
      throw BIT_VALUE_ERR;
    }
    int bit = (int) on;
    int need = byteLength(offset);
    Entry e = c.lookupWrite(1);
    int oldLength = e == null ? -1 : stringOf(e).length();
    StringValue s = writableString(c, e, need);
    boolean changedLength = s.length() != oldLength;
    byte[] buf = s.array();
    int previous = Bits.get(buf, s.length(), offset);
    if (changedLength || previous != bit) {
      Bits.set(buf, offset, bit);
      c.notifyKey(KeyspaceEvent.SETBIT, 1);
      c.dirty();
    }
    c.reply().integer(previous);
  }

  static void getbit(Invocation c) {
    long offset = bitOffset(c, 2, 0);
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    StringValue s = stringOf(e);
    c.reply().integer(Bits.get(readable(s), s.length(), offset));
  }

  // ---- BITCOUNT / BITPOS -----------------------------------------------------------------

  static void bitcount(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(0);
      return;
    }
    StringValue s = stringOf(e);
    byte[] p = readable(s);
    long strlen = s.length();
    long fromBit;
    long toBit;
    int argc = c.argc();
    if (argc == 4 || argc == 5) {
      long start = c.argLong(2);
      long end = c.argLong(3);
      if (start < 0 && end < 0 && start > end) {
        c.reply().integer(0);
        return;
      }
      boolean isBit = false;
      if (argc == 5) {
        if (c.argIs(4, BIT)) {
          isBit = true;
        } else if (!c.argIs(4, BYTE)) {
          throw ErrorReply.SYNTAX;
        }
      }
      long total = isBit ? strlen << 3 : strlen;
      if (start < 0) {
        start += total;
      }
      if (end < 0) {
        end += total;
      }
      if (start < 0) {
        start = 0;
      }
      if (end < 0) {
        end = 0;
      }
      if (end >= total) {
        end = total - 1;
      }
      if (start > end) {
        c.reply().integer(0);
        return;
      }
      fromBit = isBit ? start : start << 3;
      toBit = isBit ? end : (end << 3) + 7;
    } else if (argc == 2) {
      if (strlen == 0) {
        c.reply().integer(0);
        return;
      }
      fromBit = 0;
      toBit = (strlen << 3) - 1;
    } else {
      throw ErrorReply.SYNTAX;
    }
    c.reply().integer(Bits.popcountBits(p, fromBit, toBit));
  }

  static void bitpos(Invocation c) {
    long bitArg = c.argLong(2);
    if (bitArg != 0 && bitArg != 1) {
      throw BITPOS_BIT_ERR;
    }
    int bit = (int) bitArg;
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().integer(bit == 1 ? -1 : 0);
      return;
    }
    StringValue s = stringOf(e);
    byte[] p = readable(s);
    long strlen = s.length();
    boolean endGiven = false;
    long fromBit;
    long toBit;
    int argc = c.argc();
    if (argc >= 4 && argc <= 6) {
      long start = c.argLong(3);
      boolean isBit = false;
      if (argc == 6) {
        if (c.argIs(5, BIT)) {
          isBit = true;
        } else if (!c.argIs(5, BYTE)) {
          throw ErrorReply.SYNTAX;
        }
      }
      long total = isBit ? strlen << 3 : strlen;
      long end;
      if (argc >= 5) {
        end = c.argLong(4);
        endGiven = true;
      } else {
        end = total - 1;
      }
      if (start < 0) {
        start += total;
      }
      if (end < 0) {
        end += total;
      }
      if (start < 0) {
        start = 0;
      }
      if (end < 0) {
        end = 0;
      }
      if (end >= total) {
        end = total - 1;
      }
      if (start > end) {
        c.reply().integer(-1);
        return;
      }
      fromBit = isBit ? start : start << 3;
      toBit = isBit ? end : (end << 3) + 7;
    } else if (argc == 3) {
      if (strlen == 0) {
        c.reply().integer(-1);
        return;
      }
      fromBit = 0;
      toBit = (strlen << 3) - 1;
    } else {
      throw ErrorReply.SYNTAX;
    }
    long pos = Bits.firstBit(p, fromBit, toBit, bit);
    if (pos < 0 && bit == 0 && !endGiven) {
      // Without an explicit end the string counts as followed by zeros: the first clear bit
      // is the one just past the range's last byte.
      pos = ((toBit >>> 3) + 1) << 3;
    }
    c.reply().integer(pos);
  }

  // ---- BITOP -----------------------------------------------------------------------------

  private static final int OP_AND = 0;
  private static final int OP_OR = 1;
  private static final int OP_XOR = 2;
  private static final int OP_NOT = 3;

  static void bitop(Invocation c) {
    int op;
    if (c.argIs(1, AND)) {
      op = OP_AND;
    } else if (c.argIs(1, OR)) {
      op = OP_OR;
    } else if (c.argIs(1, XOR)) {
      op = OP_XOR;
    } else if (c.argIs(1, NOT)) {
      op = OP_NOT;
    } else {
      throw ErrorReply.SYNTAX;
    }
    if (op == OP_NOT && c.argc() != 4) {
      throw BITOP_NOT_ERR;
    }
    int n = c.argc() - 3;
    byte[][] src = new byte[n][];
    int[] len = new int[n];
    int maxLen = 0;
    for (int j = 0; j < n; j++) {
      Entry e = c.lookupRead(3 + j);
      if (e == null) {
        continue;
      }
      StringValue s = stringOf(e);
      src[j] = s.isInt() ? s.toBytes() : s.array();
      len[j] = s.length();
      maxLen = Math.max(maxLen, len[j]);
    }
    if (maxLen == 0) {
      if (c.deleteKeyArg(2)) {
        c.notifyKey(KeyspaceEvent.DEL, 2);
        c.dirty();
      }
      c.reply().integer(0);
      return;
    }
    byte[] res = new byte[maxLen];
    if (len[0] > 0) {
      System.arraycopy(src[0], 0, res, 0, len[0]);
    }
    switch (op) {
      case OP_NOT -> {
        for (int i = 0; i < maxLen; i++) {
          res[i] = (byte) ~res[i];
        }
      }
      case OP_AND -> {
        for (int j = 1; j < n; j++) {
          byte[] a = src[j];
          int l = len[j];
          for (int i = 0; i < l; i++) {
            res[i] &= a[i];
          }
          Arrays.fill(res, l, maxLen, (byte) 0);
        }
      }
      case OP_OR -> {
        for (int j = 1; j < n; j++) {
          byte[] a = src[j];
          for (int i = 0, l = len[j]; i < l; i++) {
            res[i] |= a[i];
          }
        }
      }
      default -> {
        for (int j = 1; j < n; j++) {
          byte[] a = src[j];
          for (int i = 0, l = len[j]; i < l; i++) {
            res[i] ^= a[i];
          }
        }
      }
    }
    c.db().set(c.argBytes(2), StringValue.raw(res, maxLen), false);
    c.notifyKey(KeyspaceEvent.SET_STRING, 2);
    c.dirty();
    c.reply().integer(maxLen);
  }

  // ---- BITFIELD --------------------------------------------------------------------------

  private static final int BF_GET = 0;
  private static final int BF_SET = 1;
  private static final int BF_INCRBY = 2;
  private static final int OW_WRAP = 0;
  private static final int OW_SAT = 1;
  private static final int OW_FAIL = 2;

  static void bitfield(Invocation c) {
    bitfieldGeneric(c, false);
  }

  static void bitfieldRo(Invocation c) {
    bitfieldGeneric(c, true);
  }

  /**
   * A bitfield type argument: {@code i1..i64} or {@code u1..u63}. Returns bits, negated for
   * signed types.
   */
  private static int bitfieldType(Invocation c, int i) {
    byte[] a = c.argArray(i);
    int off = c.argOffset(i);
    int len = c.argLength(i);
    if (len == 0 || (a[off] != 'i' && a[off] != 'u')) {
      throw BITFIELD_TYPE_ERR;
    }
    boolean signed = a[off] == 'i';
    // Redis reads the width as a C string: it stops at a NUL byte.
    int end = off + 1;
    while (end < off + len && a[end] != 0) {
      end++;
    }
    if (!Numbers.isLong(a, off + 1, end - off - 1)) {
      throw BITFIELD_TYPE_ERR;
    }
    long bits = Numbers.parseLong(a, off + 1, end - off - 1, 0);
    if (bits < 1 || bits > (signed ? 64 : 63)) {
      throw BITFIELD_TYPE_ERR;
    }
    return signed ? -(int) bits : (int) bits;
  }

  /**
   * Redis's overflow test for a signed field: 1 above the maximum, -1 below the minimum, 0 when
   * {@code value + incr} fits. The headroom differences are computed with 64-bit wrap-around,
   * exactly as Redis does; for a SET of a value near -2^63 that wrap makes Redis report an
   * overflow upwards (SAT then stores the maximum), and this keeps that behaviour.
   */
  private static int signedOverflow(long value, long incr, int bits, long max, long min) {
    long roomUp = max - value;
    long roomDown = min - value;
    if (value > max || (bits != 64 && incr > roomUp) || (value >= 0 && incr > 0 && incr > roomUp)) {
      return 1;
    }
    if (value < min || (bits != 64 && incr < roomDown) || (value < 0 && incr < 0 && incr < roomDown)) {
      return -1;
    }
    return 0;
  }

  /** The same for an unsigned field; {@code value} is read as an unsigned 64-bit number. */
  private static int unsignedOverflow(long value, long incr, long max) {
    long roomUp = max - value;
    long roomDown = -value;
    if (Long.compareUnsigned(value, max) > 0 || (incr > 0 && incr > roomUp)) {
      return 1;
    }
    if (incr < 0 && incr < roomDown) {
      return -1;
    }
    return 0;
  }

  private static void bitfieldGeneric(Invocation c, boolean readOnlyCommand) {
    int argc = c.argc();
    int max = argc / 2 + 1;
    int[] opcode = new int[max];
    int[] width = new int[max]; // negative: signed
    int[] overflow = new int[max];
    long[] offsets = new long[max];
    long[] values = new long[max];
    int ops = 0;
    int owType = OW_WRAP;
    boolean readOnly = true;
    long highestWrite = 0;
    for (int j = 2; j < argc; j++) {
      int remaining = argc - j - 1;
      int code;
      if (c.argIs(j, GET) && remaining >= 2) {
        code = BF_GET;
      } else if (c.argIs(j, SET) && remaining >= 3) {
        code = BF_SET;
      } else if (c.argIs(j, INCRBY) && remaining >= 3) {
        code = BF_INCRBY;
      } else if (c.argIs(j, OVERFLOW) && remaining >= 1) {
        j++;
        if (c.argIs(j, WRAP)) {
          owType = OW_WRAP;
        } else if (c.argIs(j, SAT)) {
          owType = OW_SAT;
        } else if (c.argIs(j, FAIL)) {
          owType = OW_FAIL;
        } else {
          throw OVERFLOW_TYPE_ERR;
        }
        continue;
      } else {
        throw ErrorReply.SYNTAX;
      }
      int type = bitfieldType(c, j + 1);
      int bits = Math.abs(type);
      long offset = bitOffset(c, j + 2, bits);
      long value = 0;
      if (code != BF_GET) {
        readOnly = false;
        highestWrite = Math.max(highestWrite, offset + bits - 1);
        value = c.argLong(j + 3);
      }
      opcode[ops] = code;
      width[ops] = type;
      overflow[ops] = owType;
      offsets[ops] = offset;
      values[ops] = value;
      ops++;
      j += code == BF_GET ? 2 : 3;
    }

    StringValue s = null;
    boolean changedLength = false;
    if (readOnly) {
      Entry e = c.lookupRead(1);
      if (e != null) {
        s = stringOf(e);
      }
    } else {
      if (readOnlyCommand) {
        throw BITFIELD_RO_ERR;
      }
      int need = byteLength(highestWrite);
      Entry e = c.lookupWrite(1);
      int oldLength = e == null ? -1 : stringOf(e).length();
      s = writableString(c, e, need);
      changedLength = s.length() != oldLength;
    }

    ReplyWriter r = c.reply();
    r.arrayLen(ops);
    long changes = 0;
    for (int k = 0; k < ops; k++) {
      int bits = Math.abs(width[k]);
      boolean signed = width[k] < 0;
      long offset = offsets[k];
      if (opcode[k] == BF_GET) {
        if (s == null) {
          r.integer(0);
        } else {
          byte[] p = readable(s);
          r.integer(signed ? Bits.getSignedField(p, s.length(), offset, bits)
              : Bits.getField(p, s.length(), offset, bits));
        }
        continue;
      }
      byte[] p = s.array();
      long old = signed ? Bits.getSignedField(p, s.length(), offset, bits)
          : Bits.getField(p, s.length(), offset, bits);
      long incr = opcode[k] == BF_INCRBY ? values[k] : 0;
      long base = opcode[k] == BF_INCRBY ? old : values[k];
      long sum = base + incr; // wraps modulo 2^64, as Redis's unsigned addition
      long maxValue;
      long minValue;
      int direction; // 1: above the maximum, -1: below the minimum
      if (signed) {
        maxValue = bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1;
        minValue = -maxValue - 1;
        direction = signedOverflow(base, incr, bits, maxValue, minValue);
      } else {
        maxValue = (1L << bits) - 1;
        minValue = 0;
        direction = unsignedOverflow(base, incr, maxValue);
      }
      long newValue = sum;
      if (direction != 0) {
        if (overflow[k] == OW_FAIL) {
          r.nullBulk();
          continue;
        }
        if (overflow[k] == OW_SAT) {
          newValue = direction > 0 ? maxValue : minValue;
        } else if (signed) {
          newValue = bits == 64 ? sum : (sum << (64 - bits)) >> (64 - bits);
        } else {
          newValue = sum & maxValue;
        }
      }
      r.integer(opcode[k] == BF_INCRBY ? newValue : old);
      Bits.setField(p, offset, bits, newValue);
      if (changedLength || old != newValue) {
        changes++;
      }
    }
    if (changes > 0) {
      c.notifyKey(KeyspaceEvent.SETBIT, 1);
      c.dirty(changes);
    } else if (changedLength) {
      // Redis 7.0 does not propagate a BITFIELD whose writes all failed (OVERFLOW FAIL) even
      // though it created or padded the string; we do, so replicas keep the same dataset.
      c.dirty();
    }
  }
}
