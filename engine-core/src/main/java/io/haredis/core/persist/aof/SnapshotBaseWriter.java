package io.haredis.core.persist.aof;

import io.haredis.core.persist.RdbSaver;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's {@link AofBaseWriter}: an RDB-format base ({@code aof-use-rdb-preamble yes}, the
 * default) is written by the RDB saver's point-in-time snapshot walk, which keeps the node
 * serving. A command-format base ({@code aof-use-rdb-preamble no}) has no snapshot walk of its
 * own yet and is written in one go on the loop by {@link BlockingBaseWriter}, which stops the
 * node for as long as the dataset takes: fine for small datasets, and logged as a warning.
 */
final class SnapshotBaseWriter implements AofBaseWriter {

  private static final Logger log = LoggerFactory.getLogger(SnapshotBaseWriter.class);

  private final RdbSaver rdb;
  private final AofBaseWriter blocking;

  SnapshotBaseWriter(RdbSaver rdb, AofBaseWriter blocking) {
    this.rdb = rdb;
    this.blocking = blocking;
  }

  @Override
  public void writeBase(Path tmpFile, boolean rdbPreamble, Consumer<Throwable> done) {
    if (rdbPreamble) {
      rdb.writeAofBase(tmpFile, done);
      return;
    }
    log.warn("aof-use-rdb-preamble is no: the AOF base is written in one go, and the server does not answer meanwhile");
    blocking.writeBase(tmpFile, false, done);
  }

  @Override
  public void cancel() {
    rdb.abortAofBase();
  }
}
