package io.haredis.core.persist;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.type.RedisValue;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a whole RDB stream into a {@link Keyspace}, synchronously, on the caller's thread:
 * startup loading, DEBUG RELOAD and tests. The keyspace is expected to be empty (a key that
 * is already there, or appears twice in the file, refuses the file, as Redis panics on
 * "Duplicated key found in RDB file"). Mirrors the key-handling half of Redis's
 * {@code rdbLoadRioWithLoadingCtx}.
 */
public final class RdbLoad {

  private static final Logger log = LoggerFactory.getLogger(RdbLoad.class);

  /** What a load did: keys added, keys skipped because they had already expired, bytes read. */
  public record Result(long keysLoaded, long keysExpired, long bytesRead) {}

  private RdbLoad() {}

  /** {@link #loadInto(Keyspace, InputStream, boolean, EncodingLimits)} with Redis's default thresholds. */
  public static Result loadInto(Keyspace ks, InputStream in, boolean discardExpired)
      throws IOException, RdbFormatException {
    return loadInto(ks, in, discardExpired, EncodingLimits.DEFAULTS);
  }

  /**
   * Reads {@code in} to its end into {@code ks}.
   *
   * @param discardExpired drop keys whose expiry is already past (a master loading its own file;
   *     a replica and an AOF preamble keep them, as in Redis)
   * @param limits the node's encoding thresholds, which decide loaded values' encodings
   * @throws RdbFormatException the file is corrupt or holds what we cannot load; keys read
   *     before the problem stay in {@code ks}
   */
  public static Result loadInto(Keyspace ks, InputStream in, boolean discardExpired, EncodingLimits limits)
      throws IOException, RdbFormatException {
    return loadInto(ks, in, discardExpired, limits, true);
  }

  /** As above; {@code checksum} is {@code rdbchecksum} (verify the trailing CRC64). */
  public static Result loadInto(Keyspace ks, InputStream in, boolean discardExpired, EncodingLimits limits,
      boolean checksum) throws IOException, RdbFormatException {
    RdbReader reader = new RdbReader(in, limits, ks.random()).checksum(checksum); // buffers by itself

    long now = ks.refreshNow();
    long[] counts = new long[2];
    reader.read(new RdbVisitor() {
      @Override
      public void selectDb(int db) throws RdbFormatException {
        if (db >= ks.databases()) {
          throw new RdbFormatException(reader.bytesRead(), "FATAL: Data file was created with a Redis server "
              + "configured to handle more than " + ks.databases() + " databases.");
        }
      }

      @Override
      public void keyValue(int db, byte[] key, RedisValue value, long expireAtMs, long idleSeconds, int lfuFreq)
          throws RdbFormatException {
        if (discardExpired && expireAtMs != -1 && expireAtMs < now) {
          counts[1]++;
          return;
        }
        Database d = ks.db(db);
        if (d.peek(key, 0, key.length) != null) {
          throw new RdbFormatException(reader.bytesRead(), "RDB has duplicated key '"
              + RdbReader.printable(key) + "' in DB " + db);
        }
        Entry e = d.addLoaded(key, value);
        d.setAccess(e, idleSeconds, lfuFreq);
        if (expireAtMs != -1) {
          d.setExpire(e, Math.max(0, expireAtMs));
        }
        counts[0]++;
      }
    });
    log.info("Done loading RDB, keys loaded: {}, keys expired: {}.", counts[0], counts[1]);
    return new Result(counts[0], counts[1], reader.bytesRead());
  }
}
