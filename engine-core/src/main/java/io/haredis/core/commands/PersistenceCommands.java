package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.persist.RdbSaver;

/** SAVE and BGSAVE: RDB snapshots on demand (the work is in {@link RdbSaver}). */
final class PersistenceCommands {

  private static final byte[] SCHEDULE = Invocation.ascii("schedule");
  private static final String IN_PROGRESS = "ERR Background save already in progress";

  private PersistenceCommands() {}

  static void register(CommandTable.Builder b) {
    b.add("save", 1, PersistenceCommands::save)
        .flags("admin noscript no_async_loading no_multi")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
    b.add("bgsave", -1, PersistenceCommands::bgsave)
        .flags("admin noscript no_async_loading")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
  }

  static void save(Invocation c) {
    RdbSaver rdb = c.node().rdb();
    if (rdb.inProgress()) {
      throw new CommandError(IN_PROGRESS);
    }
    if (!rdb.saveNow()) {
      throw new CommandError("ERR");
    }
    c.reply().ok();
  }

  static void bgsave(Invocation c) {
    boolean schedule = false;
    if (c.argc() > 1) {
      if (c.argc() == 2 && c.argIs(1, SCHEDULE)) {
        schedule = true;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    switch (c.node().rdb().bgsave(schedule, c.node().dispatcher().inExec())) {
      case STARTED -> c.reply().simple("Background saving started");
      case SCHEDULED -> c.reply().simple("Background saving scheduled");
      case ALREADY_IN_PROGRESS -> throw new CommandError(IN_PROGRESS);
      case OTHER_CHILD -> throw new CommandError("ERR Another child process is active (AOF?): can't BGSAVE right now. "
          + "Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");
      case FAILED -> throw new CommandError("ERR");
    }
  }
}
