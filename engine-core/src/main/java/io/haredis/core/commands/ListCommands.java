package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** List commands (Redis's t_list.c). */
public final class ListCommands {

  private ListCommands() {}

  public static void register(CommandTable.Builder b) {}
}
