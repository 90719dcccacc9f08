package io.haredis.core.command;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One command as Redis's {@code struct redisCommand} declares it: name, arity (negative means
 * "at least"), flags, key positions, ACL categories, and the handler. Data only; call counters
 * live in {@link CommandStats}, indexed by {@link #id()}. Container commands (CONFIG, CLIENT,
 * ...) hold their subcommands, each a spec of its own, as in Redis 7.
 */
public final class CommandSpec {

  private final String name;
  private final String fullName;
  private final byte[] nameBytes;
  private final int arity;
  private final Set<CommandFlag> flags;
  private final KeySpec keys;
  private final Set<AclCategory> acl;
  private final List<String> tips;
  private final String group;
  private final String since;
  private final String summary;
  private final CommandHandler handler;
  private CommandSpec parent; // set once, right after the container is built
  private final CommandTable subcommands;
  private final int id;
  private final boolean immediateInMulti;
  private final boolean allowedWhileSubscribed;

  private CommandSpec(Builder b, String parentName, int id, List<CommandSpec> subs) {
    this.name = b.name;
    this.fullName = parentName == null ? b.name : parentName + "|" + b.name;
    this.nameBytes = b.name.getBytes(StandardCharsets.US_ASCII);
    this.arity = b.arity;
    this.flags = Collections.unmodifiableSet(b.flags);
    this.keys = b.keys;
    this.acl = Collections.unmodifiableSet(b.acl);
    this.tips = List.copyOf(b.tips);
    this.group = b.group;
    this.since = b.since;
    this.summary = b.summary;
    this.handler = b.handler;
    this.id = id;
    this.immediateInMulti = b.immediateInMulti;
    this.allowedWhileSubscribed = b.allowedWhileSubscribed;
    this.subcommands = subs == null ? null : new CommandTable(subs);
    if (subs != null) {
      for (CommandSpec s : subs) {
        s.parent = this;
      }
    }
  }

  /** Lower-case name, e.g. {@code get} or {@code get} of {@code config|get}. */
  public String name() {
    return name;
  }

  /** {@code config|get} for a subcommand, the name otherwise (as in Redis's error texts). */
  public String fullName() {
    return fullName;
  }

  byte[] nameBytes() {
    return nameBytes;
  }

  public int arity() {
    return arity;
  }

  public Set<CommandFlag> flags() {
    return flags;
  }

  public boolean has(CommandFlag flag) {
    return flags.contains(flag);
  }

  public KeySpec keys() {
    return keys;
  }

  public Set<AclCategory> acl() {
    return acl;
  }

  public List<String> tips() {
    return tips;
  }

  public String group() {
    return group;
  }

  public String since() {
    return since;
  }

  /** A one-line summary in our words, or {@code null}. */
  public String summary() {
    return summary;
  }

  /** The handler; {@code null} for a container command, which only dispatches. */
  public CommandHandler handler() {
    return handler;
  }

  /** The container command of a subcommand, else {@code null}. */
  public CommandSpec parent() {
    return parent;
  }

  /** Subcommands of a container command, else {@code null}. */
  public CommandTable subcommands() {
    return subcommands;
  }

  /** Index of this command's {@link CommandStats} in the node's statistics. */
  public int id() {
    return id;
  }

  /**
   * Whether the command runs at once inside MULTI instead of being queued (EXEC, DISCARD, MULTI,
   * WATCH, QUIT, RESET: the commands Redis's processCommand exempts from queueing).
   */
  public boolean immediateInMulti() {
    return immediateInMulti;
  }

  /**
   * Whether a RESP2 client with subscriptions may run it ((P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING,
   * QUIT, RESET), as Redis's processCommand allows.
   */
  public boolean allowedWhileSubscribed() {
    return allowedWhileSubscribed;
  }

  /** Whether {@code argc} arguments (command name included) satisfy the arity. */
  public boolean arityAccepts(int argc) {
    return arity > 0 ? argc == arity : argc >= -arity;
  }

  @Override
  public String toString() {
    return fullName;
  }

  /** Declares a command; see {@link CommandTable.Builder#add}. */
  public static final class Builder {
    private final String name;
    private final int arity;
    private final CommandHandler handler;
    private final EnumSet<CommandFlag> flags = EnumSet.noneOf(CommandFlag.class);
    private final EnumSet<AclCategory> acl = EnumSet.noneOf(AclCategory.class);
    private final List<String> tips = new ArrayList<>();
    private final List<Builder> subs = new ArrayList<>();
    private KeySpec keys = KeySpec.NONE;
    private String group = "generic";
    private String since = "1.0.0";
    private String summary;
    private boolean immediateInMulti;
    private boolean allowedWhileSubscribed;

    Builder(String name, int arity, CommandHandler handler) {
      this.name = name.toLowerCase(Locale.ROOT);
      this.arity = arity;
      this.handler = handler;
    }

    /** Flags by their Redis names, blank-separated: {@code "write denyoom fast"}. */
    public Builder flags(String redisNames) {
      for (String f : redisNames.trim().split("\\s+")) {
        if (!f.isEmpty()) {
          flags.add(CommandFlag.ofRedisName(f));
        }
      }
      return this;
    }

    /** ACL categories as COMMAND INFO prints them: {@code "@write @string @slow"}. */
    public Builder acl(String redisNames) {
      for (String c : redisNames.trim().split("\\s+")) {
        if (!c.isEmpty()) {
          acl.add(AclCategory.ofRedisName(c));
        }
      }
      return this;
    }

    /** Legacy key positions plus 7.0 key specs in {@link KeySpec}'s compact form. */
    public Builder keys(int first, int last, int step, String... specs) {
      this.keys = new KeySpec(first, last, step, List.of(specs));
      return this;
    }

    /** Command tips, e.g. {@code "nondeterministic_output"}. */
    public Builder tips(String... t) {
      tips.addAll(List.of(t));
      return this;
    }

    public Builder group(String g) {
      this.group = g;
      return this;
    }

    public Builder since(String s) {
      this.since = s;
      return this;
    }

    public Builder summary(String s) {
      this.summary = s;
      return this;
    }

    /** Runs at once inside MULTI instead of being queued; see {@link CommandSpec#immediateInMulti()}. */
    public Builder immediateInMulti() {
      this.immediateInMulti = true;
      return this;
    }

    /** May run in RESP2 subscribed mode; see {@link CommandSpec#allowedWhileSubscribed()}. */
    public Builder allowedWhileSubscribed() {
      this.allowedWhileSubscribed = true;
      return this;
    }

    /** Declares a subcommand of this container command. */
    public Builder sub(String subName, int subArity, CommandHandler subHandler) {
      Builder b = new Builder(subName, subArity, subHandler);
      b.group = group;
      subs.add(b);
      return b;
    }

    CommandSpec build(String parentName, int[] nextId) {
      int myId = nextId[0]++;
      if (subs.isEmpty()) {
        return new CommandSpec(this, parentName, myId, null);
      }
      List<CommandSpec> built = new ArrayList<>();
      for (Builder s : subs) {
        built.add(s.build(name, nextId));
      }
      return new CommandSpec(this, parentName, myId, built);
    }
  }
}
