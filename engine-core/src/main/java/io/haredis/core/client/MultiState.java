package io.haredis.core.client;

import io.haredis.core.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's open transaction (Redis's {@code multiState}): the commands queued since MULTI,
 * each with a copy of its arguments (the query buffer they came from is reused), and whether a
 * queueing error doomed the transaction to {@code EXECABORT}.
 */
public final class MultiState {

  /** One queued command. */
  public record Queued(CommandSpec spec, byte[][] argv) {}

  private final List<Queued> commands = new ArrayList<>();
  private boolean aborted;

  public void queue(CommandSpec spec, byte[][] argv) {
    commands.add(new Queued(spec, argv));
  }

  public List<Queued> commands() {
    return commands;
  }

  /** A command was refused while queueing (Redis's {@code CLIENT_DIRTY_EXEC}). */
  public void abort() {
    aborted = true;
  }

  public boolean aborted() {
    return aborted;
  }
}
