package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.node.Pauses;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CLIENT subcommands and MONITOR (Redis's networking.c and server.c).
 *
 * <p>Not served yet: CLIENT TRACKING and CLIENT CACHING (client-side caching needs invalidation
 * tracking in the keyspace). CLIENT GETREDIR and TRACKINGINFO answer for tracking off.
 */
public final class ClientCommands {

  private static final byte[] ON = "on".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] OFF = "off".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SKIP = "skip".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WRITE = "write".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ALL = "all".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TYPE = "type".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ID = "id".getBytes(StandardCharsets.US_ASCII);

  static final CommandError BAD_NAME =
      new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
  static final CommandError NO_SUCH_CLIENT = new CommandError("ERR No such client");
  static final CommandError INVALID_CLIENT_ID = new CommandError("ERR Invalid client ID");
  static final CommandError CLIENT_ID_NOT_POSITIVE = new CommandError("ERR client-id should be greater than 0");
  static final CommandError PAUSE_MODE = new CommandError("ERR CLIENT PAUSE mode must be WRITE or ALL");
  static final CommandError TIMEOUT_NOT_INTEGER = new CommandError("ERR timeout is not an integer or out of range");
  static final CommandError TIMEOUT_NEGATIVE = new CommandError("ERR timeout is negative");
  static final CommandError UNBLOCK_REASON = new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");

  private static final String[] HELP = {
    "CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CACHING (YES|NO)",
    "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
    "GETREDIR",
    "    Return the client ID we are redirecting to when tracking is enabled.",
    "GETNAME",
    "    Return the name of the current connection.",
    "ID",
    "    Return the ID of the current connection.",
    "INFO",
    "    Return information about the current client connection.",
    "KILL <ip:port>",
    "    Kill connection made from <ip:port>.",
    "KILL <option> <value> [<option> <value> [...]]",
    "    Kill connections. Options are:",
    "    * ADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made from the specified address",
    "    * LADDR (<ip:port>|<unixsocket>:0)",
    "      Kill connections made to specified local address",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Kill connections by type.",
    "    * USER <username>",
    "      Kill connections authenticated by <username>.",
    "    * SKIPME (YES|NO)",
    "      Skip killing current connection (default: yes).",
    "LIST [options ...]",
    "    Return information about client connections. Options:",
    "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
    "      Return clients of specified type.",
    "UNPAUSE",
    "    Stop the current client pause, resuming traffic.",
    "PAUSE <timeout> [WRITE|ALL]",
    "    Suspend all, or just write, clients for <timeout> milliseconds.",
    "REPLY (ON|OFF|SKIP)",
    "    Control the replies sent to the current connection.",
    "SETNAME <name>",
    "    Assign the name <name> to the current connection.",
    "UNBLOCK <clientid> [TIMEOUT|ERROR]",
    "    Unblock the specified blocked client.",
    "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
    "         [OPTIN] [OPTOUT] [NOLOOP]",
    "    Control server assisted client side caching.",
    "TRACKINGINFO",
    "    Report tracking status for the current connection.",
    "NO-EVICT (ON|OFF)",
    "    Protect current client connection from eviction.",
    "HELP",
    "    Prints this help.",
  };

  private ClientCommands() {}

  public static void register(CommandTable.Builder b) {
    // "sentinel" is hidden from COMMAND INFO (as in Redis) and marks what a Sentinel also serves.
    CommandSpec.Builder client = b.add("client", -2, null)
        .flags("sentinel")
        .acl("@slow")
        .group("connection").since("2.4.0");
    client.sub("pause", -3, ClientCommands::clientPause)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .group("connection").since("2.9.50");
    client.sub("getredir", 2, ClientCommands::clientGetredir)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("6.0.0");
    client.sub("list", -2, ClientCommands::clientList)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .tips("nondeterministic_output")
        .group("connection").since("2.4.0");
    client.sub("setname", 3, ClientCommands::clientSetname)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("2.6.9");
    client.sub("unblock", -3, ClientCommands::clientUnblock)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .group("connection").since("5.0.0");
    client.sub("no-evict", 3, ClientCommands::clientNoEvict)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .group("connection").since("7.0.0");
    client.sub("kill", -3, ClientCommands::clientKill)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .group("connection").since("2.4.0");
    client.sub("trackinginfo", 2, ClientCommands::clientTrackinginfo)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("6.2.0");
    client.sub("unpause", 2, ClientCommands::clientUnpause)
        .flags("admin noscript loading stale sentinel")
        .acl("@admin @slow @dangerous @connection")
        .group("connection").since("6.2.0");
    client.sub("getname", 2, ClientCommands::clientGetname)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("2.6.9");
    client.sub("reply", 3, ClientCommands::clientReply)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("3.2.0");
    client.sub("id", 2, ClientCommands::clientId)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("5.0.0");
    client.sub("info", 2, ClientCommands::clientInfo)
        .flags("noscript loading stale sentinel")
        .acl("@slow @connection")
        .tips("nondeterministic_output")
        .group("connection").since("6.2.0");
    client.sub("help", 2, ClientCommands::clientHelp)
        .flags("loading stale sentinel")
        .acl("@slow @connection")
        .group("connection").since("5.0.0");
    b.add("monitor", 1, ClientCommands::monitor)
        .flags("admin noscript loading stale")
        .acl("@admin @slow @dangerous")
        .group("server").since("1.0.0");
  }

  // ---- identity ----------------------------------------------------------------------------

  static void clientId(Invocation c) {
    c.reply().integer(c.client().id());
  }

  static void clientSetname(Invocation c) {
    setName(c.client(), c.argBytes(2));
    c.reply().ok();
  }

  static void clientGetname(Invocation c) {
    String name = c.client().name();
    if (name == null) {
      c.reply().nullBulk();
    } else {
      c.reply().bulk(name);
    }
  }

  /**
   * Sets (or, with an empty name, clears) a client's name. Only printable ASCII without spaces is
   * allowed, so CLIENT LIST stays splittable on spaces (Redis's {@code clientSetName}).
   */
  static void setName(ClientState client, byte[] name) {
    if (name.length == 0) {
      client.name(null);
      return;
    }
    for (byte b : name) {
      if (b < '!' || b > '~') {
        throw BAD_NAME;
      }
    }
    client.name(new String(name, StandardCharsets.US_ASCII));
  }

  // ---- listing -----------------------------------------------------------------------------

  static void clientInfo(Invocation c) {
    StringBuilder sb = ClientInfo.append(new StringBuilder(320), c.node(), c.client(), c.client());
    c.reply().verbatim(sb.append('\n').toString());
  }

  /** CLIENT LIST [TYPE type | ID id [id ...]]. */
  static void clientList(Invocation c) {
    ServerNode node = c.node();
    StringBuilder sb = new StringBuilder(256 * Math.max(1, node.clients().size()));
    if (c.argc() == 4 && c.argIs(2, TYPE)) {
      ClientInfo.Type type = parseType(c.argString(3));
      for (ClientState other : node.clients().all()) {
        if (ClientInfo.typeOf(node, other) == type) {
          ClientInfo.append(sb, node, other, c.client()).append('\n');
        }
      }
    } else if (c.argc() > 3 && c.argIs(2, ID)) {
      long[] ids = new long[c.argc() - 3];
      for (int j = 3; j < c.argc(); j++) {
        ids[j - 3] = c.argLong(j, INVALID_CLIENT_ID);
      }
      for (long id : ids) {
        ClientState other = node.clients().get(id);
        if (other != null) {
          ClientInfo.append(sb, node, other, c.client()).append('\n');
        }
      }
    } else if (c.argc() != 2) {
      throw ErrorReply.SYNTAX;
    } else {
      for (ClientState other : node.clients().all()) {
        ClientInfo.append(sb, node, other, c.client()).append('\n');
      }
    }
    c.reply().verbatim(sb.toString());
  }

  private static ClientInfo.Type parseType(String name) {
    ClientInfo.Type t = ClientInfo.Type.byName(name);
    if (t == null) {
      throw new CommandError("ERR Unknown client type '" + name + "'");
    }
    return t;
  }

  // ---- kill ----------------------------------------------------------------------------------

  /**
   * CLIENT KILL ip:port (old form: replies +OK or an error, may kill the caller) or CLIENT KILL
   * filter value ... (new form: replies the number killed, skips the caller unless SKIPME NO).
   */
  static void clientKill(Invocation c) {
    String addr = null;
    String laddr = null;
    String user = null;
    ClientInfo.Type type = null;
    long id = 0;
    boolean skipMe = true;
    if (c.argc() == 3) {
      addr = c.argString(2);
      skipMe = false;
    } else {
      for (int i = 2; i < c.argc(); i += 2) {
        boolean more = c.argc() > i + 1;
        String opt = c.argString(i).toLowerCase(Locale.ROOT);
        if (!more) {
          throw ErrorReply.SYNTAX;
        }
        switch (opt) {
          case "id" -> {
            id = c.argLong(i + 1, CLIENT_ID_NOT_POSITIVE);
            if (id < 1) {
              throw CLIENT_ID_NOT_POSITIVE;
            }
          }
          case "type" -> type = parseType(c.argString(i + 1));
          case "addr" -> addr = c.argString(i + 1);
          case "laddr" -> laddr = c.argString(i + 1);
          case "user" -> {
            user = c.argString(i + 1);
            if (!user.equals("default")) {
              throw new CommandError("ERR No such user '" + user + "'");
            }
          }
          case "skipme" -> {
            if (c.argIs(i + 1, "yes")) {
              skipMe = true;
            } else if (c.argIs(i + 1, "no")) {
              skipMe = false;
            } else {
              throw ErrorReply.SYNTAX;
            }
          }
          default -> throw ErrorReply.SYNTAX;
        }
      }
    }
    ServerNode node = c.node();
    ClientState me = c.client();
    List<ClientState> victims = new ArrayList<>();
    boolean killMe = false;
    for (ClientState other : node.clients().all()) {
      if (addr != null && !node.clients().peerId(other).equals(addr)) {
        continue;
      }
      if (laddr != null && !node.clients().localId(other).equals(laddr)) {
        continue;
      }
      if (type != null && ClientInfo.typeOf(node, other) != type) {
        continue;
      }
      if (id != 0 && other.id() != id) {
        continue;
      }
      if (user != null && !user.equals(other.user())) {
        continue;
      }
      if (other == me) {
        if (skipMe) {
          continue;
        }
        killMe = true;
      } else {
        victims.add(other);
      }
    }
    for (ClientState v : victims) {
      node.closeClient(v);
    }
    int killed = victims.size() + (killMe ? 1 : 0);
    if (c.argc() == 3) {
      if (killed == 0) {
        throw NO_SUCH_CLIENT;
      }
      c.reply().ok();
    } else {
      c.reply().integer(killed);
    }
    if (killMe) {
      me.closeAfterReply(true); // after the reply is queued, as in Redis
    }
  }

  // ---- pause ---------------------------------------------------------------------------------

  /** CLIENT PAUSE timeout-ms [WRITE|ALL]. */
  static void clientPause(Invocation c) {
    if (c.argc() > 4) {
      throw subcommandSyntax(c);
    }
    Pauses.Scope scope = Pauses.Scope.ALL;
    if (c.argc() == 4) {
      if (c.argIs(3, WRITE)) {
        scope = Pauses.Scope.WRITE;
      } else if (!c.argIs(3, ALL)) {
        throw PAUSE_MODE;
      }
    }
    long timeout = c.argLong(2, TIMEOUT_NOT_INTEGER);
    if (timeout < 0) {
      throw TIMEOUT_NEGATIVE;
    }
    long end = 0;
    if (timeout > 0) {
      long now = c.node().clockMillis();
      end = timeout > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeout;
    }
    c.node().pauses().pause(scope, end);
    c.reply().ok();
  }

  static void clientUnpause(Invocation c) {
    c.node().pauses().unpause();
    c.reply().ok();
  }

  // ---- reply mode and eviction ---------------------------------------------------------------

  /** CLIENT REPLY ON|OFF|SKIP: only ON replies (see {@link ReplyMode} and the dispatcher). */
  static void clientReply(Invocation c) {
    ClientState client = c.client();
    if (c.argIs(2, ON)) {
      client.replyMode(ReplyMode.ON);
      client.reply().suppressed(false); // Redis clears the flags before replying: +OK is sent
      c.reply().ok();
    } else if (c.argIs(2, OFF)) {
      client.replyMode(ReplyMode.OFF);
    } else if (c.argIs(2, SKIP)) {
      if (client.replyMode() != ReplyMode.OFF) {
        client.replyMode(ReplyMode.SKIP_NEXT);
      }
    } else {
      throw ErrorReply.SYNTAX;
    }
  }

  static void clientNoEvict(Invocation c) {
    if (c.argIs(2, ON)) {
      c.client().noEvict(true);
    } else if (c.argIs(2, OFF)) {
      c.client().noEvict(false);
    } else {
      throw ErrorReply.SYNTAX;
    }
    c.reply().ok();
  }

  // ---- tracking and blocking (not served yet: the "off" answers) ----------------------------

  static void clientGetredir(Invocation c) {
    c.reply().integer(-1);
  }

  static void clientTrackinginfo(Invocation c) {
    ReplyWriter r = c.reply();
    r.mapLen(3);
    r.bulk("flags");
    r.setLen(1);
    r.bulk("off");
    r.bulk("redirect");
    r.integer(-1);
    r.bulk("prefixes");
    r.arrayLen(0);
  }

  /**
   * CLIENT UNBLOCK id [TIMEOUT|ERROR]: a client blocked on keys gets its timeout reply (or the
   * UNBLOCKED error) and goes on; 1 if there was one.
   */
  static void clientUnblock(Invocation c) {
    if (c.argc() > 4) {
      throw subcommandSyntax(c);
    }
    boolean error = false;
    if (c.argc() == 4) {
      if (c.argIs(3, "error")) {
        error = true;
      } else if (!c.argIs(3, "timeout")) {
        throw UNBLOCK_REASON;
      }
    }
    long id = c.argLong(2);
    ClientState target = c.node().clients().get(id);
    if (target == null || !target.blocked()) {
      c.reply().integer(0);
      return;
    }
    io.haredis.core.client.BlockState state = c.node().blocking().unblock(target);
    if (error) {
      target.reply().error("UNBLOCKED client unblocked via CLIENT UNBLOCK");
      c.node().blocking().release(target);
    } else {
      c.node().blocking().replyTimeout(target, state);
    }
    c.reply().integer(1);
  }

  static void clientHelp(Invocation c) {
    ReplyWriter r = c.reply();
    r.arrayLen(HELP.length);
    for (String line : HELP) {
      r.simple(line);
    }
  }

  // ---- monitor -------------------------------------------------------------------------------

  /** MONITOR: +OK, then every command other clients run (see {@link MonitorFeed}). */
  static void monitor(Invocation c) {
    if (c.node().monitors().add(c.client())) {
      c.reply().ok();
    }
  }

  private static CommandError subcommandSyntax(Invocation c) {
    String sub = c.argString(1);
    if (sub.getBytes(StandardCharsets.UTF_8).length > 128) {
      sub = new String(sub.getBytes(StandardCharsets.UTF_8), 0, 128, StandardCharsets.UTF_8);
    }
    return new CommandError("ERR unknown subcommand or wrong number of arguments for '" + sub
        + "'. Try " + c.argString(0).toUpperCase(Locale.ROOT) + " HELP.");
  }
}
