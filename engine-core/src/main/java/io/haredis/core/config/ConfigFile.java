package io.haredis.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a {@code redis.conf} as Redis's {@code loadServerConfigFromString} reads it: one
 * directive per line, arguments split like {@code sdssplitargs} (see {@link ConfigArgs}),
 * {@code #} comments, directive names case-insensitive, {@code include} of further files, and
 * multi-word directives such as {@code save 900 1 300 10} or {@code bind a b}.
 *
 * <h2>Errors</h2>
 * A bad line fails the whole load with Redis's block: {@code *** FATAL CONFIG FILE ERROR (Redis
 * 7.0.15) ***}, the line number (and, unlike Redis, the file, since includes make the number
 * ambiguous), the line itself and the reason.
 *
 * <h2>Directives haredis does not run</h2>
 * Parameters declared for compatibility only ({@link ConfigParam#implemented()} false) load and
 * show in CONFIG GET; one warning per load names those the file sets to a value other than
 * the default (a default changes nothing, so there is nothing to warn about). {@code rename-command} and
 * {@code loadmodule} are refused, since silently ignoring them would change what the server
 * does. {@code sentinel} lines belong to a Sentinel: {@link #load} refuses them with Redis's own
 * reason, {@link #loadSentinel} hands them to the caller.
 */
public final class ConfigFile {

  private static final Logger log = LoggerFactory.getLogger(ConfigFile.class);
  static final String VERSION = "7.0.15";
  private static final int MAX_INCLUDE_DEPTH = 16;

  /** One {@code sentinel ...} line of a Sentinel config: the words after {@code sentinel}. */
  public record Directive(String file, int line, List<String> args) {}

  private ConfigFile() {}

  /** Loads a server config file into {@code table}; a {@code sentinel} directive is an error. */
  public static void load(Path path, ConfigTable table) throws ConfigError {
    new Loader(table, null).file(path, 0);
  }

  /** Loads config text (tests, {@code --config}-style strings); {@code origin} names it in errors. */
  public static void loadString(String text, String origin, ConfigTable table) throws ConfigError {
    Loader l = new Loader(table, null);
    l.text(text, origin, 0);
    l.warn();
  }

  /**
   * Loads a Sentinel's config file: the server directives ({@code port}, {@code dir}, ...) go to
   * {@code table}, the {@code sentinel ...} lines are returned in file order for the Sentinel to
   * apply.
   */
  public static List<Directive> loadSentinel(Path path, ConfigTable table) throws ConfigError {
    List<Directive> out = new ArrayList<>();
    new Loader(table, out).file(path, 0);
    return out;
  }

  /** Whether the file has {@code sentinel} directives, i.e. it configures a Sentinel (includes not followed). */
  public static boolean isSentinelConfig(Path path) throws ConfigError {
    for (String raw : readLines(path, null, 0)) {
      List<String> words = ConfigArgs.split(raw.trim());
      if (words != null && !words.isEmpty() && !words.get(0).startsWith("#") && words.get(0).equalsIgnoreCase("sentinel")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> readLines(Path path, String from, int fromLine) throws ConfigError {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      String msg = "Fatal error, can't open config file '" + path + "': " + reasonOf(e);
      if (from != null) {
        throw fatal(from, fromLine, "include " + path, msg);
      }
      throw new ConfigError(msg, msg, path.toString(), 0);
    }
  }

  private static String reasonOf(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "No such file or directory";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "Permission denied";
    }
    return String.valueOf(e.getMessage());
  }

  static ConfigError fatal(String file, int lineNo, String line, String reason) {
    String msg = "\n*** FATAL CONFIG FILE ERROR (Redis " + VERSION + ") ***\n"
        + "Reading the configuration file, at line " + lineNo + " (" + file + ")\n"
        + ">>> '" + line + "'\n"
        + reason;
    return new ConfigError(msg, reason, file, lineNo);
  }

  private static final class Loader {
    private final ConfigTable table;
    private final List<Directive> sentinel; // null: not a Sentinel load
    private final Set<String> notImplemented = new LinkedHashSet<>();
    private final Set<ConfigParam> appending = new java.util.HashSet<>();

    Loader(ConfigTable table, List<Directive> sentinel) {
      this.table = table;
      this.sentinel = sentinel;
    }

    void file(Path path, int depth) throws ConfigError {
      text(String.join("\n", readLines(path, null, 0)), path.toString(), depth);
      if (depth == 0) {
        warn();
      }
    }

    void warn() {
      if (!notImplemented.isEmpty()) {
        log.warn("Config directives accepted, not implemented yet: {}", String.join(", ", notImplemented));
      }
    }

    void text(String text, String origin, int depth) throws ConfigError {
      String[] lines = text.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = strip(lines[i]);
        if (line.isEmpty() || line.charAt(0) == '#') {
          continue;
        }
        int lineNo = i + 1;
        List<String> argv = ConfigArgs.split(line);
        if (argv == null) {
          throw fatal(origin, lineNo, line, "Unbalanced quotes in configuration line");
        }
        if (argv.isEmpty()) {
          continue;
        }
        String name = argv.get(0).toLowerCase(Locale.ROOT);
        int argc = argv.size();
        ConfigParam p = table.find(name);
        if (p != null) {
          if (!p.isMultiArg() && argc != 2) {
            throw fatal(origin, lineNo, line, "wrong number of arguments");
          }
          if (p.isMultiArg() && argc < 2) {
            throw fatal(origin, lineNo, line, "wrong number of arguments");
          }
          String value = String.join(" ", argv.subList(1, argc));
          if (p.name().equals("save") && !value.isEmpty()) {
            // Redis: the first save line of a file replaces the default, later ones add to it.
            if (!appending.add(p) && !p.value().isEmpty()) {
              value = p.value() + " " + value;
            }
          }
          try {
            p.set(value);
          } catch (ConfigError e) {
            throw fatal(origin, lineNo, line, e.reason());
          }
          if (!p.implemented() && !p.value().equals(p.defaultValue())) {
            notImplemented.add(p.name());
          }
          continue;
        }
        switch (name) {
          case "include" -> {
            if (argc != 2) {
              throw fatal(origin, lineNo, line, "Bad directive or wrong number of arguments");
            }
            if (depth >= MAX_INCLUDE_DEPTH) {
              throw fatal(origin, lineNo, line, "Too many nested includes");
            }
            Path inc = Path.of(argv.get(1));
            if (!inc.isAbsolute() && !Files.exists(inc)) {
              Path parent = Path.of(origin).toAbsolutePath().getParent();
              if (parent != null && Files.exists(parent.resolve(inc))) {
                inc = parent.resolve(inc);
              }
            }
            List<String> incLines = readLines(inc, origin, lineNo);
            text(String.join("\n", incLines), inc.toString(), depth + 1);
          }
          case "rename-command" -> throw fatal(origin, lineNo, line,
              "rename-command is not supported by haredis (refusing to start with a command table that differs from the file)");
          case "loadmodule" -> throw fatal(origin, lineNo, line, "Modules are not supported by haredis");
          case "user" -> {
            if (argc < 2) {
              throw fatal(origin, lineNo, line, "Bad directive or wrong number of arguments");
            }
            notImplemented.add("user");
          }
          case "sentinel" -> {
            if (sentinel == null) {
              throw fatal(origin, lineNo, line, "sentinel directive while not in sentinel mode");
            }
            if (argc < 2) {
              throw fatal(origin, lineNo, line, "Bad directive or wrong number of arguments");
            }
            sentinel.add(new Directive(origin, lineNo, List.copyOf(argv.subList(1, argc))));
          }
          default -> throw fatal(origin, lineNo, line, "Bad directive or wrong number of arguments");
        }
      }
    }
  }

  /** Redis trims {@code " \t\r\n"} from both ends of a line. */
  static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && " \t\r\n".indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }
}
