package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Sorted set commands (Redis's t_zset.c). */
public final class SortedSetCommands {

  private SortedSetCommands() {}

  public static void register(CommandTable.Builder b) {}
}
