package io.haredis.core.persist.aof;

import io.haredis.core.config.ConfigArgs;
import io.haredis.core.config.ConfigError;
import io.haredis.core.config.ConfigTable;
import java.util.List;
import java.util.Locale;

/**
 * Declares the AOF parameters with Redis 7.0's names, defaults, bounds and error texts
 * (config.c's {@code appendonly}, {@code appendfsync}, {@code appenddirname}, ...), bound to an
 * {@link AofSettings}.
 */
public final class AofConfig {

  private AofConfig() {}

  public static void register(ConfigTable t, AofSettings s) {
    t.addBool("appendonly", true, false, v -> s.enabled = v).onSet(v -> {
      AppendOnlyFile aof = s.runtime;
      if (aof != null) {
        aof.appendonlyChanged(v.equals("yes")); // Redis's updateAppendonly
      }
    });
    t.addEnum("appendfsync", true, "everysec", List.of("everysec", "always", "no"),
        v -> s.fsync = AofSettings.Fsync.valueOf(v.toUpperCase(Locale.ROOT)));
    t.add("appendfilename", false, "appendonly.aof", v -> baseName(v, "appendfilename", "filename"), v -> s.filename = v)
        .rewriteText(ConfigArgs::repr);
    t.add("appenddirname", false, "appendonlydir", v -> baseName(v, "appenddirname", "dirname"), v -> s.dirname = v)
        .rewriteText(ConfigArgs::repr);
    t.addBool("aof-load-truncated", true, true, v -> s.loadTruncated = v);
    t.addBool("aof-use-rdb-preamble", true, true, v -> s.useRdbPreamble = v);
    t.addBool("aof-timestamp-enabled", true, false, v -> s.timestampEnabled = v);
    t.addBool("aof-disable-auto-gc", true, false, v -> {
      s.disableAutoGc = v;
      if (!v && s.runtime != null) {
        s.runtime.deleteHistoryFiles(); // Redis's updateAofAutoGCEnabled
      }
    });
    t.addBool("no-appendfsync-on-rewrite", true, false, v -> s.noFsyncOnRewrite = v);
    t.addBool("aof-rewrite-incremental-fsync", true, true, v -> s.rewriteIncrementalFsync = v);
    t.addLong("auto-aof-rewrite-percentage", true, 100, 0, Integer.MAX_VALUE, v -> s.rewritePercentage = v);
    t.addMemory("auto-aof-rewrite-min-size", true, 64L * 1024 * 1024, 0, Long.MAX_VALUE, v -> s.rewriteMinSizeBytes = v);
  }

  /** Redis's {@code isValidAOFfilename} / {@code isValidAOFdirname}. */
  private static String baseName(String v, String param, String what) throws ConfigError {
    if (v.isEmpty()) {
      throw new ConfigError(param + " can't be empty");
    }
    if (v.indexOf('/') >= 0 || v.indexOf('\\') >= 0) {
      throw new ConfigError(param + " can't be a path, just a " + what);
    }
    return v;
  }
}
