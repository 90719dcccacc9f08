package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** COMMAND and its subcommands, answered from the command table. */
public final class CommandCommands {

  private CommandCommands() {}

  public static void register(CommandTable.Builder b) {}
}
