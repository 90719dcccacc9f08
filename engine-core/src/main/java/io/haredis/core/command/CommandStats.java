package io.haredis.core.command;

/**
 * Per-command counters for INFO commandstats, kept apart from {@link CommandSpec} as Redis keeps
 * them apart in spirit: the table is shared and immutable, the counters belong to one node.
 */
public final class CommandStats {
  public long calls;
  public long micros;
  public long rejectedCalls;
  public long failedCalls;

  public void reset() {
    calls = 0;
    micros = 0;
    rejectedCalls = 0;
    failedCalls = 0;
  }
}
