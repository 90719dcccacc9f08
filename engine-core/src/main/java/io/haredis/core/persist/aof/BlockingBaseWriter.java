package io.haredis.core.persist.aof;

import io.haredis.api.time.Scheduler;
import io.haredis.core.keyspace.Keyspace;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * An {@link AofBaseWriter} that writes the live keyspace on the calling thread, in one go.
 *
 * <p><b>Not for serving nodes with real data:</b> run on the loop, it stops the node for as long
 * as the dataset takes to write, which is what the point-in-time snapshot writer exists to
 * avoid. It is correct (the keyspace cannot change while it runs), so it serves where the
 * dataset is known to be tiny (the empty base of a first start) and in tests.
 */
public final class BlockingBaseWriter implements AofBaseWriter {

  private final Keyspace keyspace;
  private final Scheduler loop;
  private final AofRdbCodec rdb;

  public BlockingBaseWriter(Keyspace keyspace, Scheduler loop, AofRdbCodec rdb) {
    this.keyspace = keyspace;
    this.loop = loop;
    this.rdb = rdb;
  }

  @Override
  public void writeBase(Path tmpFile, boolean rdbPreamble, Consumer<Throwable> done) {
    Throwable failure = null;
    try {
      write(keyspace, rdb, tmpFile, rdbPreamble);
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    Throwable f = failure;
    loop.execute(() -> done.accept(f)); // the contract: done comes later, on the loop
  }

  /** Writes {@code keyspace} to {@code file} (created or replaced) and fsyncs it. */
  static void write(Keyspace keyspace, AofRdbCodec rdb, Path file, boolean rdbPreamble) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
      if (rdbPreamble) {
        rdb.write(keyspace, out);
      } else {
        DatasetCommandWriter.write(keyspace, out);
      }
      out.flush();
      ch.force(true);
    }
  }
}
