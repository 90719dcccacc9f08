package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;
import io.haredis.core.persist.aof.AppendOnlyFile;

/** BGREWRITEAOF: the append-only file's command (the file itself is {@link AppendOnlyFile}). */
public final class AofCommands {

  private AofCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("bgrewriteaof", 1, AofCommands::bgrewriteaof)
        .flags("admin noscript no_async_loading")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
  }

  /**
   * Starts a rewrite of the AOF in the background (also with {@code appendonly no}: it writes the
   * AOF directory's base), schedules it while a BGSAVE runs or inside a transaction, or says one
   * is already running.
   */
  static void bgrewriteaof(Invocation c) {
    AppendOnlyFile.BgrewriteReply r = c.node().aof().bgrewriteaof(c.node().dispatcher().inExec());
    if (r.isError()) {
      throw new CommandError(r.text());
    }
    c.reply().simple(r.text());
  }
}
