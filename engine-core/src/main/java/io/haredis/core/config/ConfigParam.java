package io.haredis.core.config;

import java.util.List;
import java.util.function.Consumer;

/**
 * One configuration parameter: its names, its current value in the canonical text form that
 * CONFIG GET prints, and how a new value is validated. Typed values for the node's hot paths
 * are pushed to it through {@code onChange}, so reading a setting never parses text.
 */
public final class ConfigParam {

  /** Validates text and returns the canonical form that CONFIG GET will print. */
  @FunctionalInterface
  public interface Parser {
    String parse(String value) throws ConfigError;
  }

  private final String name;
  private final List<String> aliases;
  private final boolean mutable;
  private final String defaultValue;
  private final Parser parser;
  private final Consumer<String> onChange;
  private String value;

  ConfigParam(String name, List<String> aliases, boolean mutable, String defaultValue, Parser parser, Consumer<String> onChange) {
    this.name = name;
    this.aliases = List.copyOf(aliases);
    this.mutable = mutable;
    this.parser = parser;
    this.onChange = onChange;
    try {
      this.defaultValue = parser.parse(defaultValue);
    } catch (ConfigError e) {
      throw new IllegalArgumentException("bad default for " + name + ": " + e.getMessage());
    }
    this.value = this.defaultValue;
  }

  public String name() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  /** Whether CONFIG SET may change it (others only from the file or builder). */
  public boolean mutable() {
    return mutable;
  }

  public String defaultValue() {
    return defaultValue;
  }

  /** The current value, as CONFIG GET prints it. */
  public String value() {
    return value;
  }

  /** Validates without applying. */
  public String check(String text) throws ConfigError {
    return parser.parse(text);
  }

  /** Validates and applies. */
  public void set(String text) throws ConfigError {
    String canonical = parser.parse(text);
    value = canonical;
    onChange.accept(canonical);
  }

  /** Re-applies the current value (at boot, to push defaults to the node). */
  void apply() {
    onChange.accept(value);
  }
}
