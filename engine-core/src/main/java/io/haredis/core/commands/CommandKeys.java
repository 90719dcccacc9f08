package io.haredis.core.commands;

import io.haredis.core.command.CommandSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the keys of a request from its command's key specs, as Redis 7.0's
 * {@code getKeysFromCommandWithSpecs} does: the 7.0 specs (begin_search index/keyword,
 * find_keys range/keynum) are walked unless one is flagged {@code variable_flags}, or one turns
 * out invalid or {@code incomplete} for this request; then a command's own finder decides (Redis's
 * {@code getkeys_proc}). Specs flagged {@code not_key} are skipped.
 *
 * <p>Own finders exist for the 7.0 commands whose specs cannot answer alone (SET and BITFIELD
 * have {@code variable_flags}; SORT, SORT_RO and MIGRATE have {@code unknown} or
 * {@code incomplete} specs); they apply once those commands are in the table.
 *
 * <p>Admin path (COMMAND GETKEYS, ACL and cluster checks later): allocates freely.
 */
public final class CommandKeys {

  /** One key: its position in the request and its key-spec flags. */
  public record KeyRef(int pos, int flags) {
    /** The flag names in Redis's order ({@code RW}, {@code access}, ...). */
    public List<String> flagNames() {
      return KeySpecView.flagNames(flags);
    }
  }

  /** A command's own key finder; returns null when the request is invalid for it. */
  @FunctionalInterface
  interface Finder {
    List<KeyRef> find(List<byte[]> argv);
  }

  private static final Map<String, Finder> FINDERS = Map.of(
      "set", CommandKeys::setKeys,
      "bitfield", CommandKeys::bitfieldKeys,
      "sort", CommandKeys::sortKeys,
      "sort_ro", argv -> List.of(new KeyRef(1, bits("RO", "access"))),
      "migrate", CommandKeys::migrateKeys);

  private CommandKeys() {}

