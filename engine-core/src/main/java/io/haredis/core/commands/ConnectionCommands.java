package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Connection commands: PING, ECHO, QUIT, RESET, HELLO and AUTH (Redis's server.c, networking.c
 * and acl.c). SELECT lives with the keyspace commands.
 *
 * <h2>Authentication</h2>
 * Only the {@code default} user exists. Without {@code requirepass} it accepts any password
 * (Redis's {@code nopass}); with it, only that password. A failed AUTH leaves an already
 * authenticated connection authenticated, as in Redis.
 */
public final class ConnectionCommands {

  /** The version HELLO and INFO report. */
  public static final String REDIS_VERSION = "7.0.15";

  private static final byte[] PONG = "+PONG\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RESET_REPLY = "+RESET\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AUTH = "auth".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SETNAME = "setname".getBytes(StandardCharsets.US_ASCII);

  static final CommandError AUTH_WITHOUT_PASSWORD = new CommandError("ERR AUTH <password> called without any "
      + "password configured for the default user. Are you sure your configuration is correct?");
  static final CommandError NOPROTO = new CommandError("NOPROTO unsupported protocol version");
  static final CommandError PROTOCOL_NOT_INTEGER =
      new CommandError("ERR Protocol version is not an integer or out of range");
  static final CommandError HELLO_NOAUTH = new CommandError("NOAUTH HELLO must be called with the client "
      + "already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
      + "the client and select the RESP protocol version at the same time");

  private ConnectionCommands() {}

  public static void register(CommandTable.Builder b) {
    // "sentinel" is hidden from COMMAND INFO (as in Redis) and marks what a Sentinel also serves.
    b.add("ping", -1, ConnectionCommands::ping)
        .allowedWhileSubscribed()
        .flags("fast sentinel")
        .acl("@fast @connection")
        .tips("request_policy:all_shards", "response_policy:all_succeeded")
        .group("connection").since("1.0.0");
    b.add("echo", 2, ConnectionCommands::echo)
        .flags("loading stale fast")
        .acl("@fast @connection")
        .group("connection").since("1.0.0");
    b.add("quit", -1, ConnectionCommands::quit)
        .flags("noscript loading stale fast no_auth allow_busy")
        .acl("@fast @connection")
        .immediateInMulti()
        .allowedWhileSubscribed()
        .group("connection").since("1.0.0");
    b.add("reset", 1, ConnectionCommands::reset)
        .flags("noscript loading stale fast no_auth allow_busy")
        .acl("@fast @connection")
        .immediateInMulti()
        .allowedWhileSubscribed()
        .group("connection").since("6.2.0");
    b.add("hello", -1, ConnectionCommands::hello)
        .flags("noscript loading stale fast no_auth allow_busy sentinel")
        .acl("@fast @connection")
        .group("connection").since("6.0.0");
    b.add("auth", -2, ConnectionCommands::auth)
        .flags("noscript loading stale fast no_auth allow_busy sentinel")
        .acl("@fast @connection")
        .group("connection").since("1.0.0");
  }

  private static final byte[] PONG_WORD = {'p', 'o', 'n', 'g'};

  static void ping(Invocation c) {
    if (c.argc() > 2) {
      throw ErrorReply.wrongArity("ping");
    }
    if (!c.reply().resp3() && c.client().subscribed()) {
      // RESP2 subscribed mode: a reply shaped like a message, ["pong", arg or ""]
      c.reply().arrayLen(2);
      c.reply().bulk(PONG_WORD);
      if (c.argc() == 1) {
        c.reply().bulk(PONG_WORD, 0, 0);
      } else {
        c.reply().bulk(c.argArray(1), c.argOffset(1), c.argLength(1));
      }
      return;
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

  /** Replies +OK, then the connection closes once the reply is written. */
  static void quit(Invocation c) {
    c.reply().ok();
    c.client().closeAfterReply(true);
  }

  /** Back to a freshly connected client's state (Redis's {@code clearClientConnectionState}). */
  static void reset(Invocation c) {
    ClientState client = c.client();
    ServerNode node = c.node();
    node.monitors().remove(client);
    TransactionCommands.discardTransaction(c);
    node.pubsub().unsubscribeAll(client);
    client.db(node.db(0));
    client.reply().version(RespVersion.RESP2);
    client.user("default");
    client.authenticated(!node.authRequired());
    client.name(null);
    // Redis clears OFF and SKIP_NEXT but not the SKIP of the running command: a RESET right
    // after CLIENT REPLY SKIP still has its reply dropped.
    if (client.replyMode() != ReplyMode.SKIP) {
      client.replyMode(ReplyMode.ON);
      client.reply().suppressed(false);
    }
    c.reply().raw(RESET_REPLY);
  }

  /** HELLO [protover [AUTH user pass] [SETNAME name]]: options apply in order, as in Redis. */
  static void hello(Invocation c) {
    ClientState client = c.client();
    long ver = 0;
    int next = 1;
    if (c.argc() >= 2) {
      ver = c.argLong(1, PROTOCOL_NOT_INTEGER);
      if (ver < 2 || ver > 3) {
        throw NOPROTO;
      }
      next = 2;
    }
    for (int j = next; j < c.argc(); j++) {
      int more = c.argc() - 1 - j;
      if (c.argIs(j, AUTH) && more >= 2) {
        c.node().monitors().redact(j + 1);
        c.node().monitors().redact(j + 2);
        if (!authenticate(c, j + 1, j + 2)) {
          throw ErrorReply.WRONGPASS;
        }
        j += 2;
      } else if (c.argIs(j, SETNAME) && more >= 1) {
        ClientCommands.setName(client, c.argBytes(j + 1));
        j++;
      } else {
        throw new CommandError("ERR Syntax error in HELLO option '" + c.argString(j) + "'");
      }
    }
    if (!client.authenticated()) {
      throw HELLO_NOAUTH;
    }
    if (ver != 0) {
      client.reply().version(ver == 3 ? RespVersion.RESP3 : RespVersion.RESP2);
    }
    ReplyWriter r = c.reply();
    r.mapLen(7);
    r.bulk("server");
    r.bulk("redis");
    r.bulk("version");
    r.bulk(REDIS_VERSION);
    r.bulk("proto");
    r.integer(r.resp3() ? 3 : 2);
    r.bulk("id");
    r.integer(client.id());
    r.bulk("mode");
    r.bulk(isCluster(c.node()) ? "cluster" : "standalone");
    r.bulk("role");
    r.bulk("master");
    r.bulk("modules");
    r.arrayLen(0);
  }

  /** AUTH [user] password. */
  static void auth(Invocation c) {
    if (c.argc() > 3) {
      throw ErrorReply.SYNTAX;
    }
    c.node().monitors().redact(1);
    if (c.argc() == 2) {
      if (!c.node().authRequired()) {
        throw AUTH_WITHOUT_PASSWORD;
      }
      if (!checkPassword(c.node(), c.argBytes(1))) {
        throw ErrorReply.WRONGPASS;
      }
      loggedIn(c.client());
    } else {
      c.node().monitors().redact(2);
      if (!authenticate(c, 1, 2)) {
        throw ErrorReply.WRONGPASS;
      }
    }
    c.reply().ok();
  }

  /** Checks user and password arguments; on success the client is authenticated as that user. */
  private static boolean authenticate(Invocation c, int userArg, int passArg) {
    if (!c.argString(userArg).equals("default")) {
      return false; // user names are case-sensitive; only "default" exists
    }
    if (c.node().authRequired() && !checkPassword(c.node(), c.argBytes(passArg))) {
      return false;
    }
    loggedIn(c.client());
    return true;
  }

  private static void loggedIn(ClientState client) {
    client.authenticated(true);
    client.user("default");
  }

  private static boolean checkPassword(ServerNode node, byte[] given) {
    byte[] expected = node.settings().requirePass.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, given); // time-independent, as Redis compares hashes
  }

  private static boolean isCluster(ServerNode node) {
    ConfigParam p = node.config().find("cluster-enabled");
    return p != null && "yes".equals(p.value());
  }
}
