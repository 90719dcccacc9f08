package io.haredis.core.persist.aof;

import io.haredis.core.keyspace.Keyspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** What the AOF needs of the RDB codec: RDB-format bases and preambles. */
public interface AofRdbCodec {

  /**
   * Loads the RDB image at the start of {@code in} into {@code keyspace} and returns its length
   * (its CRC64 included). It may read ahead; in an old-style AOF, commands follow at that offset.
   */
  long load(Keyspace keyspace, InputStream in) throws IOException;

  /** Writes {@code keyspace} as an RDB marked as an AOF base ({@code aof-base} aux field 1). */
  void write(Keyspace keyspace, OutputStream out) throws IOException;

  /** The codec until one is installed: every RDB-format base is refused with a clear reason. */
  AofRdbCodec NONE = new AofRdbCodec() {
    @Override
    public long load(Keyspace keyspace, InputStream in) throws IOException {
      throw new IOException("RDB-format AOF bases cannot be read: no RDB codec is installed");
    }

    @Override
    public void write(Keyspace keyspace, OutputStream out) throws IOException {
      throw new IOException("RDB-format AOF bases cannot be written: no RDB codec is installed");
    }
  };
}
