package io.haredis.core.persist;

import io.haredis.core.resp.Numbers;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ZSetValue;
import java.nio.charset.StandardCharsets;

/**
 * Encodes RDB opcodes and values exactly as redis-server 7.0 writes them (RDB version 10):
 * the same type byte and the same bytes for a value in the same encoding, so a file we write
 * loads into Redis, and a DUMP of ours is byte-identical to Redis's for the same value and
 * encoding (Redis's {@code rdbSaveObject}, {@code rdbSaveRawString}, {@code rdbSaveKeyValuePair}).
 *
 * <h2>What each encoding becomes</h2>
 * <ul>
 *   <li>String: an int-encoded value as an 8/16/32-bit RDB integer when it fits, else its
 *       decimal text; bytes via {@code rdbSaveRawString}: short integer text as an RDB
 *       integer, LZF when compression is on, the string is longer than 20 bytes and LZF saves
 *       at least 4 bytes, else verbatim. HyperLogLogs are strings.
 *   <li>List: {@code QUICKLIST_2}. Our list is one array, so the writer cuts it into listpack
 *       nodes the way Redis's quicklist fills them when every element was pushed at the tail
 *       ({@code _quicklistNodeAllowInsert} under {@code list-max-listpack-size}), and
 *       LZF-compresses the inner nodes as {@code list-compress-depth} would. A list built by
 *       RPUSH therefore dumps to Redis's bytes; one built otherwise dumps the same elements in
 *       possibly different node boundaries, which any loader accepts.
 *   <li>Set: {@code SET_INTSET} (the intset blob) or {@code SET} (members).
 *   <li>Hash: {@code HASH_LISTPACK} (a listpack in insertion order) or {@code HASH}.
 *   <li>Sorted set: {@code ZSET_LISTPACK} (member, score pairs; integral scores within
 *       2^62 as listpack integers, others as {@code %.17g} text) or {@code ZSET_2} (binary
 *       doubles, highest element first, as Redis writes the skip list from its tail).
 * </ul>
 * Hashtable-encoded sets and hashes are written in our table's order; Redis's order depends on
 * its process-random hash seed, so those payloads match Redis's only as sets.
 *
 * <p>Not thread-safe; reuses its scratch buffers, so encoding allocates nothing once they have
 * grown to the largest value.
 */
public final class RdbWriter {

  public static final int RDB_VERSION = 10;

  static final int TYPE_STRING = 0;
  static final int TYPE_LIST = 1;
  static final int TYPE_SET = 2;
  static final int TYPE_ZSET = 3;
  static final int TYPE_HASH = 4;
  static final int TYPE_ZSET_2 = 5;
  static final int TYPE_MODULE = 6;
  static final int TYPE_MODULE_2 = 7;
  static final int TYPE_HASH_ZIPMAP = 9;
  static final int TYPE_LIST_ZIPLIST = 10;
  static final int TYPE_SET_INTSET = 11;
  static final int TYPE_ZSET_ZIPLIST = 12;
  static final int TYPE_HASH_ZIPLIST = 13;
  static final int TYPE_LIST_QUICKLIST = 14;
  static final int TYPE_STREAM_LISTPACKS = 15;
  static final int TYPE_HASH_LISTPACK = 16;
  static final int TYPE_ZSET_LISTPACK = 17;
  static final int TYPE_LIST_QUICKLIST_2 = 18;
  static final int TYPE_STREAM_LISTPACKS_2 = 19;

  static final int OPCODE_FUNCTION2 = 245;
  static final int OPCODE_FUNCTION = 246;
  static final int OPCODE_MODULE_AUX = 247;
  static final int OPCODE_IDLE = 248;
  static final int OPCODE_FREQ = 249;
  static final int OPCODE_AUX = 250;
  static final int OPCODE_RESIZEDB = 251;
  static final int OPCODE_EXPIRETIME_MS = 252;
  static final int OPCODE_EXPIRETIME = 253;
  static final int OPCODE_SELECTDB = 254;
  static final int OPCODE_EOF = 255;

