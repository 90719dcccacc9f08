package io.haredis.core.persist.aof;

/**
 * A manifest Redis would refuse to start with. {@link #reason()} is Redis's text ("Invalid AOF
 * manifest file format", ...); {@link #lineNumber()} and {@link #line()} locate it where Redis's
 * {@code *** FATAL AOF MANIFEST FILE ERROR ***} block shows them.
 */
public final class AofManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;
  private final int lineNumber;
  private final String line;

  public AofManifestException(String reason, int lineNumber, String line) {
    super(reason + (line != null ? " (line " + lineNumber + ": '" + line + "')" : lineNumber > 0 ? " (line " + lineNumber + ")" : ""),
        null, false, false);
    this.reason = reason;
    this.lineNumber = lineNumber;
    this.line = line;
  }

  public String reason() {
    return reason;
  }

  /** 1-based line number, 0 when the error is about the whole file. */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line as Redis prints it between {@code >>> '} and {@code '}, or {@code null}. */
  public String line() {
    return line;
  }
}
