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

  // Redis's trackInstantaneousMetric: a ring of per-second rates sampled every 100 ms.
  private static final int SAMPLES = 16;
  private final long[][] samples = new long[3][SAMPLES];
  private final long[] lastReading = new long[3];
  private long lastSampleMillis = -1;
  private int sampleIndex;

  /** Samples the ops and network rates; called from serverCron, acts at most every 100 ms. */
  public void trackInstantaneous(long nowMillis) {
    if (lastSampleMillis >= 0 && nowMillis - lastSampleMillis < 100) {
      return;
    }
    if (lastSampleMillis >= 0) {
      long elapsed = Math.max(1, nowMillis - lastSampleMillis);
      samples[0][sampleIndex] = Math.max(0, commandsProcessed - lastReading[0]) * 1000 / elapsed;
      samples[1][sampleIndex] = Math.max(0, netInputBytes - lastReading[1]) * 1000 / elapsed;
      samples[2][sampleIndex] = Math.max(0, netOutputBytes - lastReading[2]) * 1000 / elapsed;
      sampleIndex = (sampleIndex + 1) % SAMPLES;
    }
    lastReading[0] = commandsProcessed;
    lastReading[1] = netInputBytes;
    lastReading[2] = netOutputBytes;
    lastSampleMillis = nowMillis;
  }

  private long average(int metric) {
    long sum = 0;
    for (long v : samples[metric]) {
      sum += v;
    }
    return sum / SAMPLES;
  }

  /** {@code instantaneous_ops_per_sec}. */
  public long instantaneousOps() {
    return average(0);
  }

  /** {@code instantaneous_input_kbps}. */
  public double instantaneousInputKbps() {
    return average(1) / 1024.0;
  }

  /** {@code instantaneous_output_kbps}. */
  public double instantaneousOutputKbps() {
    return average(2) / 1024.0;
  }

  public void reset() {
    for (long[] m : samples) {
      java.util.Arrays.fill(m, 0);
    }
    lastSampleMillis = -1;
    commandsProcessed = 0;
    connectionsReceived = 0;
    rejectedConnections = 0;
    netInputBytes = 0;
    netOutputBytes = 0;
    totalErrorReplies = 0;
    errorCounts.clear();
  }
}
