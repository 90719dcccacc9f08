package io.haredis.core.command;

/** Runs one command on the node's loop; replies through {@link Invocation#reply()}. */
@FunctionalInterface
public interface CommandHandler {
  /**
   * Runs the command.
   *
   * @throws CommandError to reply with an error
   */
  void handle(Invocation c);
}
