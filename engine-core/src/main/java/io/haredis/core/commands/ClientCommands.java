package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** CLIENT subcommands and MONITOR (Redis's networking.c). */
public final class ClientCommands {

  private ClientCommands() {}

  public static void register(CommandTable.Builder b) {}
}
