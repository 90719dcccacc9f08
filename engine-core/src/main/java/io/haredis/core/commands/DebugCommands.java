package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** DEBUG subcommands, DIGEST computed as Redis computes it (Redis's debug.c). */
public final class DebugCommands {

  private DebugCommands() {}

  public static void register(CommandTable.Builder b) {}
}
