package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Stream reads and consumer groups (Redis 7.0's t_stream.c): XREAD, XREADGROUP, XGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM, XINFO. */
public final class StreamGroupCommands {

  private StreamGroupCommands() {}

  public static void register(CommandTable.Builder b) {}
}
