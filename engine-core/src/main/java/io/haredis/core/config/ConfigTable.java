package io.haredis.core.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The node's configuration parameters, declared once as a table (like the command table), for
 * CONFIG GET/SET, redis.conf loading and CONFIG REWRITE. Touched on the node's loop only,
 * except while the node is being built.
 */
public final class ConfigTable {

  private final Map<String, ConfigParam> byName = new LinkedHashMap<>();
  private final List<ConfigParam> params = new ArrayList<>();
  private final List<Map.Entry<String, ConfigParam>> names = new ArrayList<>();

  /** Declares a parameter. */
  public ConfigParam add(String name, boolean mutable, String defaultValue, ConfigParam.Parser parser, Consumer<String> onChange, String... aliases) {
    ConfigParam p = new ConfigParam(name, List.of(aliases), mutable, defaultValue, parser, onChange);
    if (byName.putIfAbsent(name, p) != null) {
      throw new IllegalStateException("config declared twice: " + name);
    }
    names.add(Map.entry(name, p));
    for (String a : aliases) {
      byName.put(a, p);
      names.add(Map.entry(a, p));
    }
    params.add(p);
    return p;
  }

  /** An integer parameter within {@code [min, max]}. */
  public ConfigParam addLong(String name, boolean mutable, long def, long min, long max, LongConsumer onChange, String... aliases) {
    return add(name, mutable, Long.toString(def), v -> {
      long n;
      try {
        n = Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigError("argument couldn't be parsed into an integer");
      }
      if (n < min || n > max) {
        throw new ConfigError("argument must be between " + min + " and " + max + " inclusive");
      }
      return Long.toString(n);
    }, v -> onChange.accept(Long.parseLong(v)), aliases);
  }

  /** A memory parameter ({@code 1mb}, {@code 512k}, bytes), printed as bytes. */
  public ConfigParam addMemory(String name, boolean mutable, long def, long min, long max, LongConsumer onChange, String... aliases) {
    return add(name, mutable, Long.toString(def), v -> {
      long n = MemoryUnits.parse(v);
      if (n < 0) {
        throw new ConfigError("argument must be a memory value");
      }
      if (n < min || n > max) {
        throw new ConfigError("argument must be between " + min + " and " + max + " inclusive");
      }
      return Long.toString(n);
    }, v -> onChange.accept(Long.parseLong(v)), aliases).rewriteText(v -> MemoryUnits.format(Long.parseLong(v)));
  }

  /** A yes/no parameter. */
  public ConfigParam addBool(String name, boolean mutable, boolean def, Consumer<Boolean> onChange, String... aliases) {
    return add(name, mutable, def ? "yes" : "no", v -> {
      String l = v.toLowerCase(Locale.ROOT);
      if (l.equals("yes")) {
        return "yes";
      }
      if (l.equals("no")) {
        return "no";
      }
      throw new ConfigError("argument must be 'yes' or 'no'");
    }, v -> onChange.accept(v.equals("yes")), aliases);
  }

  /** One of a fixed set of words. */
  public ConfigParam addEnum(String name, boolean mutable, String def, List<String> allowed, Consumer<String> onChange, String... aliases) {
    return add(name, mutable, def, v -> {
      String l = v.toLowerCase(Locale.ROOT);
      if (!allowed.contains(l)) {
        throw new ConfigError("argument(s) must be one of the following: " + String.join(", ", allowed));
      }
      return l;
    }, onChange, aliases);
  }

  /** Free text. */
  public ConfigParam addString(String name, boolean mutable, String def, Consumer<String> onChange, String... aliases) {
    return add(name, mutable, def, v -> v, onChange, aliases).rewriteText(ConfigArgs::repr);
  }

  /** Finds by name or alias, case-insensitively; {@code null} if unknown. */
  public ConfigParam find(String name) {
    return byName.get(name.toLowerCase(Locale.ROOT));
  }

  /**
   * The names (canonical names and aliases, as Redis's CONFIG GET lists both) matching any of
   * {@code patterns} as case-insensitive globs, each once, in declaration order. Hidden
   * parameters match only by their exact name.
   */
  public List<Map.Entry<String, ConfigParam>> matching(List<String> patterns) {
    List<Map.Entry<String, ConfigParam>> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    // A name without glob characters is looked up directly and answered as it was asked
    // (CONFIG GET HZ replies "HZ"), as Redis does.
    for (String pat : patterns) {
      if (!hasGlob(pat)) {
        ConfigParam p = find(pat);
        if (p != null && seen.add(pat.toLowerCase(Locale.ROOT))) {
          out.add(Map.entry(pat, p));
        }
      }
    }
    for (Map.Entry<String, ConfigParam> e : names) {
      if (seen.contains(e.getKey())) {
        continue;
      }
      for (String pat : patterns) {
        if (hasGlob(pat) && !e.getValue().isHidden() && ConfigGlob.matches(pat, e.getKey(), true)) {
          seen.add(e.getKey());
          out.add(e);
          break;
        }
      }
    }
    return out;
  }

  private static boolean hasGlob(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '\\') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code pattern} matches {@code name} as CONFIG GET matches (glob, ASCII case folded). */
  public static boolean globMatches(String pattern, String name) {
    return ConfigGlob.matches(pattern, name, true);
  }

  /** Every parameter, in declaration order. */
  public List<ConfigParam> params() {
    return params;
  }

  /** Pushes every current value to its consumer (once, when the node starts). */
  public void applyAll() {
    for (ConfigParam p : params) {
      p.apply();
    }
  }
}
