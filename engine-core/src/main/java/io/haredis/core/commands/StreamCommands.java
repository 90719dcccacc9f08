package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Stream entry commands (Redis 7.0's t_stream.c): XADD, XRANGE, XREVRANGE, XLEN, XDEL, XTRIM, XSETID. */
public final class StreamCommands {

  private StreamCommands() {}

  public static void register(CommandTable.Builder b) {}
}
