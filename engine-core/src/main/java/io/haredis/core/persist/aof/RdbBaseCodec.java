package io.haredis.core.persist.aof;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.node.ServerSettings;
import io.haredis.core.persist.EncodingLimits;
import io.haredis.core.persist.RdbFormatException;
import io.haredis.core.persist.RdbLoad;
import io.haredis.core.persist.RdbSnapshotSink;
import io.haredis.core.persist.Crc64;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The RDB codec as the AOF uses it. Loading keeps keys whose TTL has passed (an AOF preamble is
 * loaded as Redis loads it with {@code RDBFLAGS_AOF_PREAMBLE}: they expire afterwards) and
 * refuses duplicated keys; writing produces an RDB with the {@code aof-base} AUX field.
 */
final class RdbBaseCodec implements AofRdbCodec {

  private final ServerNode node;
  private final ServerSettings settings;

  RdbBaseCodec(ServerNode node) {
    this.node = node;
    this.settings = node.settings();
  }

  @Override
  public long load(Keyspace ks, InputStream in) throws IOException {
    EncodingLimits limits = EncodingLimits.of(settings);
    try {
      // an AOF preamble keeps keys whose TTL has passed: they expire after the load, as in Redis
      return RdbLoad.loadInto(ks, in, false, limits, settings.rdbChecksum).bytesRead();
    } catch (RdbFormatException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  @Override
  public void write(Keyspace ks, OutputStream out) throws IOException {
    RdbSnapshotSink sink = new RdbSnapshotSink(settings.rdbCompression, settings.listMaxListpackSize,
        settings.listCompressDepth, 64 * 1024).hints(ks.saveHints());
    Runtime rt = Runtime.getRuntime();
    sink.begin(node.clockMillis() / 1000, rt.totalMemory() - rt.freeMemory(), 0, node.replicationLog().replicationId(),
        node.replicationLog().masterOffset(), true);
    long[] crc = {0};
    Runnable drain = () -> {
      var o = sink.output();
      if (o.length() > 0) {
        crc[0] = Crc64.update(crc[0], o.array(), 0, o.length());
        try {
          out.write(o.array(), 0, o.length());
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        o.clear();
      }
    };
    try {
      for (int j = 0; j < ks.databases(); j++) {
        Database db = ks.db(j);
        if (db.size() == 0) {
          continue;
        }
        int dbIndex = j;
        sink.beginDb(j, db.size(), db.expiresCount());
        db.dict().forEach(e -> {
          sink.entry(dbIndex, e);
          if (sink.output().length() > 256 * 1024) {
            drain.run();
          }
        });
        sink.endDb(j);
      }
      sink.end();
      drain.run();
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
    byte[] trailer = new byte[8];
    long c = settings.rdbChecksum ? crc[0] : 0;
    for (int i = 0; i < 8; i++) {
      trailer[i] = (byte) (c >>> (8 * i));
    }
    out.write(trailer);
  }

}
