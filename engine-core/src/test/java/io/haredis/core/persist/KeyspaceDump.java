package io.haredis.core.persist;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Keyspace;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A synchronous whole-keyspace RDB dump for tests: header, the AUX fields redis-server 7.0.15
 * writes, every non-empty database (SELECTDB, RESIZEDB, keys), EOF and the CRC64, as
 * {@code rdbSaveRio} lays them out. Run it on the node's loop (or on a keyspace no loop owns).
 */
final class KeyspaceDump {

  private KeyspaceDump() {}

  static byte[] toBytes(Keyspace ks, boolean compress, EncodingLimits limits) {
    RdbOutput out = new RdbOutput(1 << 16);
    RdbWriter w = new RdbWriter(out, compress, limits.listMaxListpackSize(), limits.listCompressDepth());
    w.header();
    w.aux("redis-ver", "7.0.15");
    w.aux("redis-bits", 64);
    w.aux("ctime", ks.now() / 1000);
    w.aux("used-mem", 1_000_000);
    w.aux("aof-base", 0);
    for (int i = 0; i < ks.databases(); i++) {
      Database db = ks.db(i);
      if (db.size() == 0) {
        continue;
      }
      w.selectDb(i);
      w.resizeDb(db.size(), db.expiresCount());
      db.dict().forEach(e -> w.keyValue(e.key(), e.value(), e.expireAt()));
    }
    w.eof();
    long crc = Crc64.update(0, out.array(), 0, out.length());
    for (int i = 0; i < 8; i++) {
      out.write((int) (crc >>> (8 * i)) & 0xff);
    }
    return out.toByteArray();
  }

  static void write(Keyspace ks, boolean compress, EncodingLimits limits, OutputStream os) throws IOException {
    os.write(toBytes(ks, compress, limits));
  }
}
