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
  private boolean protectedConfig;
  private boolean implemented = true;
  private boolean multiArg;
  private boolean hidden;
  private java.util.function.Function<String, List<RewriteLine>> rewriteForm;
  private Applier applier;

  /**
   * A runtime effect of a new value that may refuse it (CONFIG SET appendonly yes when the AOF
   * cannot start): Redis's {@code apply} functions that return an error.
   */
  @FunctionalInterface
  public interface Applier {
    void apply(String canonicalValue) throws ConfigError;
  }
  private java.util.function.UnaryOperator<String> display = java.util.function.UnaryOperator.identity();

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
    return display.apply(value);
  }

  /**
   * Prints the stored value differently from how it is kept: for a parameter whose printed
   * form, as Redis prints it, loses information the node still acts on
   * ({@code notify-keyspace-events} drops {@code n} next to {@code A}).
   */
  public ConfigParam displayAs(java.util.function.UnaryOperator<String> form) {
    this.display = form;
    return this;
  }

  /** Validates without applying. */
  public String check(String text) throws ConfigError {
    return parser.parse(text);
  }

  /** Validates and applies. */
  public void set(String text) throws ConfigError {
    String canonical = parser.parse(text);
    if (applier != null) {
      applier.apply(canonical); // refuses before anything changes
    }
    value = canonical;
    onChange.accept(canonical);
  }

  /** Runs {@code a} on every {@link #set} before the value changes; not at boot ({@code applyAll}). */
  public ConfigParam onSet(Applier a) {
    this.applier = a;
    return this;
  }

  /** Marks it protected: CONFIG SET refuses it unless {@code enable-protected-configs} allows (Redis's PROTECTED_CONFIG). */
  public ConfigParam protectedConfig() {
    this.protectedConfig = true;
    return this;
  }

  public boolean isProtected() {
    return protectedConfig;
  }

  /** Marks it as declared for compatibility only: the feature behind it is not built yet. */
  public ConfigParam notImplemented() {
    this.implemented = false;
    return this;
  }

  public boolean implemented() {
    return implemented;
  }

  /** Takes several words in a config file line ({@code save 900 1}, {@code bind a b}): Redis's MULTI_ARG_CONFIG. */
  public ConfigParam multiArg() {
    this.multiArg = true;
    return this;
  }

  public boolean isMultiArg() {
    return multiArg;
  }

  /** Left out of {@code CONFIG GET *} (still found by its exact name): Redis's HIDDEN_CONFIG. */
  public ConfigParam hidden() {
    this.hidden = true;
    return this;
  }

  public boolean isHidden() {
    return hidden;
  }

  /** One line CONFIG REWRITE writes: the arguments after the name, and whether it must be
   * written even where the file does not have the parameter yet (Redis's {@code force}). */
  public record RewriteLine(String args, boolean force) {}

  /**
   * How CONFIG REWRITE writes the value when the default form does not fit: the function turns
   * the current value into lines ({@code save 900 1} / {@code save 300 10}, one
   * {@code client-output-buffer-limit} line per class that differs from the default).
   */
  public ConfigParam rewriteAs(java.util.function.Function<String, List<RewriteLine>> form) {
    this.rewriteForm = form;
    return this;
  }

  /** Writes the value on one line in the given text form (memory units, quoting). */
  public ConfigParam rewriteText(java.util.function.UnaryOperator<String> text) {
    this.rewriteForm = v -> List.of(new RewriteLine(text.apply(v), !v.equals(display.apply(defaultValue))));
    return this;
  }

  /** The config file lines (without the name) that carry the current value. */
  public List<RewriteLine> rewriteLines() {
    if (rewriteForm != null) {
      return rewriteForm.apply(value());
    }
    boolean force = !value.equals(defaultValue);
    if (multiArg) {
      if (value.isEmpty()) {
        return List.of(new RewriteLine("\"\"", force));
      }
      StringBuilder b = new StringBuilder();
      for (String w : value.split(" ")) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(ConfigArgs.quote(w));
      }
      return List.of(new RewriteLine(b.toString(), force));
    }
    return List.of(new RewriteLine(ConfigArgs.quote(value), force));
  }

  /** Re-applies the current value (at boot, to push defaults to the node). */
  void apply() {
    onChange.accept(value);
  }
}
