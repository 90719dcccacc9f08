package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** CONFIG GET, SET, RESETSTAT, REWRITE (Redis's config.c). */
public final class ConfigCommands {

  private ConfigCommands() {}

  public static void register(CommandTable.Builder b) {}
}
