package io.haredis.core.command;

/**
 * An error reply, thrown by a handler and written by the dispatcher. Stackless: building one
 * costs an allocation, not a stack walk, and the constants in {@link ErrorReply} cost nothing.
 */
public final class CommandError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param reply the whole error text after the {@code -}, prefix included, e.g.
   *     {@code "ERR syntax error"} or {@code "WRONGTYPE Operation against ..."}
   */
  public CommandError(String reply) {
    super(reply, null, false, false);
  }

  /** The error text as sent after {@code -}. */
  public String reply() {
    return getMessage();
  }

  /** An {@code ERR} error with the given text. */
  public static CommandError err(String text) {
    return new CommandError("ERR " + text);
  }
}
