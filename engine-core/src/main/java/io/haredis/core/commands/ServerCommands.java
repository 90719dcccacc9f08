package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** Server commands: INFO, TIME, LASTSAVE, SHUTDOWN, SLOWLOG (Redis's server.c). */
public final class ServerCommands {

  private ServerCommands() {}

  public static void register(CommandTable.Builder b) {}
}
