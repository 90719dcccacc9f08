package io.haredis.core.persist.aof;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ZSetValue;
import io.haredis.core.resp.Numbers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a keyspace as the commands that rebuild it, in the form of Redis's
 * {@code rewriteAppendOnlyFileRio} (an AOF base without RDB preamble): per non-empty database a
 * {@code SELECT}, then per key {@code SET}, {@code RPUSH}, {@code SADD}, {@code ZADD} or
 * {@code HMSET} with at most {@value #ITEMS_PER_COMMAND} items per command, then
 * {@code PEXPIREAT} for a key with a TTL.
 *
 * <p><b>Synchronous: it walks the live keyspace on the calling thread.</b> On the node's loop that
 * stops the node for as long as the dataset takes to write, so it is only for datasets known
 * to be tiny (the empty one a first start writes as its base) and for tests. Rewrites of a
 * serving node go through the node's {@link AofBaseWriter}, which writes from a point-in-time
 * snapshot without stopping the loop.
 */
public final class DatasetCommandWriter {

  /** Redis's AOF_REWRITE_ITEMS_PER_CMD. */
  static final int ITEMS_PER_COMMAND = 64;

  private final OutputStream out;
  private final byte[] scratch = new byte[24];

  private DatasetCommandWriter(OutputStream out) {
    this.out = out;
  }

  /** Writes every database of {@code keyspace} to {@code out} (not closed). */
  public static void write(Keyspace keyspace, OutputStream out) throws IOException {
    DatasetCommandWriter w = new DatasetCommandWriter(out);
    try {
      for (int j = 0; j < keyspace.databases(); j++) {
        Database db = keyspace.db(j);
        if (db.size() == 0) {
          continue;
        }
        w.header(2);
        w.bulk("SELECT");
        w.bulk(j);
        db.dict().forEach(e -> {
          try {
            w.key(e.key(), e.value());
            if (e.expireAt() >= 0) {
              w.header(3);
              w.bulk("PEXPIREAT");
              w.bulk(e.key());
              w.bulk(e.expireAt());
            }
          } catch (IOException x) {
            throw new UncheckedIOException(x);
          }
        });
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private void key(byte[] key, RedisValue v) throws IOException {
    if (v instanceof StringValue s) {
      header(3);
      bulk("SET");
      bulk(key);
      if (s.isInt()) {
        bulk(s.toBytes());
      } else {
        bulk(s.array(), 0, s.length());
      }
    } else if (v instanceof ListValue l) {
      int items = l.size();
      for (int i = 0; i < l.size(); i++) {
        if (i % ITEMS_PER_COMMAND == 0) {
          header(2 + Math.min(ITEMS_PER_COMMAND, items - i));
          bulk("RPUSH");
          bulk(key);
        }
        bulk(l.get(i));
      }
    } else if (v instanceof SetValue s) {
      int items = s.size();
      int[] count = {0};
      s.forEach(member -> {
        try {
          if (count[0] % ITEMS_PER_COMMAND == 0) {
            header(2 + Math.min(ITEMS_PER_COMMAND, items - count[0]));
            bulk("SADD");
            bulk(key);
          }
          bulk(member);
          count[0]++;
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    } else if (v instanceof ZSetValue z) {
      int items = z.size();
      int[] count = {0};
      z.walk(0, false, (member, score) -> {
        try {
          if (count[0] % ITEMS_PER_COMMAND == 0) {
            header(2 + 2 * Math.min(ITEMS_PER_COMMAND, items - count[0]));
            bulk("ZADD");
            bulk(key);
          }
          bulk(DatasetDigest.formatScore(score)); // rioWriteBulkDouble's %.17g
          bulk(member);
          count[0]++;
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
        return true;
      });
    } else if (v instanceof HashValue h) {
      int items = h.size();
      int[] count = {0};
      h.forEach((f, fo, fl, val, vo, vl) -> {
        try {
          if (count[0] % ITEMS_PER_COMMAND == 0) {
            header(2 + 2 * Math.min(ITEMS_PER_COMMAND, items - count[0]));
            bulk("HMSET");
            bulk(key);
          }
          bulk(f, fo, fl);
          bulk(val, vo, vl);
          count[0]++;
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      });
    } else {
      throw new IOException("cannot write a " + v.type().redisName() + " value in AOF command form");
    }
  }

  private void header(int n) throws IOException {
    out.write('*');
    number(n);
  }

  private void number(long n) throws IOException {
    int len = Numbers.write(n, scratch, 0);
    out.write(scratch, 0, len);
    out.write('\r');
    out.write('\n');
  }

  private void bulk(String s) throws IOException {
    bulk(s.getBytes(StandardCharsets.US_ASCII));
  }

  private void bulk(long n) throws IOException {
    bulk(Long.toString(n));
  }

  private void bulk(byte[] b) throws IOException {
    bulk(b, 0, b.length);
  }

  private void bulk(byte[] b, int off, int len) throws IOException {
    out.write('$');
    number(len);
    out.write(b, off, len);
    out.write('\r');
    out.write('\n');
  }
}
