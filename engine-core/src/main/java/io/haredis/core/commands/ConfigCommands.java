package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.config.ConfigError;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.config.ConfigRewriter;
import io.haredis.core.config.ConfigTable;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.ReplyWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CONFIG GET, SET, RESETSTAT, REWRITE, HELP (Redis's config.c). */
public final class ConfigCommands {

  private static final Logger log = LoggerFactory.getLogger(ConfigCommands.class);

  private ConfigCommands() {}

  public static void register(CommandTable.Builder b) {
    CommandSpec.Builder config = b.add("config", -2, null)
        .acl("@slow")
        .group("server").since("2.0.0");
    config.sub("resetstat", 2, ConfigCommands::configResetstat)
        .flags("admin noscript loading stale")
        .acl("@admin @slow @dangerous")
        .group("server").since("2.0.0");
    config.sub("get", -3, ConfigCommands::configGet)
        .flags("admin noscript loading stale")
        .acl("@admin @slow @dangerous")
        .group("server").since("2.0.0");
    config.sub("help", 2, ConfigCommands::configHelp)
        .flags("loading stale")
        .acl("@slow")
        .group("server").since("5.0.0");
    config.sub("rewrite", 2, ConfigCommands::configRewrite)
        .flags("admin noscript loading stale")
        .acl("@admin @slow @dangerous")
        .group("server").since("2.8.0");
    config.sub("set", -4, ConfigCommands::configSet)
        .flags("admin noscript loading stale")
        .acl("@admin @slow @dangerous")
        .tips("request_policy:all_nodes", "response_policy:all_succeeded")
        .group("server").since("2.0.0");
  }

  /** CONFIG GET pattern [pattern ...]: every matching name once, with its value (a map under RESP3). */
  static void configGet(Invocation c) {
    List<String> patterns = new ArrayList<>(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      patterns.add(c.argString(i));
    }
    List<Map.Entry<String, ConfigParam>> hits = c.node().config().matching(patterns);
    ReplyWriter r = c.reply();
    r.mapLen(hits.size());
    for (Map.Entry<String, ConfigParam> e : hits) {
      r.bulk(e.getKey());
      r.bulk(e.getValue().value());
    }
  }

  /**
   * CONFIG SET name value [name value ...], all or nothing as in Redis 7: every name is checked
   * first (unknown, immutable, protected, duplicate), then the values are applied in order; if
   * one is refused, the ones already applied get their old values back.
   */
  static void configSet(Invocation c) {
    if ((c.argc() & 1) != 0) {
      throw ErrorReply.SYNTAX;
    }
    ConfigTable table = c.node().config();
    int n = (c.argc() - 2) / 2;
    ConfigParam[] params = new ConfigParam[n];
    String[] values = new String[n];
    Map<ConfigParam, Boolean> seen = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      String name = c.argString(2 + i * 2);
      ConfigParam p = table.find(name);
      if (p == null) {
        throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
      }
      if (!p.mutable()) {
        throw failed(name, "can't set immutable config");
      }
      if (p.isProtected() && !protectedAllowed(c)) {
        throw failed(name, "can't set protected config");
      }
      if (seen.put(p, Boolean.TRUE) != null) {
        throw failed(name, "duplicate parameter");
      }
      params[i] = p;
      values[i] = c.argString(3 + i * 2);
    }
    String[] old = new String[n];
    for (int i = 0; i < n; i++) {
      old[i] = params[i].value();
      try {
        params[i].set(values[i]);
      } catch (ConfigError e) {
        for (int k = i - 1; k >= 0; k--) {
          try {
            params[k].set(old[k]);
          } catch (ConfigError restore) {
            log.warn("Could not restore {} to '{}': {}", params[k].name(), old[k], restore.reason());
          }
        }
        throw failed(c.argString(2 + i * 2), e.reason());
      }
    }
    c.reply().ok();
  }

  /** Redis's {@code enable-protected-configs}: yes, or local for a loopback/in-process client. */
  private static boolean protectedAllowed(Invocation c) {
    ConfigParam p = c.node().config().find("enable-protected-configs");
    String v = p == null ? "no" : p.value();
    if (v.equals("yes")) {
      return true;
    }
    if (v.equals("local")) {
      if (c.client().connection() == null) {
        return true;
      }
      String host = c.client().connection().remoteAddress().host();
      return host.equals("127.0.0.1") || host.equals("::1") || host.startsWith("/") || host.equals("localhost");
    }
    return false;
  }

  private static CommandError failed(String name, String reason) {
    return new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
  }

  /** CONFIG RESETSTAT: server, keyspace and per-command counters, and the error counts. */
  static void configResetstat(Invocation c) {
    ServerNode node = c.node();
    node.stats().reset();
    node.keyspace().stats().reset();
    node.dispatcher().resetStats();
    c.reply().ok();
  }

  /** CONFIG REWRITE: see {@link ConfigRewriter}. */
  static void configRewrite(Invocation c) {
    String file = c.node().configFile();
    if (file == null) {
      throw new CommandError("ERR The server is running without a config file");
    }
    try {
      ConfigRewriter.rewrite(Path.of(file), c.node().config());
    } catch (IOException e) {
      log.warn("CONFIG REWRITE failed: {}", e.toString());
      throw new CommandError("ERR Rewriting config file: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    }
    log.info("CONFIG REWRITE executed with success.");
    c.reply().ok();
  }

  static void configHelp(Invocation c) {
    ServerCommands.help(c.reply(), "CONFIG",
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.");
  }
}
