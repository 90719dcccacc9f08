package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Set commands (Redis's t_set.c). */
public final class SetCommands {

  private SetCommands() {}

  public static void register(CommandTable.Builder b) {}
}
