package io.haredis.core.persist;

/**
 * A load of the dataset from disk in progress (an RDB file or the AOF), while the node already
 * answers clients: commands without the {@code loading} flag get {@code -LOADING}.
 */
public interface DatasetLoading {

  /** Appends INFO persistence's {@code loading_*} lines. */
  void info(StringBuilder b);

  /** Redis's {@code loading_*} fields from byte counts; shared by both kinds of load. */
  static void info(StringBuilder b, long startSeconds, long nowSeconds, long totalBytes, long loadedBytes, long rdbUsedMem) {
    long elapsed = nowSeconds - startSeconds;
    long remaining = Math.max(0, totalBytes - loadedBytes);
    long eta = elapsed == 0 || loadedBytes == 0 ? 1 : elapsed * remaining / loadedBytes;
    double perc = totalBytes == 0 ? 0 : 100.0 * loadedBytes / totalBytes;
    b.append("loading_start_time:").append(startSeconds).append("\r\n");
    b.append("loading_total_bytes:").append(totalBytes).append("\r\n");
    b.append("loading_rdb_used_mem:").append(rdbUsedMem).append("\r\n");
    b.append("loading_loaded_bytes:").append(loadedBytes).append("\r\n");
    b.append("loading_loaded_perc:").append(String.format(java.util.Locale.ROOT, "%.2f", perc)).append("\r\n");
    b.append("loading_eta_seconds:").append(eta).append("\r\n");
  }
}
