package io.haredis.core.commands;

import io.haredis.core.command.CommandError;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;
import io.haredis.core.config.ConfigParam;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.node.ServerNode;
import io.haredis.core.node.ServerSettings;
import io.haredis.core.persist.Crc64;
import io.haredis.core.persist.EncodingLimits;
import io.haredis.core.persist.RdbFormatException;
import io.haredis.core.persist.RdbOutput;
import io.haredis.core.persist.RdbReader;
import io.haredis.core.persist.RdbWriter;
import io.haredis.core.resp.Numbers;
import io.haredis.core.type.RedisValue;

/**
 * DUMP and RESTORE (Redis's {@code dumpCommand}/{@code restoreCommand} in cluster.c): a value
 * serialized in RDB form, followed by the RDB version (2 bytes, little-endian) and the CRC64
 * of everything before it (8 bytes, little-endian). Payloads are exchangeable with
 * redis-server 7.0 in both directions: DUMP uses {@link RdbWriter}, RESTORE {@link RdbReader}.
 *
 * <h2>Propagation</h2>
 * RESTORE with a relative TTL is logged with the absolute expiry and {@code ABSTTL} appended,
 * so replicas and the AOF expire the key at the same instant. A TTL already in the past
 * creates nothing; if REPLACE removed an old key it is logged as {@code DEL}.
 */
public final class DumpCommands {

  private static final byte[] REPLACE = Invocation.ascii("replace");
  private static final byte[] ABSTTL = Invocation.ascii("absttl");
  private static final byte[] IDLETIME = Invocation.ascii("idletime");
  private static final byte[] FREQ = Invocation.ascii("freq");

  private static final byte[] RESTORE_W = Invocation.ascii("RESTORE");
  private static final byte[] ABSTTL_W = Invocation.ascii("ABSTTL");
  private static final byte[] DEL_W = Invocation.ascii("DEL");

  private static final CommandError BUSYKEY = new CommandError("BUSYKEY Target key name already exists.");
  private static final CommandError BAD_PAYLOAD =
      new CommandError("ERR DUMP payload version or checksum are wrong");
  private static final CommandError BAD_DATA = new CommandError("ERR Bad data format");
  private static final CommandError BAD_TTL = new CommandError("ERR Invalid TTL value, must be >= 0");
  private static final CommandError BAD_IDLETIME = new CommandError("ERR Invalid IDLETIME value, must be >= 0");
  private static final CommandError BAD_FREQ =
      new CommandError("ERR Invalid FREQ value, must be >= 0 and <= 255");

  /** The DUMP footer: 2 bytes of RDB version and 8 of CRC64. */
  private static final int FOOTER = 10;

  /**
   * One encoder per loop thread, rebuilt only when the settings it was built with change. A
   * writer owns a 256 KiB LZF table, too much to allocate per DUMP. Commands of one thread never
   * interleave, so nodes sharing a thread (simulated tests) can share it.
   */
  private static final ThreadLocal<Codec> CODEC = new ThreadLocal<>();
  /** A buffer grown past this by one huge value is dropped after use rather than kept. */
  private static final int KEEP_BUFFER_BYTES = 1 << 20;

