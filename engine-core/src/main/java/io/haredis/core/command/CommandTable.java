package io.haredis.core.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The commands a node knows, immutable after boot. Lookup takes the name as a slice of the
 * request and folds ASCII case as it hashes, so finding a command creates no {@code String}.
 * Each family contributes its entries with a static {@code register(CommandTable.Builder)}.
 */
public final class CommandTable {

  private final List<CommandSpec> commands;
  private final CommandSpec[] slots;
  private final int mask;
  private final int idCount;

  CommandTable(List<CommandSpec> commands) {
    this(commands, -1);
  }

  private CommandTable(List<CommandSpec> commands, int idCount) {
    this.commands = Collections.unmodifiableList(new ArrayList<>(commands));
    int size = Integer.highestOneBit(Math.max(4, commands.size() * 4) - 1) << 1;
    this.slots = new CommandSpec[size];
    this.mask = size - 1;
    for (CommandSpec c : commands) {
      byte[] n = c.nameBytes();
      int i = hash(n, 0, n.length) & mask;
      while (slots[i] != null) {
        if (slots[i].name().equals(c.name())) {
          throw new IllegalStateException("command declared twice: " + c.fullName());
        }
        i = (i + 1) & mask;
      }
      slots[i] = c;
    }
    this.idCount = idCount;
  }

  /** Finds a command by name, ignoring ASCII case; {@code null} if unknown. */
  public CommandSpec lookup(byte[] buf, int off, int len) {
    int i = hash(buf, off, len) & mask;
    CommandSpec c;
    while ((c = slots[i]) != null) {
      if (equalsFolded(c.nameBytes(), buf, off, len)) {
        return c;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Finds a command by name (admin paths). */
  public CommandSpec lookup(String name) {
    byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return lookup(b, 0, b.length);
  }

  /** Every command, in declaration order. */
  public List<CommandSpec> commands() {
    return commands;
  }

  /** How many command and subcommand specs exist: the size of a {@link CommandStats} array. */
  public int idCount() {
    return idCount;
  }

  private static int hash(byte[] b, int off, int len) {
    int h = 0x811c9dc5;
    for (int i = off; i < off + len; i++) {
      int c = b[i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      h = (h ^ c) * 0x01000193;
    }
    return h ^ (h >>> 16);
  }

  private static boolean equalsFolded(byte[] lower, byte[] b, int off, int len) {
    if (lower.length != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      int c = b[off + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lower[i]) {
        return false;
      }
    }
    return true;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects declarations from the command families. */
  public static final class Builder {
    private final List<CommandSpec.Builder> builders = new ArrayList<>();

    /**
     * Declares a command. {@code handler} is {@code null} for a container whose subcommands are
     * declared with {@link CommandSpec.Builder#sub}.
     */
    public CommandSpec.Builder add(String name, int arity, CommandHandler handler) {
      CommandSpec.Builder b = new CommandSpec.Builder(name, arity, handler);
      builders.add(b);
      return b;
    }

    public CommandTable build() {
      int[] nextId = {0};
      List<CommandSpec> specs = new ArrayList<>();
      for (CommandSpec.Builder b : builders) {
        specs.add(b.build(null, nextId));
      }
      return new CommandTable(specs, nextId[0]);
    }
  }
}
