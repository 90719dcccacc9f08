package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Hash commands (Redis's t_hash.c). */
public final class HashCommands {

  private HashCommands() {}

  public static void register(CommandTable.Builder b) {}
}
