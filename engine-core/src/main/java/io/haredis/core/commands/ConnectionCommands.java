package io.haredis.core.commands;

import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;

/** Connection commands: PING, ECHO, QUIT, SELECT, ... */
public final class ConnectionCommands {

  private static final byte[] PONG = "+PONG\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private ConnectionCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("ping", -1, ConnectionCommands::ping)
        .flags("fast sentinel")
        .acl("@fast @connection")
        .tips("request_policy:all_shards", "response_policy:all_succeeded")
        .group("connection").since("1.0.0");
    b.add("echo", 2, ConnectionCommands::echo)
        .flags("fast")
        .acl("@fast @connection")
        .group("connection").since("1.0.0");
  }

  static void ping(Invocation c) {
    if (c.argc() > 2) {
      throw io.haredis.core.command.ErrorReply.wrongArity("ping");
    }
    if (c.argc() == 1) {
      c.reply().raw(PONG);
    } else {
      c.reply().bulk(c.argArray(1), c.argOffset(1), c.argLength(1));
    }
  }

  static void echo(Invocation c) {
    c.reply().bulk(c.argArray(1), c.argOffset(1), c.argLength(1));
  }
}
