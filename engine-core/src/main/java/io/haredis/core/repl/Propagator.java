package io.haredis.core.repl;

import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what one execution unit (a command, an EXEC, an expiry batch) writes, then appends
 * it to the {@link ReplicationLog}: alone if it is one command, wrapped in MULTI/EXEC if it is
 * several, so replicas and the AOF apply it atomically. Mirrors Redis 7.0's
 * {@code alsoPropagate} and {@code propagatePendingCommands}.
 *
 * <p>The common case, a write propagated verbatim, is recorded as a marker and encoded straight
 * from the request's arguments when the unit ends, without copying them.
 */
public final class Propagator {

  private static final byte[][] MULTI = {"MULTI".getBytes(StandardCharsets.US_ASCII)};
  private static final byte[][] EXEC = {"EXEC".getBytes(StandardCharsets.US_ASCII)};

  private final ReplicationLog log;
  private final List<Object> ops = new ArrayList<>(); // byte[][] or VERBATIM
  private final List<Integer> dbs = new ArrayList<>();
  private RequestArgs verbatimArgs;
  private int depth;
  private boolean suppressed;

  private static final Object VERBATIM = new Object();

  public Propagator(ReplicationLog log) {
    this.log = log;
  }

  public ReplicationLog log() {
    return log;
  }

  /** Starts an execution unit; units nest (EXEC runs commands), only the outermost appends. */
  public void begin() {
    depth++;
  }

  /** Queues a command. */
  public void add(int db, byte[][] argv) {
    ops.add(argv);
    dbs.add(db);
  }

  /**
   * Queues the current request verbatim. In the outermost unit its arguments stay valid until
   * {@link #end()}, so only a marker is kept; in a nested unit (a command run by EXEC) the
   * arguments are replaced by the next command's, so they are copied.
   */
  public void addVerbatim(int db, RequestArgs args) {
    if (depth > 1 || verbatimArgs != null) {
      byte[][] argv = new byte[args.argc()][];
      for (int i = 0; i < argv.length; i++) {
        argv[i] = args.copy(i);
      }
      add(db, argv);
      return;
    }
    ops.add(VERBATIM);
    dbs.add(db);
    verbatimArgs = args;
  }

  /** Whether anything is queued. */
  public boolean pending() {
    return !ops.isEmpty();
  }

  /**
   * Drops what units queue instead of appending it: replaying the AOF at startup must not log
   * its commands again (Redis propagates nothing while {@code server.loading}).
   */
  public void suppress(boolean s) {
    this.suppressed = s;
  }

  /** Ends a unit; the outermost one appends what was queued. */
  public void end() {
    if (--depth > 0 || ops.isEmpty()) {
      return;
    }
    if (suppressed) {
      ops.clear();
      dbs.clear();
      verbatimArgs = null;
      return;
    }
    boolean wrap = ops.size() > 1;
    if (wrap) {
      log.append(dbs.get(0), MULTI);
    }
    for (int i = 0; i < ops.size(); i++) {
      Object op = ops.get(i);
      if (op == VERBATIM) {
        log.append(dbs.get(i), verbatimArgs);
      } else {
        log.append(dbs.get(i), (byte[][]) op);
      }
    }
    if (wrap) {
      log.append(-1, EXEC);
    }
    ops.clear();
    dbs.clear();
    verbatimArgs = null;
  }
}