  static final int ENC_INT8 = 0;
  static final int ENC_INT16 = 1;
  static final int ENC_INT32 = 2;
  static final int ENC_LZF = 3;

  static final int CONTAINER_PLAIN = 1;
  static final int CONTAINER_PACKED = 2;

  /** quicklist's {@code optimization_level}: node size limits for fill -1..-5. */
  private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};
  /** quicklist's SIZE_SAFETY_LIMIT for count-based fill. */
  private static final int SIZE_SAFETY_LIMIT = 8192;
  /** quicklist's SIZE_ESTIMATE_OVERHEAD. */
  private static final int SIZE_ESTIMATE_OVERHEAD = 8;
  /** quicklist's packed_threshold: elements this big get a PLAIN node of their own. */
  private static final long PACKED_THRESHOLD = 1L << 30;
  /** quicklist's MIN_COMPRESS_BYTES and MIN_COMPRESS_IMPROVE. */
  private static final int MIN_COMPRESS_BYTES = 48;
  private static final int MIN_COMPRESS_IMPROVE = 8;

  private static final byte[] MAGIC = "REDIS".getBytes(StandardCharsets.US_ASCII);

  private final RdbOutput out;
  private final boolean compress;
  private final int listFill;
  private final int listCompressDepth;
  private final Lzf lzf = new Lzf();
  private final RdbOutput scratch = new RdbOutput(256);
  private final ListpackEncoder lp = new ListpackEncoder(scratch);
  private byte[] lzfBuf = new byte[256];
  private final byte[] numBuf = new byte[24];

  /** A writer with Redis's default list node settings (-2, no node compression). */
  public RdbWriter(RdbOutput out, boolean compress) {
    this(out, compress, -2, 0);
  }

  /**
   * @param compress {@code rdbcompression}
   * @param listMaxListpackSize {@code list-max-listpack-size} (clamped to -5..32767 as quicklist does)
   * @param listCompressDepth {@code list-compress-depth} (clamped to 0..65535)
   */
  public RdbWriter(RdbOutput out, boolean compress, int listMaxListpackSize, int listCompressDepth) {
    this.out = out;
    this.compress = compress;
    this.listFill = Math.max(-5, Math.min(listMaxListpackSize, (1 << 15) - 1));
    this.listCompressDepth = Math.max(0, Math.min(listCompressDepth, (1 << 16) - 1));
  }

  public RdbOutput output() {
    return out;
  }

  /**
   * Clears the output and drops any buffer (output, scratch, LZF) that one large value grew
   * past {@code maxCapacity} bytes, so a long-lived writer does not pin its largest value.
   */
  public void trim(int maxCapacity) {
    out.trim(maxCapacity);
    scratch.trim(maxCapacity);
    if (lzfBuf.length > maxCapacity) {
      lzfBuf = new byte[256];
    }
  }

  // ---- file structure -------------------------------------------------------------------

  /** The magic and version: {@code REDIS0010}. */
  public void header() {
    out.write(MAGIC);
    String v = String.format("%04d", RDB_VERSION);
    for (int i = 0; i < 4; i++) {
      out.write(v.charAt(i));
    }
  }

  public void aux(String key, String value) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    byte[] v = value.getBytes(StandardCharsets.UTF_8);
    out.write(OPCODE_AUX);
    writeString(k, 0, k.length);
    writeString(v, 0, v.length);
  }

  public void aux(String key, long value) {
    aux(key, Long.toString(value));
  }

  public void selectDb(int db) {
    out.write(OPCODE_SELECTDB);
    writeLen(db);
  }

  public void resizeDb(long size, long expires) {
    out.write(OPCODE_RESIZEDB);
    writeLen(size);
    writeLen(expires);
  }

  /** One key: its expiry (Unix ms, -1 for none), type, name and value. */
  public void keyValue(byte[] key, RedisValue value, long expireAtMs) {
    keyValue(key, value, expireAtMs, -1, -1);
  }

  /**
   * One key with eviction information as Redis writes it under an LRU policy
   * ({@code idleSeconds}) or an LFU policy ({@code lfuFreq}, 0..255); -1 leaves either out.
   */
  public void keyValue(byte[] key, RedisValue value, long expireAtMs, long idleSeconds, int lfuFreq) {
    if (expireAtMs != -1) {
      out.write(OPCODE_EXPIRETIME_MS);
      out.writeLongLE(expireAtMs);
    }
    if (idleSeconds >= 0) {
      out.write(OPCODE_IDLE);
      writeLen(idleSeconds);
    }
    if (lfuFreq >= 0) {
      out.write(OPCODE_FREQ);
      out.write(lfuFreq & 0xff);
    }
    out.write(typeOf(value));
    writeString(key, 0, key.length);
    valueBody(value);
  }

  /** The type byte and the encoded value: the body of a DUMP payload. */
  public void value(RedisValue v) {
    out.write(typeOf(v));
    valueBody(v);
  }

  /** The EOF opcode; the caller appends the 8-byte little-endian CRC64 of everything before. */
  public void eof() {
    out.write(OPCODE_EOF);
  }

  /** The RDB type byte Redis 7.0 uses for this value's current encoding. */
  public static int typeOf(RedisValue v) {
    if (v instanceof StringValue) {
      return TYPE_STRING;
    } else if (v instanceof ListValue) {
      return TYPE_LIST_QUICKLIST_2;
    } else if (v instanceof SetValue s) {
      return s.isIntset() ? TYPE_SET_INTSET : TYPE_SET;
    } else if (v instanceof HashValue h) {
      return h.isListpack() ? TYPE_HASH_LISTPACK : TYPE_HASH;
    } else if (v instanceof ZSetValue z) {
      return z.isCompact() ? TYPE_ZSET_LISTPACK : TYPE_ZSET_2;
    }
    throw new IllegalArgumentException("no RDB encoding for " + v.type());
  }

  // ---- values ---------------------------------------------------------------------------

  private void valueBody(RedisValue v) {
    if (v instanceof StringValue s) {
      if (s.isInt()) {
        writeLongAsString(s.longValue());
      } else {
        writeString(s.array(), 0, s.length());
      }
    } else if (v instanceof ListValue l) {
      writeList(l);
    } else if (v instanceof SetValue s) {
      writeSet(s);
    } else if (v instanceof HashValue h) {
      writeHash(h);
    } else if (v instanceof ZSetValue z) {
      writeZSet(z);
    } else {
      throw new IllegalArgumentException("no RDB encoding for " + v.type());
    }
  }

  private void writeSet(SetValue s) {
    if (s.isIntset()) {
      byte[] c = s.intsetContents();
      int w = s.intsetWidth();
      int n = c.length / w;
      scratch.clear();
      scratch.ensure(8 + c.length);
      byte[] a = scratch.array();
      putIntLE(a, 0, w);
      putIntLE(a, 4, n);
      System.arraycopy(c, 0, a, 8, c.length);
      scratch.skip(8 + c.length);
      writeString(a, 0, scratch.length());
      return;
    }
    writeLen(s.size());
    s.forEach(m -> writeString(m, 0, m.length));
  }

  private void writeHash(HashValue h) {
    if (h.isListpack()) {
      scratch.clear();
      lp.begin();
      h.forEach((f, fo, fl, v, vo, vl) -> {
        lp.append(f, fo, fl);
        lp.append(v, vo, vl);
      });
      lp.finish();
      writeString(scratch.array(), 0, scratch.length());
      return;
    }
    writeLen(h.size());
    h.forEach((f, fo, fl, v, vo, vl) -> {
      writeString(f, fo, fl);
      writeString(v, vo, vl);
    });
  }

  private void writeZSet(ZSetValue z) {
    if (z.isCompact()) {
      scratch.clear();
      lp.begin();
      z.walk(0, false, (m, score) -> {
        lp.append(m, 0, m.length);
        appendScore(score);
        return true;
      });
      lp.finish();
      writeString(scratch.array(), 0, scratch.length());
      return;
    }
    int n = z.size();
    writeLen(n);
    z.walk(n - 1, true, (m, score) -> {
      writeString(m, 0, m.length);
      out.writeLongLE(Double.doubleToRawLongBits(score));
      return true;
    });
  }

  /** A score as {@code zzlInsertAt} stores it: an integer when double2ll allows, else d2string text. */
  private void appendScore(double score) {
    if (score >= -(double) (Long.MAX_VALUE / 2) && score <= (double) (Long.MAX_VALUE / 2)
        && score == (double) (long) score) {
      lp.appendInteger((long) score);
      return;
    }
    byte[] text = ScoreText.d2string(score);
    lp.append(text, 0, text.length);
  }

  // ---- lists ----------------------------------------------------------------------------

  /**
   * QUICKLIST_2: the node count, then per node its container (PACKED or PLAIN) and its bytes.
   * Nodes are cut by replaying {@code quicklistPushTail} for every element.
   */
  private void writeList(ListValue l) {
    int n = l.size();
    int nodes = countNodes(l);
    writeLen(nodes);
    int i = 0;
    int node = 0;
    while (i < n) {
      byte[] first = l.get(i);
      if (first.length >= PACKED_THRESHOLD) {
        writeLen(CONTAINER_PLAIN);
        writeString(first, 0, first.length);
        i++;
        node++;
        continue;
      }
      scratch.clear();
      lp.begin();
      lp.append(first, 0, first.length);
      i++;
      while (i < n && allowInsert(lp.bytes(), lp.count(), l.get(i).length)) {
        byte[] e = l.get(i++);
        lp.append(e, 0, e.length);
      }
      lp.finish();
      writeLen(CONTAINER_PACKED);
      int sz = scratch.length();
      if (listCompressDepth > 0 && nodes > 2 * listCompressDepth
          && node >= listCompressDepth && node < nodes - listCompressDepth
          && writeCompressedNode(scratch.array(), sz)) {
        node++;
        continue;
      }
      writeString(scratch.array(), 0, sz);
      node++;
    }
  }

  /** How many nodes {@link #writeList} will write (needed up front for the count and depth). */
  private int countNodes(ListValue l) {
    int n = l.size();
    int nodes = 0;
    int i = 0;
    while (i < n) {
      byte[] first = l.get(i++);
      nodes++;
      if (first.length >= PACKED_THRESHOLD) {
        continue;
      }
      long bytes = ListpackEncoder.HEADER_SIZE + 1 + ListpackEncoder.entrySize(first, 0, first.length);
      int count = 1;
      while (i < n && allowInsert(bytes, count, l.get(i).length)) {
        byte[] e = l.get(i++);
        bytes += ListpackEncoder.entrySize(e, 0, e.length);
        count++;
      }
    }
    return nodes;
  }

  /** {@code _quicklistNodeAllowInsert} for a packed node of {@code nodeBytes} holding {@code count}. */
  private boolean allowInsert(long nodeBytes, int count, int sz) {
    if (sz >= PACKED_THRESHOLD) {
      return false;
    }
    long newSz = nodeBytes + sz + SIZE_ESTIMATE_OVERHEAD;
    if (listFill < 0) {
      int offset = -listFill - 1;
      if (offset < OPTIMIZATION_LEVEL.length && newSz <= OPTIMIZATION_LEVEL[offset]) {
        return true;
      }
    }
    if (newSz > SIZE_SAFETY_LIMIT) {
      return false;
    }
    return count < listFill;
  }

  /**
   * An inner node as quicklist keeps it compressed in memory ({@code __quicklistCompressNode}):
   * written as an LZF blob when at least 48 bytes and LZF saves more than 8. False when the
   * node stays raw.
   */
  private boolean writeCompressedNode(byte[] node, int sz) {
    if (sz < MIN_COMPRESS_BYTES) {
      return false;
    }
    ensureLzf(sz);
    int c = lzf.compress(node, 0, sz, lzfBuf, 0, sz);
    if (c == 0 || c + MIN_COMPRESS_IMPROVE >= sz) {
      return false;
    }
    writeLzfBlob(lzfBuf, c, sz);
    return true;
  }

  // ---- primitives -----------------------------------------------------------------------

  /** {@code rdbSaveLen}: 6-bit, 14-bit, 32-bit or 64-bit length. */
  void writeLen(long len) {
    if (len < (1 << 6) && len >= 0) {
      out.write((int) len);
    } else if (len < (1 << 14) && len >= 0) {
      out.write((int) ((len >>> 8) & 0x3f) | 0x40);
      out.write((int) len & 0xff);
    } else if (len >= 0 && len <= 0xffffffffL) {
      out.write(0x80);
      out.write((int) (len >>> 24) & 0xff);
      out.write((int) (len >>> 16) & 0xff);
      out.write((int) (len >>> 8) & 0xff);
      out.write((int) len & 0xff);
    } else {
      out.write(0x81);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (len >>> (8 * i)) & 0xff);
      }
    }
  }

  /** {@code rdbSaveRawString}: integer form, LZF, or length-prefixed bytes. */
  void writeString(byte[] b, int off, int len) {
    if (len <= 11 && Numbers.isLong(b, off, len)) {
      long v = Numbers.parseLong(b, off, len, 0);
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        writeEncodedInt(v);
        return;
      }
    }
    if (compress && len > 20 && writeLzfString(b, off, len)) {
      return;
    }
    writeLen(len);
    out.write(b, off, len);
  }

  /** {@code rdbSaveLongLongAsStringObject}. */
  private void writeLongAsString(long v) {
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      writeEncodedInt(v);
      return;
    }
    int n = Numbers.write(v, numBuf, 0);
    writeLen(n);
    out.write(numBuf, 0, n);
  }

  private void writeEncodedInt(long v) {
    if (v >= -(1 << 7) && v <= (1 << 7) - 1) {
      out.write(0xC0 | ENC_INT8);
      out.write((int) v & 0xff);
    } else if (v >= -(1 << 15) && v <= (1 << 15) - 1) {
      out.write(0xC0 | ENC_INT16);
      out.write((int) v & 0xff);
      out.write((int) (v >>> 8) & 0xff);
    } else {
      out.write(0xC0 | ENC_INT32);
      out.write((int) v & 0xff);
      out.write((int) (v >>> 8) & 0xff);
      out.write((int) (v >>> 16) & 0xff);
      out.write((int) (v >>> 24) & 0xff);
    }
  }

  /** {@code rdbSaveLzfStringObject}: worth it only when LZF saves at least 4 bytes. */
  private boolean writeLzfString(byte[] b, int off, int len) {
    if (len <= 4) {
      return false;
    }
    int outLen = len - 4;
    ensureLzf(outLen);
    int c = lzf.compress(b, off, len, lzfBuf, 0, outLen);
    if (c == 0) {
      return false;
    }
    writeLzfBlob(lzfBuf, c, len);
    return true;
  }

  private void writeLzfBlob(byte[] data, int compressedLen, int originalLen) {
    out.write(0xC0 | ENC_LZF);
    writeLen(compressedLen);
    writeLen(originalLen);
    out.write(data, 0, compressedLen);
  }

  private void ensureLzf(int n) {
    if (lzfBuf.length < n) {
      lzfBuf = new byte[Math.max(n, lzfBuf.length * 2)];
    }
  }

  private static void putIntLE(byte[] a, int p, int v) {
    a[p] = (byte) v;
    a[p + 1] = (byte) (v >>> 8);
    a[p + 2] = (byte) (v >>> 16);
    a[p + 3] = (byte) (v >>> 24);
  }
}