  /** Whether the command can have keys at all (Redis's {@code doesCommandHaveKeys}). */
  public static boolean hasKeys(CommandSpec spec) {
    if (FINDERS.containsKey(spec.fullName())) {
      return true;
    }
    for (String s : spec.keys().specs()) {
      if (!KeySpecView.parse(s).has(KeySpecView.NOT_KEY)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The positions of the keys a write command may have changed: every key whose key-spec flags
   * are not read-only. Used to invalidate WATCH (Redis's handlers call signalModifiedKey on
   * exactly these).
   */
  public static List<KeyRef> writtenKeys(CommandSpec spec, List<byte[]> argv) {
    int ro = KeySpecView.flagBit("RO");
    List<KeyRef> out = new java.util.ArrayList<>();
    for (KeyRef k : find(spec, argv)) {
      if ((k.flags() & ro) == 0) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * The keys of {@code argv} (the request, command name first). Returns an empty list when no
   * key could be found (Redis then answers "Invalid arguments specified for command" unless the
   * command is flagged no_mandatory_keys).
   */
  public static List<KeyRef> find(CommandSpec spec, List<byte[]> argv) {
    List<KeySpecView> specs = new ArrayList<>();
    boolean anyKey = false;
    boolean variable = false;
    for (String s : spec.keys().specs()) {
      KeySpecView v = KeySpecView.parse(s);
      specs.add(v);
      anyKey |= !v.has(KeySpecView.NOT_KEY);
      variable |= v.has(KeySpecView.VARIABLE_FLAGS);
    }
    if (anyKey && !variable) {
      List<KeyRef> r = fromSpecs(spec, specs, argv);
      if (r != null) {
        return r;
      }
    }
    Finder f = FINDERS.get(spec.fullName());
    if (f != null) {
      List<KeyRef> r = f.find(argv);
      return r == null ? List.of() : r;
    }
    return List.of();
  }

  /** Redis's {@code getKeysUsingKeySpecs}; null when a spec is invalid for this request. */
  static List<KeyRef> fromSpecs(CommandSpec cmd, List<KeySpecView> specs, List<byte[]> argv) {
    int argc = argv.size();
    List<KeyRef> out = new ArrayList<>();
    for (KeySpecView s : specs) {
      if (s.has(KeySpecView.NOT_KEY)) {
        continue;
      }
      int first = 0;
      switch (s.beginType()) {
        case "index" -> first = s.index();
        case "keyword" -> {
          int start = s.startFrom() > 0 ? s.startFrom() : argc + s.startFrom();
          int end = s.startFrom() > 0 ? argc - 1 : 1;
          for (int i = start; i != end; i = start <= end ? i + 1 : i - 1) {
            if (i >= argc || i < 1) {
              break;
            }
            if (new String(argv.get(i), StandardCharsets.ISO_8859_1).equalsIgnoreCase(s.keyword())) {
              first = i + 1;
              break;
            }
          }
          if (first == 0) {
            continue; // keyword absent: this spec has no keys in this request
          }
        }
        default -> {
          return null;
        }
      }
      int last;
      int step;
      switch (s.findType()) {
        case "range" -> {
          step = s.b();
          if (s.a() >= 0) {
            last = first + s.a();
          } else if (s.c() == 0) {
            last = argc + s.a();
          } else {
            last = first + ((argc - first) / s.c() + s.a());
          }
        }
        case "keynum" -> {
          step = s.c();
          if (s.a() >= argc || first + s.a() >= argc) {
            return null;
          }
          long numkeys;
          try {
            numkeys = Long.parseLong(new String(argv.get(first + s.a()), StandardCharsets.ISO_8859_1));
          } catch (NumberFormatException e) {
            return null;
          }
          if (numkeys < 0) {
            return null;
          }
          first += s.b();
          last = first + (int) numkeys - 1;
        }
        default -> {
          return null;
        }
      }
      if (last >= argc || last < first || first >= argc) {
        return null;
      }
      for (int i = first; i <= last; i += step) {
        if (i >= argc || i < first) {
          continue; // negative-arity commands report the arity problem themselves
        }
        out.add(new KeyRef(i, s.flags()));
      }
      if (s.has(KeySpecView.INCOMPLETE)) {
        return null;
      }
    }
    return out;
  }

  /** SET: the key is read too (RW access) only when GET is given, else overwritten (OW). */
  private static List<KeyRef> setKeys(List<byte[]> argv) {
    for (int i = 3; i < argv.size(); i++) {
      if (new String(argv.get(i), StandardCharsets.ISO_8859_1).equalsIgnoreCase("get")) {
        return List.of(new KeyRef(1, bits("RW", "access", "update")));
      }
    }
    return List.of(new KeyRef(1, bits("OW", "update")));
  }

  /** BITFIELD: read-only while only GET and OVERFLOW appear; any SET/INCRBY or junk writes. */
  private static List<KeyRef> bitfieldKeys(List<byte[]> argv) {
    boolean readonly = true;
    for (int i = 2; i < argv.size(); i++) {
      int rest = argv.size() - i - 1;
      String a = text(argv.get(i));
      if (a.equalsIgnoreCase("get") && rest >= 2) {
        i += 2;
      } else if ((a.equalsIgnoreCase("set") || a.equalsIgnoreCase("incrby")) && rest >= 3) {
        readonly = false;
        break;
      } else if (a.equalsIgnoreCase("overflow") && rest >= 1) {
        i += 1;
      } else {
        readonly = false; // malformed: assume it writes
        break;
      }
    }
    return List.of(new KeyRef(1, readonly ? bits("RO", "access") : bits("RW", "access", "update")));
  }

  /**
   * SORT: the sorted key, plus the destination of the last {@code STORE}; LIMIT takes two
   * arguments, GET and BY one, other words none.
   */
  private static List<KeyRef> sortKeys(List<byte[]> argv) {
    int store = -1;
    for (int i = 2; i < argv.size(); i++) {
      String a = text(argv.get(i));
      if (a.equalsIgnoreCase("limit")) {
        i += 2;
      } else if (a.equalsIgnoreCase("get") || a.equalsIgnoreCase("by")) {
        i += 1;
      } else if (a.equalsIgnoreCase("store") && i + 1 < argv.size()) {
        store = i + 1; // the next word is looked at again as an option, as Redis does
      }
    }
    KeyRef source = new KeyRef(1, bits("RO", "access"));
    return store < 0 ? List.of(source) : List.of(source, new KeyRef(store, bits("OW", "update")));
  }

  /**
   * MIGRATE: the key at position 3, or, when a KEYS option follows the fixed arguments and the
   * key argument is empty, every argument after KEYS (none when both are given: a syntax error
   * MIGRATE itself reports).
   */
  private static List<KeyRef> migrateKeys(List<byte[]> argv) {
    int first = 3;
    int num = 1;
    if (argv.size() > 6) {
      for (int i = 6; i < argv.size(); i++) {
        String a = text(argv.get(i));
        if (a.equalsIgnoreCase("keys")) {
          if (argv.get(3).length > 0) {
            num = 0;
          } else {
            first = i + 1;
            num = argv.size() - first;
          }
          break;
        } else if (a.equalsIgnoreCase("auth")) {
          i += 1;
        } else if (a.equalsIgnoreCase("auth2")) {
          i += 2;
        }
      }
    }
    List<KeyRef> out = new ArrayList<>(num);
    for (int i = 0; i < num; i++) {
      out.add(new KeyRef(first + i, bits("RW", "access", "delete")));
    }
    return out;
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private static int bits(String... names) {
    int b = 0;
    for (String n : names) {
      b |= KeySpecView.flagBit(n);
    }
    return b;
  }
}