  private DumpCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("dump", 2, DumpCommands::dump)
        .flags("readonly")
        .acl("@keyspace @read @slow")
        .keys(1, 1, 1, "RO access|index:1|range:0,1,0")
        .tips("nondeterministic_output")
        .group("generic").since("2.6.0");
    b.add("restore", -4, DumpCommands::restore)
        .flags("write denyoom")
        .acl("@keyspace @write @slow @dangerous")
        .keys(1, 1, 1, "OW update|index:1|range:0,1,0")
        .group("generic").since("2.6.0");
  }

  static void dump(Invocation c) {
    Entry e = c.lookupRead(1);
    if (e == null) {
      c.reply().nullBulk();
      return;
    }
    Codec k = codec(c.node());
    RdbOutput out = k.payload(e.value());
    c.reply().bulk(out.array(), 0, out.length());
    k.writer.trim(KEEP_BUFFER_BYTES);
  }

  static void restore(Invocation c) {
    boolean replace = false;
    boolean absttl = false;
    long idle = -1;
    long freq = -1;
    int argc = c.argc();
    for (int j = 4; j < argc; j++) {
      int additional = argc - j - 1;
      if (c.argIs(j, REPLACE)) {
        replace = true;
      } else if (c.argIs(j, ABSTTL)) {
        absttl = true;
      } else if (c.argIs(j, IDLETIME) && additional >= 1 && freq == -1) {
        idle = c.argLong(j + 1);
        if (idle < 0) {
          throw BAD_IDLETIME;
        }
        j++;
      } else if (c.argIs(j, FREQ) && additional >= 1 && idle == -1) {
        freq = c.argLong(j + 1);
        if (freq < 0 || freq > 255) {
          throw BAD_FREQ;
        }
        j++;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    Database db = c.db();
    if (!replace && c.lookupWrite(1) != null) {
      throw BUSYKEY;
    }
    long ttl = c.argLong(2);
    if (ttl < 0) {
      throw BAD_TTL;
    }
    byte[] p = c.argArray(3);
    int off = c.argOffset(3);
    int len = c.argLength(3);
    if (!verifyPayload(p, off, len)) {
      throw BAD_PAYLOAD;
    }
    RedisValue value;
    try {
      value = RdbReader.readValue(p, off, len, EncodingLimits.of(c.node().settings()), c.node().keyspace().random());
    } catch (RdbFormatException ex) {
      throw BAD_DATA;
    }
    boolean deleted = replace && db.delete(c.argArray(1), c.argOffset(1), c.argLength(1));
    if (ttl != 0 && !absttl) {
      ttl += c.now();
    }
    if (ttl != 0 && ttl <= c.now() && db.keyspace().expiryDeletes()) {
      // checkAlreadyExpired: nothing to create; an old key REPLACE removed is a DEL
      if (deleted) {
        c.dirty();
        c.propagateInstead(DEL_W, c.argBytes(1));
        c.notifyKey(io.haredis.core.node.KeyspaceEvent.DEL, 1);
      } else {
        c.preventPropagation();
      }
      c.reply().ok();
      return;
    }
    Entry e = db.add(c.argBytes(1), value);
    db.setAccess(e, idle, (int) freq);
    if (ttl != 0) {
      db.setExpire(e, ttl);
      if (!absttl) {
        byte[][] argv = new byte[argc + 1][];
        for (int i = 0; i < argc; i++) {
          argv[i] = c.argBytes(i);
        }
        argv[0] = RESTORE_W;
        argv[2] = Numbers.toBytes(ttl);
        argv[argc] = ABSTTL_W;
        c.propagateInstead(argv);
      }
    }
    c.notifyKey(io.haredis.core.node.KeyspaceEvent.RESTORE, 1);
    c.dirty();
    c.reply().ok();
  }

  /** Redis's {@code verifyDumpPayload}: a known RDB version and a matching CRC64. */
  static boolean verifyPayload(byte[] p, int off, int len) {
    if (len < FOOTER) {
      return false;
    }
    int footer = off + len - FOOTER;
    int version = (p[footer] & 0xff) | (p[footer + 1] & 0xff) << 8;
    if (version > RdbWriter.RDB_VERSION) {
      return false;
    }
    long crc = Crc64.update(0, p, off, len - 8);
    for (int i = 0; i < 8; i++) {
      if ((byte) (crc >>> (8 * i)) != p[footer + 2 + i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code rdbcompression} is on (Redis's default: yes). */
  static boolean rdbCompression(ServerNode node) {
    ConfigParam p = node.config().find("rdbcompression");
    return p == null || p.value().equals("yes");
  }

  static Codec codec(ServerNode node) {
    boolean compress = rdbCompression(node);
    ServerSettings s = node.settings();
    Codec k = CODEC.get();
    if (k == null || k.compress != compress || k.fill != s.listMaxListpackSize || k.depth != s.listCompressDepth) {
      k = new Codec(compress, s.listMaxListpackSize, s.listCompressDepth);
      CODEC.set(k);
    }
    return k;
  }

  /**
   * The RDB serialized length of a value (what {@code DEBUG OBJECT} reports as
   * {@code serializedlength}: Redis's {@code rdbSavedObjectLen}, the value without its type byte).
   */
  static long serializedLength(ServerNode node, RedisValue v) {
    Codec k = codec(node);
    long n = k.body(v).length() - 1L;
    k.writer.trim(KEEP_BUFFER_BYTES);
    return n;
  }

  /** A reusable writer and its buffer. */
  static final class Codec {
    final boolean compress;
    final int fill;
    final int depth;
    final RdbOutput out = new RdbOutput(256);
    final RdbWriter writer;

    Codec(boolean compress, int fill, int depth) {
      this.compress = compress;
      this.fill = fill;
      this.depth = depth;
      this.writer = new RdbWriter(out, compress, fill, depth);
    }

    /** Type byte and value only. */
    RdbOutput body(RedisValue v) {
      out.clear();
      writer.value(v);
      return out;
    }

    /** A complete DUMP payload. */
    RdbOutput payload(RedisValue v) {
      out.clear();
      writer.value(v);
      out.write(RdbWriter.RDB_VERSION & 0xff);
      out.write((RdbWriter.RDB_VERSION >>> 8) & 0xff);
      long crc = Crc64.update(0, out.array(), 0, out.length());
      for (int i = 0; i < 8; i++) {
        out.write((int) (crc >>> (8 * i)) & 0xff);
      }
      return out;
    }
  }
}
