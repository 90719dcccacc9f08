package io.haredis.core.persist;

/**
 * An RDB stream or DUMP payload that cannot be loaded: corrupt, truncated, of a version or
 * type we cannot read. Carries the byte offset where reading stopped and the reason in the
 * words of Redis's log ({@code "Internal error in RDB reading offset ... -> Ziplist integrity
 * check failed."}). Stackless: corrupt input is an expected outcome, not a bug.
 */
public final class RdbFormatException extends Exception {

  private static final long serialVersionUID = 1L;

  private final long offset;
  private final String reason;

  public RdbFormatException(long offset, String reason) {
    super("Internal error in RDB reading offset " + offset + " -> " + reason, null, false, false);
    this.offset = offset;
    this.reason = reason;
  }

  /** Bytes of the stream consumed when the problem was found. */
  public long offset() {
    return offset;
  }

  /** What is wrong, without the offset. */
  public String reason() {
    return reason;
  }
}
