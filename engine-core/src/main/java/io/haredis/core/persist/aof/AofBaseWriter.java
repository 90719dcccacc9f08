package io.haredis.core.persist.aof;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes a new AOF base file from a point-in-time view of the dataset, for BGREWRITEAOF: the part
 * Redis does in a forked child. The node must keep serving while it runs, and the file must hold
 * the dataset as it was when {@code writeBase} was called, not as it is later: the writes made
 * after that instant go to the new incr file the rewrite opened at the same moment.
 *
 * <p>Called on the node's loop; {@code done} must be called exactly once, on the loop, with
 * {@code null} once {@code tmpFile} is complete and fsynced, or with the failure. The file holds
 * an RDB (with the {@code aof-base} aux field) when {@code rdbPreamble}, otherwise the commands
 * that rebuild the dataset (as {@link DatasetCommandWriter} writes them).
 */
public interface AofBaseWriter {
  void writeBase(Path tmpFile, boolean rdbPreamble, Consumer<Throwable> done);

  /**
   * Stops the base being written (CONFIG SET appendonly no, SHUTDOWN): its {@code done} need not
   * be called, and its temp file may be left for the AOF to delete. Called on the loop.
   */
  default void cancel() {}
}
