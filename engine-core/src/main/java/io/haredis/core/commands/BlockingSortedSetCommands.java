package io.haredis.core.commands;

import io.haredis.core.client.BlockState.TimeoutReply;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;
import io.haredis.core.type.ValueType;

/**
 * The blocking sorted-set pops: BZPOPMIN, BZPOPMAX, BZMPOP (Redis 7.0's t_zset.c). Like the
 * blocking list pops they first try the non-blocking pop, block when every key is missing (not
 * inside EXEC), and when run again for a ready key reply and propagate as Redis does:
 * {@code [key, member, score]} logged as {@code ZPOPMIN key}, or BZMPOP's
 * {@code [key, [[member, score]...]]} logged as {@code ZPOPMIN key n}.
 */
public final class BlockingSortedSetCommands {

  private BlockingSortedSetCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("bzpopmin", -3, BlockingSortedSetCommands::bzpopmin)
        .flags("write noscript blocking fast")
        .acl("@write @sortedset @fast @blocking")
        .keys(1, -2, 1, "RW access delete|index:1|range:-2,1,0")
        .group("sorted-set").since("5.0.0");
    b.add("bzpopmax", -3, BlockingSortedSetCommands::bzpopmax)
        .flags("write noscript blocking fast")
        .acl("@write @sortedset @fast @blocking")
        .keys(1, -2, 1, "RW access delete|index:1|range:-2,1,0")
        .group("sorted-set").since("5.0.0");
    b.add("bzmpop", -5, BlockingSortedSetCommands::bzmpop)
        .flags("write blocking movablekeys")
        .acl("@write @sortedset @slow @blocking")
        .keys(0, 0, 0, "RW access delete|index:2|keynum:0,1,1")
        .group("sorted-set").since("7.0.0");
  }

  static void bzpopmin(Invocation c) {
    bzpop(c, false);
  }

  static void bzpopmax(Invocation c) {
    bzpop(c, true);
  }

  private static void bzpop(Invocation c, boolean max) {
    long deadline = BlockingListCommands.deadline(c, c.argc() - 1);
    int keyc = c.argc() - 2;
    if (SortedSetCommands.anyKeyExists(c, 1, keyc)) {
      SortedSetCommands.popGeneric(c, 1, keyc, max, true, -1, false, false);
      return;
    }
    if (!c.mayBlock()) {
      c.reply().nullArray();
      return;
    }
    int[] keys = new int[keyc];
    for (int k = 0; k < keyc; k++) {
      keys[k] = k + 1;
    }
    c.block(keys, ValueType.ZSET, deadline, TimeoutReply.NULL_ARRAY);
  }

  static void bzmpop(Invocation c) {
    long deadline = BlockingListCommands.deadline(c, 1);
    if (!c.mayBlock()) {
      SortedSetCommands.mpop(c, 2, -1);
      return;
    }
    SortedSetCommands.mpop(c, 2, deadline);
  }
}
