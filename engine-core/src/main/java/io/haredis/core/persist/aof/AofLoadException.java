package io.haredis.core.persist.aof;

/**
 * The AOF cannot be loaded and the node must not start (where Redis exits at startup): a bad
 * manifest, a file it names that is missing, a corrupt file, a truncated file that is not the
 * last one or with {@code aof-load-truncated no}, an unknown command. Nothing on disk has been
 * changed when it is thrown.
 */
public final class AofLoadException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long offset;

  public AofLoadException(String message, String file, long offset, Throwable cause) {
    super(message, cause);
    this.file = file;
    this.offset = offset;
  }

  /** The AOF file at fault (its name in the AOF directory), or {@code null} for the manifest. */
  public String file() {
    return file;
  }

  /** Where in {@link #file()} the problem starts, or -1. */
  public long offset() {
    return offset;
  }
}
