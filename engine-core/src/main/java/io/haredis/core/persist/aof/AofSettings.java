package io.haredis.core.persist.aof;

/**
 * Typed copies of the AOF parameters ({@code appendonly}, {@code appendfsync}, ...), kept current
 * by the config table's change hooks (see {@link AofConfig}). Loop-confined.
 */
public final class AofSettings {

  /** {@code appendfsync}. */
  public enum Fsync {
    ALWAYS, EVERYSEC, NO
  }

  /** {@code appendonly}: what the user asked for; the file's own state is {@link AppendOnlyFile#state()}. */
  public boolean enabled;
  public Fsync fsync = Fsync.EVERYSEC;
  public String dirname = "appendonlydir";
  public String filename = "appendonly.aof";
  public boolean loadTruncated = true;
  public boolean useRdbPreamble = true;
  public boolean timestampEnabled;
  public boolean disableAutoGc;
  public boolean noFsyncOnRewrite;
  public boolean rewriteIncrementalFsync = true;
  public long rewritePercentage = 100;
  public long rewriteMinSizeBytes = 64L * 1024 * 1024;

  /** The node's AOF, once it exists: CONFIG SET appendonly at runtime starts or stops it. */
  AppendOnlyFile runtime;
}
