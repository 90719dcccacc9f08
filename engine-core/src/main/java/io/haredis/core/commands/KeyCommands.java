package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Keyspace commands (Redis's db.c and expire.c). */
public final class KeyCommands {

  private KeyCommands() {}

  public static void register(CommandTable.Builder b) {}
}
