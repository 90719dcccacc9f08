package io.haredis.core.config;

/** A configuration value Redis would refuse; the message is Redis's reason text. */
public final class ConfigError extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigError(String reason) {
    super(reason, null, false, false);
  }
}
