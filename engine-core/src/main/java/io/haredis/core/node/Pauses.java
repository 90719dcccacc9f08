package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import io.haredis.core.command.CommandFlag;
import io.haredis.core.command.CommandSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * CLIENT PAUSE / UNPAUSE: while a pause is in force, commands of normal clients that it covers
 * (all commands, or only writes and may-replicate commands) are postponed, not refused, and run
 * in order once the pause ends (Redis's {@code blockPostponeClient}).
 */
public final class Pauses {

  /** What a pause covers. */
  public enum Scope {
    NONE,
    WRITE,
    ALL
  }

  private final ServerNode node;
  private Scope scope = Scope.NONE;
  private long endMillis;
  private final List<ClientState> postponed = new ArrayList<>();

  Pauses(ServerNode node) {
    this.node = node;
  }

  public Scope scope() {
    return scope;
  }

  public long endMillis() {
    return endMillis;
  }

  /** Starts or extends a pause; a pause never narrows an ongoing wider one (as in Redis). */
  public void pause(Scope s, long untilMillis) {
    if (scope == Scope.ALL && s == Scope.WRITE) {
      endMillis = Math.max(endMillis, untilMillis);
      return;
    }
    scope = s;
    endMillis = Math.max(scope == s ? endMillis : 0, untilMillis);
  }

  /** Ends the pause and resumes postponed clients. */
  public void unpause() {
    scope = Scope.NONE;
    endMillis = 0;
    List<ClientState> resume = new ArrayList<>(postponed);
    postponed.clear();
    for (ClientState c : resume) {
      c.paused(false);
      node.resume(c);
    }
  }

  /** Called from cron: ends an expired pause. */
  void cron(long nowMillis) {
    if (scope != Scope.NONE && nowMillis >= endMillis) {
      unpause();
    }
  }

  /** Whether this client's command must wait; if so, the client is parked. */
  public boolean mustPostpone(ClientState client, CommandSpec spec) {
    if (scope == Scope.NONE) {
      return false;
    }
    if (node.keyspace().now() >= endMillis && node.clockMillis() >= endMillis) {
      unpause();
      return false;
    }
    boolean covered = scope == Scope.ALL
        || spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE);
    if (!covered) {
      return false;
    }
    client.paused(true);
    postponed.add(client);
    return true;
  }
}
