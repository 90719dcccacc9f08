package io.haredis.core.config;

/**
 * A configuration value or file Redis would refuse. {@link #getMessage()} is the text to show
 * (for a file, Redis's whole "FATAL CONFIG FILE ERROR" block); {@link #reason()} is the bare
 * reason, e.g. {@code argument must be 'yes' or 'no'}.
 */
public final class ConfigError extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String file;
  private final int line;

  public ConfigError(String reason) {
    super(reason, null, false, false);
    this.reason = reason;
    this.file = null;
    this.line = 0;
  }

  ConfigError(String message, String reason, String file, int line) {
    super(message, null, false, false);
    this.reason = reason;
    this.file = file;
    this.line = line;
  }

  /** The bare reason, without file or line. */
  public String reason() {
    return reason;
  }

  /** The file the error is in, or {@code null} when it did not come from a file. */
  public String file() {
    return file;
  }

  /** The 1-based line in {@link #file()}, or 0. */
  public int line() {
    return line;
  }
}
