package io.haredis.core.node;

import java.util.Locale;
import java.util.TreeMap;

/** Server-wide counters for INFO stats and errorstats. Loop-confined; reset by CONFIG RESETSTAT. */
public final class ServerStats {
  public long commandsProcessed;
  public long connectionsReceived;
  public long rejectedConnections;
  public long netInputBytes;
  public long netOutputBytes;
  public long totalErrorReplies;
  /** errorstat_PREFIX counts, keyed by the error's first word. */
  public final TreeMap<String, Long> errorCounts = new TreeMap<>();

  void countError(CharSequence text) {
    totalErrorReplies++;
    int end = 0;
    while (end < text.length() && text.charAt(end) != ' ') {
      end++;
    }
    String prefix = text.subSequence(0, end).toString().toUpperCase(Locale.ROOT);
    errorCounts.merge(prefix, 1L, Long::sum);
  }

  public void reset() {
    commandsProcessed = 0;
    connectionsReceived = 0;
    rejectedConnections = 0;
    netInputBytes = 0;
    netOutputBytes = 0;
    totalErrorReplies = 0;
    errorCounts.clear();
  }
}
