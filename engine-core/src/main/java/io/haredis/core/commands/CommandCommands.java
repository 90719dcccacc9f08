package io.haredis.core.commands;

import io.haredis.core.command.AclCategory;
import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandFlag;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.CommandSpec.Builder;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.resp.ReplyWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * COMMAND and its subcommands, answered from the node's command table with Redis 7.0's reply
 * layouts ({@code addReplyCommandInfo}, {@code addReplyCommandKeySpecs},
 * {@code addReplyCommandDocs} in server.c): a client that discovers commands, their flags and
 * where their keys are (redis-cli, cluster clients, proxies) sees what a redis-server shows.
 *
 * <p>DOCS carries only what the table holds: our own summary when a spec has one, since, group
 * and subcommands; Redis's prose (complexity, history, argument docs) is not reproduced.
 */
public final class CommandCommands {

  /** Flags COMMAND INFO never shows (Redis hides them on purpose). */
  private static final Set<CommandFlag> HIDDEN_FLAGS =
      EnumSet.of(CommandFlag.MAY_REPLICATE, CommandFlag.SENTINEL, CommandFlag.ONLY_SENTINEL, CommandFlag.PROTECTED);

  private static final byte[] FILTERBY = "filterby".getBytes(StandardCharsets.US_ASCII);

  private static final String[] HELP_LINES = {
    "(no subcommand)",
    "    Describe every command of this server (same entries as INFO).",
    "COUNT",
    "    Number of top-level commands this server knows.",
    "LIST [FILTERBY (MODULE <name>|ACLCAT <category>|PATTERN <glob>)]",
    "    Names of all commands and subcommands, optionally filtered.",
    "INFO [<command-name> ...]",
    "    Arity, flags, key positions, ACL categories, tips, key specs and subcommands of the",
    "    named commands (all commands when none is named).",
    "DOCS [<command-name> ...]",
    "    Group, version and subcommands of the named commands (all when none is named).",
    "GETKEYS <full-command>",
    "    The key arguments of a complete command line.",
    "GETKEYSANDFLAGS <full-command>",
    "    The key arguments of a complete command line with their access flags.",
  };

  private CommandCommands() {}

  public static void register(CommandTable.Builder b) {
    Builder command = b.add("command", -1, CommandCommands::command)
        .flags("loading stale")
        .acl("@slow @connection")
        .tips("nondeterministic_output_order")
        .group("server").since("2.8.13");
    command.sub("count", 2, CommandCommands::command_count)
        .flags("loading stale")
        .acl("@slow @connection")
        .group("server").since("2.8.13");
    command.sub("list", -2, CommandCommands::command_list)
        .flags("loading stale")
        .acl("@slow @connection")
        .tips("nondeterministic_output_order")
        .group("server").since("7.0.0");
    command.sub("info", -2, CommandCommands::command_info)
        .flags("loading stale")
        .acl("@slow @connection")
        .tips("nondeterministic_output_order")
        .group("server").since("2.8.13");
    command.sub("getkeys", -4, CommandCommands::command_getkeys)
        .flags("loading stale")
        .acl("@slow @connection")
        .group("server").since("2.8.13");
    command.sub("getkeysandflags", -4, CommandCommands::command_getkeysandflags)
        .flags("loading stale")
        .acl("@slow @connection")
        .group("server").since("7.0.0");
    command.sub("docs", -2, CommandCommands::command_docs)
        .flags("loading stale")
        .acl("@slow @connection")
        .tips("nondeterministic_output_order")
        .group("server").since("7.0.0");
    command.sub("help", 2, CommandCommands::command_help)
        .flags("loading stale")
        .acl("@slow @connection")
        .group("server").since("5.0.0");
  }

  private static CommandTable table(Invocation c) {
    return c.node().dispatcher().table();
  }

  static void command(Invocation c) {
    List<CommandSpec> all = table(c).commands();
    c.reply().arrayLen(all.size());
    for (CommandSpec s : all) {
      info(c.reply(), s);
    }
  }

