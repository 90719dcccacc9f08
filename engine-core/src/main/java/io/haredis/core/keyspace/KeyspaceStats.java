package io.haredis.core.keyspace;

/** Keyspace counters for INFO stats (reset by CONFIG RESETSTAT). */
public final class KeyspaceStats {
  public long keyspaceHits;
  public long keyspaceMisses;
  public long expiredKeys;
  public long expiredTimeCapReachedCount;
  public double expiredStalePerc;

  public void reset() {
    keyspaceHits = 0;
    keyspaceMisses = 0;
    expiredKeys = 0;
    expiredTimeCapReachedCount = 0;
    expiredStalePerc = 0;
  }
}
