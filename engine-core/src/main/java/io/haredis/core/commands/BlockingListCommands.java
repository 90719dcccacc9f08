package io.haredis.core.commands;

import io.haredis.core.client.BlockState.TimeoutReply;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.type.ListEnd;
import io.haredis.core.type.ValueType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The blocking list pops (Redis 7.0's t_list.c + blocked.c): BLPOP, BRPOP, BLMOVE, BRPOPLPUSH,
 * BLMPOP. Each first tries its non-blocking form; with nothing to pop it blocks the client
 * (not inside EXEC, where it answers at once as a timeout would). When a key it waits on is
 * created the node runs it again, and then it pops and propagates exactly as the non-blocking
 * command Redis logs for it ({@code LPOP key}, {@code LMOVE ...}, {@code RPOPLPUSH ...},
 * {@code LPOP key n}).
 */
public final class BlockingListCommands {

  static final CommandError TIMEOUT_NOT_FLOAT = new CommandError("ERR timeout is not a float or out of range");
  static final CommandError TIMEOUT_NEGATIVE = new CommandError("ERR timeout is negative");
  private static final CommandError NUMKEYS = new CommandError("ERR numkeys should be greater than 0");
  private static final CommandError COUNT_GT0 = new CommandError("ERR count should be greater than 0");
  private static final byte[] LEFT = "left".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RIGHT = "right".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COUNT = "count".getBytes(StandardCharsets.US_ASCII);
  private static final BigDecimal MAX_MILLIS = BigDecimal.valueOf(Long.MAX_VALUE);

  private BlockingListCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("blpop", -3, BlockingListCommands::blpop)
        .flags("write noscript blocking")
        .acl("@write @list @slow @blocking")
        .keys(1, -2, 1, "RW access delete|index:1|range:-2,1,0")
        .group("list").since("2.0.0");
    b.add("brpop", -3, BlockingListCommands::brpop)
        .flags("write noscript blocking")
        .acl("@write @list @slow @blocking")
        .keys(1, -2, 1, "RW access delete|index:1|range:-2,1,0")
        .group("list").since("2.0.0");
    b.add("blmove", 6, BlockingListCommands::blmove)
        .flags("write denyoom noscript blocking")
        .acl("@write @list @slow @blocking")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "RW insert|index:2|range:0,1,0")
        .group("list").since("6.2.0");
    b.add("brpoplpush", 4, BlockingListCommands::brpoplpush)
        .flags("write denyoom noscript blocking")
        .acl("@write @list @slow @blocking")
        .keys(1, 2, 1, "RW access delete|index:1|range:0,1,0", "RW insert|index:2|range:0,1,0")
        .group("list").since("2.2.0");
    b.add("blmpop", -5, BlockingListCommands::blmpop)
        .flags("write blocking movablekeys")
        .acl("@write @list @slow @blocking")
        .keys(0, 0, 0, "RW access delete|index:2|keynum:0,1,1")
        .group("list").since("7.0.0");
  }

  /**
   * Redis 7.0's {@code getTimeoutFromObjectOrReply} in seconds: a long double, rounded up to
   * milliseconds; 0 waits forever. Values past the range of a long wrap negative in 7.0 and are
   * refused as negative, as there.
   *
   * @return the absolute deadline in Unix ms, or 0 for none
   */
  static long deadline(Invocation c, int index) {
    BigDecimal seconds = io.haredis.core.type.LongDouble.parse(c.argArray(index), c.argOffset(index), c.argLength(index));
    if (seconds == null) {
      throw TIMEOUT_NOT_FLOAT;
    }
    BigDecimal millis = seconds.multiply(BigDecimal.valueOf(1000));
    if (millis.compareTo(MAX_MILLIS) > 0 || millis.signum() < 0) {
      throw TIMEOUT_NEGATIVE;
    }
    long ms = millis.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    return ms == 0 ? 0 : c.now() + ms;
  }

  static void blpop(Invocation c) {
    bpop(c, ListEnd.HEAD);
  }

  static void brpop(Invocation c) {
    bpop(c, ListEnd.TAIL);
  }

  private static void bpop(Invocation c, ListEnd end) {
    long deadline = deadline(c, c.argc() - 1);
    int[] keys = new int[c.argc() - 2];
    for (int k = 1; k < c.argc() - 1; k++) {
      keys[k - 1] = k;
      if (c.servingAnotherKey(k)) {
        continue;
      }
      Entry e = c.lookupWrite(k);
      if (e != null && !ListCommands.listOf(e).isEmpty()) {
        ListCommands.pop(c, e, end, 1, ListCommands.PopReply.KEY_AND_ELEMENT, true);
        return;
      }
    }
    if (!c.mayBlock()) {
      c.reply().nullArray();
      return;
    }
    c.block(keys, ValueType.LIST, deadline, TimeoutReply.NULL_ARRAY);
  }

  static void blmove(Invocation c) {
    ListEnd from = end(c, 3);
    ListEnd to = end(c, 4);
    bmove(c, from, to, 5, new byte[][] {{'L', 'M', 'O', 'V', 'E'}, c.argBytes(1), c.argBytes(2), c.argBytes(3), c.argBytes(4)});
  }

  static void brpoplpush(Invocation c) {
    bmove(c, ListEnd.TAIL, ListEnd.HEAD, 3,
        new byte[][] {"RPOPLPUSH".getBytes(StandardCharsets.US_ASCII), c.argBytes(1), c.argBytes(2)});
  }

  private static void bmove(Invocation c, ListEnd from, ListEnd to, int timeoutIndex, byte[][] loggedAs) {
    long deadline = deadline(c, timeoutIndex);
    Entry src = c.lookupWrite(1);
    if (src != null && !ListCommands.listOf(src).isEmpty()) {
      ListCommands.move(c, src, c.argBytes(2), from, to);
      c.propagateInstead(loggedAs);
      return;
    }
    if (!c.mayBlock()) {
      c.reply().nullBulk(); // inside EXEC Redis answers BLMOVE like LMOVE on an empty list
      return;
    }
    c.block(new int[] {1}, ValueType.LIST, deadline, TimeoutReply.NULL_ARRAY);
  }

  static void blmpop(Invocation c) {
    long deadline = deadline(c, 1);
    long numkeys = c.argLong(2, NUMKEYS);
    if (numkeys < 1) {
      throw NUMKEYS;
    }
    if (numkeys >= c.argc() - 3) {
      throw ErrorReply.SYNTAX;
    }
    int whereIdx = (int) numkeys + 3;
    ListEnd end = end(c, whereIdx);
    long count = -1;
    for (int j = whereIdx + 1; j < c.argc(); j++) {
      if (count == -1 && c.argIs(j, COUNT) && j + 1 < c.argc()) {
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
    int[] keys = new int[(int) numkeys];
    for (int k = 3; k < whereIdx; k++) {
      keys[k - 3] = k;
      if (c.servingAnotherKey(k)) {
        continue;
      }
      Entry e = c.lookupWrite(k);
      if (e != null && !ListCommands.listOf(e).isEmpty()) {
        ListCommands.pop(c, e, end, count, ListCommands.PopReply.KEY_AND_ARRAY, true);
        return;
      }
    }
    if (!c.mayBlock()) {
      c.reply().nullArray();
      return;
    }
    c.block(keys, ValueType.LIST, deadline, TimeoutReply.NULL_ARRAY);
  }

  private static ListEnd end(Invocation c, int i) {
    if (c.argIs(i, LEFT)) {
      return ListEnd.HEAD;
    }
    if (c.argIs(i, RIGHT)) {
      return ListEnd.TAIL;
    }
    throw ErrorReply.SYNTAX;
  }
}