  static void command_count(Invocation c) {
    c.reply().integer(table(c).commands().size());
  }

  static void command_info(Invocation c) {
    ReplyWriter r = c.reply();
    if (c.argc() == 2) {
      command(c);
      return;
    }
    r.arrayLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      CommandSpec s = lookupByName(table(c), c.argString(i));
      if (s == null) {
        r.nullBulk(); // addReplyNull
      } else {
        info(r, s);
      }
    }
  }

  static void command_docs(Invocation c) {
    ReplyWriter r = c.reply();
    if (c.argc() == 2) {
      List<CommandSpec> all = table(c).commands();
      r.mapLen(all.size());
      for (CommandSpec s : all) {
        r.bulk(s.fullName());
        docs(r, s);
      }
      return;
    }
    List<CommandSpec> found = new ArrayList<>();
    for (int i = 2; i < c.argc(); i++) {
      CommandSpec s = lookupByName(table(c), c.argString(i));
      if (s != null) {
        found.add(s);
      }
    }
    r.mapLen(found.size());
    for (CommandSpec s : found) {
      r.bulk(s.fullName());
      docs(r, s);
    }
  }

  static void command_list(Invocation c) {
    String filterType = null;
    String filterArg = null;
    for (int i = 2; i < c.argc(); i++) {
      int more = c.argc() - 1 - i;
      if (c.argIs(i, FILTERBY) && more == 2) {
        filterType = c.argString(i + 1).toLowerCase(Locale.ROOT);
        if (!filterType.equals("module") && !filterType.equals("aclcat") && !filterType.equals("pattern")) {
          throw ErrorReply.SYNTAX;
        }
        filterArg = c.argString(i + 2);
        i += 2;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    List<String> names = new ArrayList<>();
    AclCategory cat = null;
    if ("aclcat".equals(filterType)) {
      for (AclCategory a : AclCategory.values()) {
        if (a.redisName().substring(1).equalsIgnoreCase(filterArg)) {
          cat = a;
        }
      }
    }
    for (CommandSpec s : table(c).commands()) {
      collect(s, filterType, filterArg, cat, names);
      if (s.subcommands() != null) {
        for (CommandSpec sub : s.subcommands().commands()) {
          collect(sub, filterType, filterArg, cat, names);
        }
      }
    }
    c.reply().arrayLen(names.size());
    for (String n : names) {
      c.reply().bulk(n);
    }
  }

  private static void collect(CommandSpec s, String type, String arg, AclCategory cat, List<String> out) {
    boolean keep;
    if (type == null) {
      keep = true;
    } else {
      keep = switch (type) {
        case "module" -> false; // no module commands exist here
        case "aclcat" -> cat != null && s.acl().contains(cat);
        default -> Glob.matches(arg, s.fullName(), true);
      };
    }
    if (keep) {
      out.add(s.fullName());
    }
  }

  static void command_getkeys(Invocation c) {
    getKeys(c, false);
  }

  static void command_getkeysandflags(Invocation c) {
    getKeys(c, true);
  }

  private static void getKeys(Invocation c, boolean withFlags) {
    CommandTable t = table(c);
    int n = c.argc() - 2;
    CommandSpec cmd = t.lookup(c.argArray(2), c.argOffset(2), c.argLength(2));
    if (cmd != null && cmd.subcommands() != null && n > 1) {
      cmd = cmd.subcommands().lookup(c.argArray(3), c.argOffset(3), c.argLength(3));
    }
    if (cmd == null) {
      throw new CommandError("ERR Invalid command specified");
    }
    if (!CommandKeys.hasKeys(cmd)) {
      throw new CommandError("ERR The command has no key arguments");
    }
    if ((cmd.arity() > 0 && cmd.arity() != n) || n < -cmd.arity()) {
      throw new CommandError("ERR Invalid number of arguments specified for command");
    }
    List<byte[]> argv = new ArrayList<>(n);
    for (int i = 2; i < c.argc(); i++) {
      argv.add(c.argBytes(i));
    }
    List<CommandKeys.KeyRef> keys = CommandKeys.find(cmd, argv);
    ReplyWriter r = c.reply();
    if (keys.isEmpty()) {
      if (cmd.has(CommandFlag.NO_MANDATORY_KEYS)) {
        r.arrayLen(0);
        return;
      }
      throw new CommandError("ERR Invalid arguments specified for command");
    }
    r.arrayLen(keys.size());
    for (CommandKeys.KeyRef k : keys) {
      if (withFlags) {
        r.arrayLen(2);
        r.bulk(argv.get(k.pos()));
        List<String> f = k.flagNames();
        r.setLen(f.size());
        for (String name : f) {
          r.simple(name);
        }
      } else {
        r.bulk(argv.get(k.pos()));
      }
    }
  }

  static void command_help(Invocation c) {
    DebugCommands.replyHelp(c, HELP_LINES);
  }

  // ---- rendering ------------------------------------------------------------------------

  /**
   * Finds {@code name} or {@code container|sub} (Redis's {@code lookupCommandBySds}), ignoring
   * case; null if unknown.
   */
  public static CommandSpec lookupByName(CommandTable table, String name) {
    String[] parts = name.split("\\|", -1);
    if (parts.length > 2) {
      return null;
    }
    CommandSpec base = table.lookup(parts[0]);
    if (parts.length == 1 || base == null) {
      return base;
    }
    return base.subcommands() == null ? null : base.subcommands().lookup(parts[1]);
  }

  /** One COMMAND INFO entry: the 10-element array of {@code addReplyCommandInfo}. */
  static void info(ReplyWriter r, CommandSpec s) {
    r.arrayLen(10);
    r.bulk(s.fullName());
    r.integer(s.arity());
    int shown = 0;
    for (CommandFlag f : s.flags()) {
      if (!HIDDEN_FLAGS.contains(f)) {
        shown++;
      }
    }
    r.setLen(shown);
    for (CommandFlag f : EnumSet.allOf(CommandFlag.class)) { // Redis's order: the enum's order
      if (s.flags().contains(f) && !HIDDEN_FLAGS.contains(f)) {
        r.simple(f.redisName());
      }
    }
    r.integer(s.keys().firstKey());
    r.integer(s.keys().lastKey());
    r.integer(s.keys().step());
    r.setLen(s.acl().size());
    for (AclCategory a : AclCategory.values()) {
      if (s.acl().contains(a)) {
        r.simple(a.redisName());
      }
    }
    r.setLen(s.tips().size());
    for (String t : s.tips()) {
      r.bulk(t);
    }
    List<String> specs = s.keys().specs();
    r.setLen(specs.size());
    for (String compact : specs) {
      keySpec(r, KeySpecView.parse(compact));
    }
    if (s.subcommands() == null) {
      r.setLen(0);
    } else {
      List<CommandSpec> subs = s.subcommands().commands();
      r.arrayLen(subs.size());
      for (CommandSpec sub : subs) {
        info(r, sub);
      }
    }
  }

  /** One key spec as Redis nests it: flags, begin_search {type, spec}, find_keys {type, spec}. */
  private static void keySpec(ReplyWriter r, KeySpecView k) {
    r.mapLen(3);
    r.bulk("flags");
    List<String> flags = k.flagNames();
    r.setLen(flags.size());
    for (String f : flags) {
      r.simple(f);
    }
    r.bulk("begin_search");
    r.mapLen(2);
    r.bulk("type");
    r.bulk(k.beginType());
    r.bulk("spec");
    switch (k.beginType()) {
      case "index" -> {
        r.mapLen(1);
        r.bulk("index");
        r.integer(k.index());
      }
      case "keyword" -> {
        r.mapLen(2);
        r.bulk("keyword");
        r.bulk(k.keyword());
        r.bulk("startfrom");
        r.integer(k.startFrom());
      }
      default -> r.mapLen(0);
    }
    r.bulk("find_keys");
    r.mapLen(2);
    r.bulk("type");
    r.bulk(k.findType());
    r.bulk("spec");
    switch (k.findType()) {
      case "range" -> {
        r.mapLen(3);
        r.bulk("lastkey");
        r.integer(k.a());
        r.bulk("keystep");
        r.integer(k.b());
        r.bulk("limit");
        r.integer(k.c());
      }
      case "keynum" -> {
        r.mapLen(3);
        r.bulk("keynumidx");
        r.integer(k.a());
        r.bulk("firstkey");
        r.integer(k.b());
        r.bulk("keystep");
        r.integer(k.c());
      }
      default -> r.mapLen(0);
    }
  }

  /** One COMMAND DOCS value: the map of {@code addReplyCommandDocs}, from what the table holds. */
  static void docs(ReplyWriter r, CommandSpec s) {
    int n = 1; // group is always there
    if (s.summary() != null) {
      n++;
    }
    if (s.since() != null) {
      n++;
    }
    if (s.subcommands() != null) {
      n++;
    }
    r.mapLen(n);
    if (s.summary() != null) {
      r.bulk("summary");
      r.bulk(s.summary());
    }
    if (s.since() != null) {
      r.bulk("since");
      r.bulk(s.since());
    }
    r.bulk("group");
    r.bulk(s.group());
    if (s.subcommands() != null) {
      r.bulk("subcommands");
      List<CommandSpec> subs = s.subcommands().commands();
      r.mapLen(subs.size());
      for (CommandSpec sub : subs) {
        r.bulk(sub.fullName());
        docs(r, sub);
      }
    }
  }

  /** Redis's {@code stringmatchlen}: glob patterns with {@code * ? [..] [^..] \}. */
  static final class Glob {
    private Glob() {}

    static boolean matches(String pattern, String s, boolean nocase) {
      return match(pattern, 0, s, 0, nocase);
    }

    private static boolean match(String p, int pi, String s, int si, boolean nocase) {
      while (pi < p.length()) {
        char pc = p.charAt(pi);
        switch (pc) {
          case '*' -> {
            while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
              pi++;
            }
            if (pi + 1 == p.length()) {
              return true;
            }
            for (int k = si; k <= s.length(); k++) {
              if (match(p, pi + 1, s, k, nocase)) {
                return true;
              }
            }
            return false;
          }
          case '?' -> {
            if (si >= s.length()) {
              return false;
            }
            si++;
          }
          case '[' -> {
            if (si >= s.length()) {
              return false;
            }
            pi++;
            boolean not = pi < p.length() && p.charAt(pi) == '^';
            if (not) {
              pi++;
            }
            boolean hit = false;
            char sc = s.charAt(si);
            while (pi < p.length() && p.charAt(pi) != ']') {
              char a = p.charAt(pi);
              if (a == '\\' && pi + 1 < p.length()) {
                pi++;
                hit |= eq(p.charAt(pi), sc, nocase);
              } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
                char lo = a;
                char hi = p.charAt(pi + 2);
                if (lo > hi) {
                  char t = lo;
                  lo = hi;
                  hi = t;
                }
                pi += 2;
                char x = sc;
                if (nocase) {
                  lo = Character.toLowerCase(lo);
                  hi = Character.toLowerCase(hi);
                  x = Character.toLowerCase(x);
                }
                hit |= x >= lo && x <= hi;
              } else {
                hit |= eq(a, sc, nocase);
              }
              pi++;
            }
            if (pi >= p.length()) {
              pi--; // unterminated class: Redis treats the end as the class end
            }
            if (hit == not) {
              return false;
            }
            si++;
          }
          case '\\' -> {
            if (pi + 1 < p.length()) {
              pi++;
            }
            if (si >= s.length() || !eq(p.charAt(pi), s.charAt(si), nocase)) {
              return false;
            }
            si++;
          }
          default -> {
            if (si >= s.length() || !eq(pc, s.charAt(si), nocase)) {
              return false;
            }
            si++;
          }
        }
        pi++;
      }
      return si == s.length();
    }

    private static boolean eq(char a, char b, boolean nocase) {
      return nocase ? Character.toLowerCase(a) == Character.toLowerCase(b) : a == b;
    }
  }
}
