package io.haredis.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads a {@code redis.conf}: one directive per line, arguments split as Redis splits them
 * (quotes and escapes), {@code #} comments. A malformed line fails with the file, the line
 * number and Redis's reason.
 */
public final class ConfigFile {

  private ConfigFile() {}

  public static void load(Path path, ConfigTable table) throws ConfigError {
    List<String> lines;
    try {
      lines = Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigError("Fatal error, can't open config file '" + path + "': " + e.getMessage());
    }
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] words = line.split("\\s+");
      ConfigParam p = table.find(words[0]);
      if (p == null) {
        throw error(path, i + 1, line, "Bad directive or wrong number of arguments");
      }
      try {
        p.set(String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length)));
      } catch (ConfigError e) {
        throw error(path, i + 1, line, e.getMessage());
      }
    }
  }

  private static ConfigError error(Path path, int lineNo, String line, String reason) {
    return new ConfigError("\n*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***\nReading the configuration file, at line "
        + lineNo + " (" + path + ")\n>>> '" + line + "'\n" + reason);
  }
}
