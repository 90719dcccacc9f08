package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;

/** The command table of a plain server node: every family engine-core has. */
public final class CoreCommands {

  private static final CommandTable TABLE = build();

  private CoreCommands() {}

  /** The table (immutable, shared by every node). */
  public static CommandTable table() {
    return TABLE;
  }

  private static CommandTable build() {
    CommandTable.Builder b = CommandTable.builder();
    ConnectionCommands.register(b);
    ClientCommands.register(b);
    StringCommands.register(b);
    BitmapCommands.register(b);
    HyperLogLogCommands.register(b);
    KeyCommands.register(b);
    DumpCommands.register(b);
    HashCommands.register(b);
    ListCommands.register(b);
    BlockingListCommands.register(b);
    SetCommands.register(b);
    SortedSetCommands.register(b);
    BlockingSortedSetCommands.register(b);
    StreamCommands.register(b);
    StreamGroupCommands.register(b);
    TransactionCommands.register(b);
    SortCommands.register(b);
    PubSubCommands.register(b);
    ServerCommands.register(b);
    PersistenceCommands.register(b);
    ConfigCommands.register(b);
    DebugCommands.register(b);
    AofCommands.register(b);
    CommandCommands.register(b);
    return b.build();
  }
}
