package io.haredis.core.persist;

import io.haredis.core.resp.Numbers;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ZSetValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an RDB file (versions 1 to 10, i.e. everything Redis up to 7.0 writes) from an
 * {@link InputStream} into an {@link RdbVisitor}, or decodes one DUMP payload's value
 * ({@link #readValue}). Mirrors Redis 7.0's {@code rdbLoadRioWithLoadingCtx} and
 * {@code rdbLoadObject}.
 *
 * <h2>What it reads</h2>
 * Every value type and encoding those versions write: strings (raw, integer, LZF), the old
 * linked LIST, ziplist lists, quicklists v1 (ziplist nodes) and v2 (listpack nodes, PACKED and
 * PLAIN), SET and intsets, ZSET (text scores) and ZSET_2 (binary scores), ziplist and listpack
 * sorted sets, HASH, zipmap, ziplist and listpack hashes; the opcodes AUX, RESIZEDB, SELECTDB,
 * EXPIRETIME, EXPIRETIME_MS, IDLE and FREQ. Function libraries are skipped with a warning;
 * module data and streams are refused with an error that names them.
 *
 * <h2>Encodings after loading</h2>
 * A value takes the encoding Redis 7.0 gives it on load under the thresholds passed in
 * ({@link EncodingLimits}), not necessarily the one it was saved in: for example a
 * listpack hash with more fields than {@code hash-max-listpack-entries} becomes a hashtable,
 * and a ZSET small enough becomes a listpack.
 *
 * <h2>Hostile input</h2>
 * Packed blobs are validated entry by entry (Redis's deep sanitization) because we decode all of
 * them anyway; duplicates, impossible lengths and broken structure end in an
 * {@link RdbFormatException} with Redis's wording. A length read from the file never sizes an
 * allocation beyond what the input can still deliver: strings of unknown-length streams grow as
 * their bytes actually arrive, collections are presized to at most a small bound, and an LZF
 * string cannot claim more than LZF's maximum expansion of its compressed bytes.
 *
 * <h2>Checksum</h2>
 * The CRC64 is computed over the bytes as they are consumed (the buffer is checksummed before it
 * is compacted or refilled), and compared with the 8-byte trailer when the file has one (RDB
 * version 5 and later) and it is not zero.
 *
 * <p>Not thread-safe; one reader per stream.
 */
public final class RdbReader {

  private static final Logger log = LoggerFactory.getLogger(RdbReader.class);

  private static final int BUFFER_SIZE = 64 * 1024;
  /** Largest array allocated up front for a string whose bytes have not arrived yet. */
  private static final int EAGER_LIMIT = 1 << 20;
  /** Largest presize of a collection from a count read in the file. */
  private static final int PRESIZE_LIMIT = 1 << 12;
  /** Redis's LISTPACK_MAX_SAFETY_SIZE (lpSafeToAdd). */
  private static final long LISTPACK_SAFETY_SIZE = 1L << 30;
  /** An LZF back reference of 3 bytes expands to at most 264: nothing real expands more. */
  private static final long LZF_MAX_RATIO = 100;
  /** Sorted sets up to this size are gathered in arrays before they are built. */
  private static final int SMALL_ZSET = 1 << 14;
  private static final String MODULE_CHARSET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  private final InputStream in; // null when reading an in-memory payload
  private byte[] buf;
  private int pos;
  private int limit;
  private final int start;
  private long discarded; // bytes consumed before buf[0] (compactions and direct reads)
  private long crc;
  private int crcFrom;
  private boolean lenEncoded;

  private final EncodingLimits limits;
  private final Random random;
  private boolean checksum = true;
  private int rdbVersion = RdbWriter.RDB_VERSION;
  private long emptyKeysSkipped;

  private final PackedCursor.Listpack listpack = new PackedCursor.Listpack();
  private final PackedCursor.Ziplist ziplist = new PackedCursor.Ziplist();
  private final PackedCursor.Zipmap zipmap = new PackedCursor.Zipmap();
  private final HashValue.ListpackBuilder hashBuilder = new HashValue.ListpackBuilder();
  private final byte[] fieldText = new byte[20]; // an integer hash field's text
  private byte[][] zMembers = new byte[16][]; // sorted-set pairs being gathered
  private double[] zScores = new double[16];
  private final MemberIndex memberIndex = new MemberIndex();

  /**
   * A reader over {@code in} (buffered here: pass the raw stream). {@code random} seeds the skip
   * lists of loaded sorted sets (the node's Random).
   */
  public RdbReader(InputStream in, EncodingLimits limits, Random random) {
    this.in = in;
    this.buf = new byte[BUFFER_SIZE];
    this.start = 0;
    this.limits = limits;
    this.random = random;
  }

  private RdbReader(byte[] data, int off, int len, EncodingLimits limits, Random random) {
    this.in = null;
    this.buf = data;
    this.pos = off;
    this.start = off;
    this.crcFrom = off;
    this.limit = off + len;
    this.limits = limits;
    this.random = random;
  }

  /** Whether to verify the trailing CRC64 ({@code rdbchecksum}); on by default. */
  public RdbReader checksum(boolean verify) {
    this.checksum = verify;
    return this;
  }

  /** Bytes consumed so far (loading progress). */
  public long bytesRead() {
    return discarded + pos - start;
  }

  /**
   * What follows the RDB in the stream, once {@link #read} has returned: the bytes this reader
   * buffered past the checksum, then the rest of the underlying stream (an AOF's tail after its
   * RDB preamble). Closing it closes the underlying stream.
   */
  public InputStream remaining() {
    byte[] ahead = Arrays.copyOfRange(buf, pos, limit);
    InputStream rest = in == null ? InputStream.nullInputStream() : in;
    pos = limit;
    return new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(ahead), rest);
  }

  /** The file's RDB version, once {@link #read} has read the header. */
  public int rdbVersion() {
    return rdbVersion;
  }

  /** Keys skipped because their value was empty (Redis's {@code empty_keys_skipped}). */
  public long emptyKeysSkipped() {
    return emptyKeysSkipped;
  }

  /**
   * Decodes the value of a DUMP payload: a type byte and the value, as {@code RESTORE} reads
   * it (the caller has checked the footer). Bytes after the value are ignored, as in Redis.
   */
  public static RedisValue readValue(byte[] payload, int off, int len, EncodingLimits limits, Random random)
      throws RdbFormatException {
    RdbReader r = new RdbReader(payload, off, len, limits, random);
    try {
      int type = r.readByte();
      if (!isObjectType(type)) {
        throw r.corrupt("Unknown RDB encoding type " + type);
      }
      RedisValue v = r.readObject(type, null);
      if (v == null) {
        throw r.corrupt("Empty keys are not allowed");
      }
      return v;
    } catch (IOException e) {
      throw new RdbFormatException(r.bytesRead(), "Unexpected EOF reading RDB file");
    }
  }

  // ---- the file -------------------------------------------------------------------------

  /** Reads the whole stream: header, everything up to EOF, and the checksum. */
  public void read(RdbVisitor v) throws IOException, RdbFormatException {
    byte[] magic = new byte[9];
    readFully(magic, 0, 9);
    if (!new String(magic, 0, 5, StandardCharsets.US_ASCII).equals("REDIS")) {
      throw new RdbFormatException(bytesRead(), "Wrong signature trying to load DB from file");
    }
    rdbVersion = atoi(magic, 5, 4);
    if (rdbVersion < 1 || rdbVersion > RdbWriter.RDB_VERSION) {
      throw new RdbFormatException(bytesRead(), "Can't handle RDB format version " + rdbVersion);
    }
    int db = 0;
    long expireAt = -1;
    long idle = -1;
    int freq = -1;
    while (true) {
      int type = readByte();
      switch (type) {
        case RdbWriter.OPCODE_EXPIRETIME -> {
          expireAt = (long) (int) readIntLE() * 1000;
          continue;
        }
        case RdbWriter.OPCODE_EXPIRETIME_MS -> {
          expireAt = readLongLE();
          continue;
        }
        case RdbWriter.OPCODE_FREQ -> {
          freq = readByte();
          continue;
        }
        case RdbWriter.OPCODE_IDLE -> {
          idle = readLen();
          continue;
        }
        case RdbWriter.OPCODE_EOF -> {
          verifyChecksum();
          if (emptyKeysSkipped > 0) {
            log.warn("RDB had {} empty keys: skipped", emptyKeysSkipped);
          }
          return;
        }
        case RdbWriter.OPCODE_SELECTDB -> {
          long id = readLen();
          if (id > Integer.MAX_VALUE) {
            throw corrupt("Data file was created with a Redis server configured to handle more than "
                + id + " databases");
          }
          db = (int) id;
          v.selectDb(db);
          continue;
        }
        case RdbWriter.OPCODE_RESIZEDB -> {
          long size = readLen();
          long expires = readLen();
          v.resizeDb(size, expires);
          continue;
        }
        case RdbWriter.OPCODE_AUX -> {
          byte[] k = readString();
          byte[] val = readString();
          logAux(k, val);
          v.aux(k, val);
          continue;
        }
        case RdbWriter.OPCODE_MODULE_AUX -> {
          long moduleId = readLen();
          throw corrupt("The RDB file contains AUX module data I can't load: no matching module '"
              + moduleName(moduleId) + "'");
        }
        case RdbWriter.OPCODE_FUNCTION, RdbWriter.OPCODE_FUNCTION2 -> {
          skipFunction(type);
          continue;
        }
        default -> {
          // a key follows
        }
      }
      byte[] key = readString();
      RedisValue value = readObject(type, key);
      if (value == null) {
        if (emptyKeysSkipped++ < 10) {
          log.warn("rdbLoadObject skipping empty key: {}", printable(key));
        }
      } else {
        v.keyValue(db, key, value, expireAt, idle, freq);
      }
      expireAt = -1;
      idle = -1;
      freq = -1;
    }
  }

  private void verifyChecksum() throws IOException, RdbFormatException {
    if (rdbVersion < 5) {
      return;
    }
    flushCrc();
    long expected = crc;
    byte[] t = new byte[8];
    readRaw(t, 0, 8); // the trailer is not part of what it checks
    long got = PackedCursor.s64le(t, 0);
    if (!checksum) {
      return;
    }
    if (got == 0) {
      log.warn("RDB file was saved with checksum disabled: no check performed.");
    } else if (got != expected) {
      log.warn("Wrong RDB checksum expected: ({}) but got ({}). Aborting now.",
          Long.toHexString(expected), Long.toHexString(got));
      throw corrupt("RDB CRC error");
    }
  }

  private void skipFunction(int type) throws IOException, RdbFormatException {
    String name;
    if (type == RdbWriter.OPCODE_FUNCTION) {
      // 7.0 release candidates: name, engine, optional description, then the code
      name = new String(readString(), StandardCharsets.UTF_8);
      readString();
      if (readLen() != 0) {
        readString();
      }
      readString();
    } else {
      byte[] code = readString();
      name = libraryName(code);
    }
    log.warn("Skipping function library '{}' in the RDB file: functions are not supported", name);
  }

  /** The {@code name=} of a library's {@code #!lua name=...} header line, for the log. */
  private static String libraryName(byte[] code) {
    int end = 0;
    while (end < code.length && end < 256 && code[end] != '\n') {
      end++;
    }
    String first = new String(code, 0, end, StandardCharsets.UTF_8);
    int i = first.indexOf("name=");
    if (i < 0) {
      return "?";
    }
    String rest = first.substring(i + 5);
    int sp = rest.indexOf(' ');
    return sp < 0 ? rest : rest.substring(0, sp);
  }

  private static void logAux(byte[] k, byte[] v) {
    String key = new String(k, StandardCharsets.UTF_8);
    String val = new String(v, StandardCharsets.UTF_8);
    if (key.startsWith("%")) {
      log.info("RDB '{}': {}", key, val);
    } else if (key.equalsIgnoreCase("redis-ver")) {
      log.info("Loading RDB produced by version {}", val);
    } else if (key.equalsIgnoreCase("used-mem")) {
      long mem = Numbers.parseLong(v, 0, v.length, 0);
      log.info("RDB memory usage when created {} Mb", String.format("%.2f", mem / (1024.0 * 1024)));
    } else if (key.equalsIgnoreCase("aof-preamble") && !val.equals("0")) {
      log.info("RDB has an AOF tail");
    } else if (key.equalsIgnoreCase("aof-base") && !val.equals("0")) {
      log.info("RDB is base AOF");
    } else {
      log.debug("RDB AUX field '{}': {}", key, val);
    }
  }

  /** Redis's {@code moduleTypeNameByID}: the 9-character name in bits 10..63 of the id. */
  static String moduleName(long moduleId) {
    char[] name = new char[9];
    long id = moduleId >>> 10;
    for (int j = 8; j >= 0; j--) {
      name[j] = MODULE_CHARSET.charAt((int) (id & 63));
      id >>>= 6;
    }
    return new String(name);
  }

  // ---- values ---------------------------------------------------------------------------

  static boolean isObjectType(int t) {
    return (t >= RdbWriter.TYPE_STRING && t <= RdbWriter.TYPE_MODULE_2)
        || (t >= RdbWriter.TYPE_HASH_ZIPMAP && t <= RdbWriter.TYPE_STREAM_LISTPACKS_2);
  }

  /** One value of RDB type {@code type}; null for an empty collection (Redis skips those keys). */
  private RedisValue readObject(int type, byte[] key) throws IOException, RdbFormatException {
    switch (type) {
      case RdbWriter.TYPE_STRING:
        return readStringValue();
      case RdbWriter.TYPE_LIST:
        return readLinkedList();
      case RdbWriter.TYPE_SET:
        return readSet();
      case RdbWriter.TYPE_ZSET:
      case RdbWriter.TYPE_ZSET_2:
        return readZSet(type == RdbWriter.TYPE_ZSET_2);
      case RdbWriter.TYPE_HASH:
        return readHash();
      case RdbWriter.TYPE_LIST_QUICKLIST:
      case RdbWriter.TYPE_LIST_QUICKLIST_2:
        return readQuicklist(type == RdbWriter.TYPE_LIST_QUICKLIST_2);
      case RdbWriter.TYPE_HASH_ZIPMAP:
        return readZipmapHash();
      case RdbWriter.TYPE_LIST_ZIPLIST:
        return readZiplistList();
      case RdbWriter.TYPE_SET_INTSET:
        return readIntset();
      case RdbWriter.TYPE_ZSET_ZIPLIST:
        return readPackedZSet(false);
      case RdbWriter.TYPE_ZSET_LISTPACK:
        return readPackedZSet(true);
      case RdbWriter.TYPE_HASH_ZIPLIST:
        return readPackedHash(false);
      case RdbWriter.TYPE_HASH_LISTPACK:
        return readPackedHash(true);
      case RdbWriter.TYPE_STREAM_LISTPACKS:
      case RdbWriter.TYPE_STREAM_LISTPACKS_2:
        throw corrupt("Can't load key '" + printable(key) + "' of type stream (RDB type " + type
            + "): streams are not supported yet");
      case RdbWriter.TYPE_MODULE:
      case RdbWriter.TYPE_MODULE_2: {
        long moduleId = readLen();
        throw corrupt("The RDB file contains module data I can't load: no matching module type '"
            + moduleName(moduleId) + "'" + (key == null ? "" : " (key '" + printable(key) + "')"));
      }
      default:
        throw corrupt("Unknown RDB encoding type " + type);
    }
  }

  private StringValue readStringValue() throws IOException, RdbFormatException {
    int first = peekByte();
    if ((first >>> 6) == 3 && (first & 0x3f) <= RdbWriter.ENC_INT32) {
      readByte();
      return StringValue.ofLong(readEncodedInt(first & 0x3f));
    }
    return StringValue.of(readString());
  }

  private ListValue readLinkedList() throws IOException, RdbFormatException {
    long len = readLen();
    if (len == 0) {
      return null;
    }
    ListValue l = new ListValue(presize(len));
    for (long i = 0; i < len; i++) {
      l.pushTail(readString());
    }
    return l;
  }

  private ListValue readQuicklist(boolean v2) throws IOException, RdbFormatException {
    long nodes = readLen();
    if (nodes == 0) {
      return null;
    }
    ListValue l = new ListValue();
    for (long i = 0; i < nodes; i++) {
      long container = RdbWriter.CONTAINER_PACKED;
      if (v2) {
        container = readLen();
        if (container != RdbWriter.CONTAINER_PACKED && container != RdbWriter.CONTAINER_PLAIN) {
          throw corrupt("Quicklist integrity check failed.");
        }
      }
      byte[] data = readString();
      if (data.length == 0) {
        throw corrupt("Quicklist integrity check failed.");
      }
      if (container == RdbWriter.CONTAINER_PLAIN) {
        l.pushTail(data);
        continue;
      }
      PackedCursor c = v2 ? listpack : ziplist;
      String what = v2 ? "Listpack integrity check failed." : "Ziplist integrity check failed.";
      if (!c.open(data, 0, data.length)) {
        throw corrupt(what);
      }
      int r;
      while ((r = c.next()) == PackedCursor.ELEMENT) {
        l.pushTail(c.copy());
      }
      if (r == PackedCursor.CORRUPT) {
        throw corrupt(what);
      }
    }
    return l.isEmpty() ? null : l;
  }

  private ListValue readZiplistList() throws IOException, RdbFormatException {
    byte[] data = readString();
    if (!ziplist.open(data, 0, data.length)) {
      throw corrupt("List ziplist integrity check failed.");
    }
    ListValue l = new ListValue();
    int r;
    while ((r = ziplist.next()) == PackedCursor.ELEMENT) {
      l.pushTail(ziplist.copy());
    }
    if (r == PackedCursor.CORRUPT) {
      throw corrupt("List ziplist integrity check failed.");
    }
    return l.isEmpty() ? null : l;
  }

  private SetValue readSet() throws IOException, RdbFormatException {
    long len = readLen();
    if (len == 0) {
      return null;
    }
    long maxEntries = Math.min(limits.setMaxIntsetEntries(), 1L << 30);
    SetValue s = len > maxEntries ? SetValue.newHashtable(presize(len)) : SetValue.newIntset();
    for (long i = 0; i < len; i++) {
      byte[] m = readString();
      if (!s.add(m, Long.MAX_VALUE)) {
        throw corrupt("Duplicate set members detected");
      }
    }
    return s;
  }

  private SetValue readIntset() throws IOException, RdbFormatException {
    byte[] data = readString();
    int n = data.length;
    long width = n >= 8 ? PackedCursor.u32le(data, 0) : 0;
    long count = n >= 8 ? PackedCursor.u32le(data, 4) : 0;
    if (n < 8 || (width != 2 && width != 4 && width != 8) || 8 + count * width != n || count == 0) {
      throw corrupt("Intset integrity check failed.");
    }
    int w = (int) width;
    byte[] members = Arrays.copyOfRange(data, 8, n);
    SetValue s = SetValue.fromIntset(members, w);
    long prev = 0;
    for (int i = 0; i < count; i++) {
      long cur = switch (w) {
        case 2 -> (short) PackedCursor.u16le(members, i * 2);
        case 4 -> (int) PackedCursor.u32le(members, i * 4);
        default -> PackedCursor.s64le(members, i * 8);
      };
      if (i > 0 && cur <= prev) {
        throw corrupt("Intset integrity check failed.");
      }
      prev = cur;
    }
    if (count > limits.setMaxIntsetEntries()) {
      s.convertToHashtableEncoding();
    }
    return s;
  }

  private ZSetValue readZSet(boolean binaryScores) throws IOException, RdbFormatException {
    long len = readLen();
    if (len == 0) {
      return null;
    }
    if (len <= limits.zsetMaxListpackEntries() && len <= SMALL_ZSET) {
      // likely to end compact: collect the pairs and build the listpack form in one go
      int n = (int) len;
      ensurePairs(n);
      long maxLen = 0;
      long total = 0;
      for (int i = 0; i < n; i++) {
        byte[] m = readString();
        double score = binaryScores ? Double.longBitsToDouble(readLongLE()) : readDoubleText();
        if (Double.isNaN(score)) {
          throw corrupt("Zset with NAN score detected");
        }
        maxLen = Math.max(maxLen, m.length);
        total += m.length;
        zMembers[i] = m;
        zScores[i] = score;
      }
      boolean compact = maxLen <= limits.zsetMaxListpackValue() && total <= LISTPACK_SAFETY_SIZE;
      return buildZSet(n, compact, "Duplicate zset fields detected");
    }
    ZSetValue z = ZSetValue.skiplist(random);
    long maxLen = 0;
    long total = 0;
    for (long i = 0; i < len; i++) {
      byte[] m = readString();
      double score = binaryScores ? Double.longBitsToDouble(readLongLE()) : readDoubleText();
      if (Double.isNaN(score)) {
        throw corrupt("Zset with NAN score detected");
      }
      maxLen = Math.max(maxLen, m.length);
      total += m.length;
      if (!Double.isNaN(z.score(m))) {
        throw corrupt("Duplicate zset fields detected");
      }
      z.insertNew(m, score, Long.MAX_VALUE, Long.MAX_VALUE);
    }
    if (z.size() <= limits.zsetMaxListpackEntries() && maxLen <= limits.zsetMaxListpackValue()
        && total <= LISTPACK_SAFETY_SIZE) {
      z.convertToListpack();
    }
    return z;
  }

  private void ensurePairs(int n) {
    if (zMembers.length < n) {
      int cap = Math.max(n, zMembers.length * 2);
      zMembers = new byte[cap][];
      zScores = new double[cap];
    }
  }

  /**
   * A sorted set from the {@code n} gathered pairs: the compact form when {@code compact},
   * else a skip list. Files hold the pairs in order (ascending in a listpack, descending in
   * ZSET_2); anything else goes through the skip list, which sorts. Duplicate members are
   * refused with {@code dupReason}.
   */
  private ZSetValue buildZSet(int n, boolean compact, String dupReason) throws RdbFormatException {
    byte[][] m = zMembers;
    double[] sc = zScores;
    int order = 0; // 1 ascending, -1 descending, 2 neither
    for (int i = 1; i < n && order != 2; i++) {
      int c = compare(sc[i - 1], m[i - 1], sc[i], m[i]);
      int dir = c < 0 ? 1 : c > 0 ? -1 : 2;
      order = order == 0 ? dir : order == dir ? order : 2;
    }
    try {
      if (order == 2) {
        ZSetValue z = ZSetValue.skiplist(random);
        for (int i = 0; i < n; i++) {
          if (!Double.isNaN(z.score(m[i]))) {
            throw corrupt(dupReason);
          }
          z.insertNew(m[i], sc[i], Long.MAX_VALUE, Long.MAX_VALUE);
        }
        if (compact) {
          z.convertToListpack();
        }
        return z;
      }
      if (order == -1) {
        for (int i = 0, j = n - 1; i < j; i++, j--) {
          byte[] t = m[i];
          m[i] = m[j];
          m[j] = t;
          double d = sc[i];
          sc[i] = sc[j];
          sc[j] = d;
        }
      }
      if (!memberIndex.distinct(m, n)) {
        throw corrupt(dupReason);
      }
      if (compact) {
        return ZSetValue.compactFromSorted(random, m, sc, n);
      }
      ZSetValue z = ZSetValue.skiplist(random);
      for (int i = 0; i < n; i++) {
        z.insertNew(m[i], sc[i], Long.MAX_VALUE, Long.MAX_VALUE);
      }
      return z;
    } finally {
      java.util.Arrays.fill(m, 0, n, null);
    }
  }

  /** Skip-list order: score, then member bytes (unsigned). */
  private static int compare(double s1, byte[] m1, double s2, byte[] m2) {
    if (s1 < s2) {
      return -1;
    }
    if (s1 > s2) {
      return 1;
    }
    return Arrays.compareUnsigned(m1, m2);
  }

  /** {@code rdbLoadDoubleValue}: a length byte (253 nan, 254 inf, 255 -inf) and the text. */
  private double readDoubleText() throws IOException, RdbFormatException {
    int len = readByte();
    switch (len) {
      case 255:
        return Double.NEGATIVE_INFINITY;
      case 254:
        return Double.POSITIVE_INFINITY;
      case 253:
        return Double.NaN;
      default:
        byte[] t = new byte[len];
        readFully(t, 0, len);
        return ScoreText.strtod(t, 0, len);
    }
  }

  /** Sorted sets in a ziplist (RDB 9 and older) or a listpack: member, score pairs. */
  private ZSetValue readPackedZSet(boolean isListpack) throws IOException, RdbFormatException {
    byte[] data = readString();
    String what = isListpack ? "Zset listpack integrity check failed." : "Zset ziplist integrity check failed.";
    PackedCursor c = isListpack ? listpack : ziplist;
    if (!c.open(data, 0, data.length)) {
      throw corrupt(what);
    }
    int n = 0;
    int r;
    while ((r = c.next()) == PackedCursor.ELEMENT) {
      byte[] m = c.copy();
      if (c.next() != PackedCursor.ELEMENT) {
        throw corrupt(what); // an odd number of entries, or corrupt
      }
      double score = c.isInt ? (double) c.intValue : ScoreText.strtod(c.buf, c.off, Math.min(c.len, 127));
      if (Double.isNaN(score)) {
        throw corrupt(what);
      }
      ensurePairs(n + 1);
      zMembers[n] = m;
      zScores[n] = score;
      n++;
    }
    if (r == PackedCursor.CORRUPT) {
      java.util.Arrays.fill(zMembers, 0, n, null);
      throw corrupt(what);
    }
    if (n == 0) {
      return null;
    }
    // Redis keeps a loaded listpack as it is unless it has too many entries (not looking at lengths)
    return buildZSet(n, n <= limits.zsetMaxListpackEntries(), what);
  }

  private HashValue readHash() throws IOException, RdbFormatException {
    long len = readLen();
    if (len == 0) {
      return null;
    }
    HashValue h = null;
    long maxValue = limits.hashMaxListpackValue();
    if (len > limits.hashMaxListpackEntries()) {
      h = HashValue.newHashtable(presize(len));
    } else {
      hashBuilder.reset();
    }
    long lpBytes = 0;
    for (long i = 0; i < len; i++) {
      byte[] f = readString();
      byte[] v = readString();
      if (h == null) {
        lpBytes += f.length + v.length;
        if (f.length > maxValue || v.length > maxValue || lpBytes > LISTPACK_SAFETY_SIZE) {
          h = hashBuilder.build();
          h.convertToHashtable();
        } else {
          if (!hashBuilder.add(f, 0, f.length, v, 0, v.length)) {
            throw corrupt("Duplicate hash fields detected");
          }
          continue;
        }
      }
      if (!h.set(f, v, Long.MAX_VALUE, Long.MAX_VALUE)) {
        throw corrupt("Duplicate hash fields detected");
      }
    }
    return h != null ? h : hashBuilder.build();
  }

  private HashValue readZipmapHash() throws IOException, RdbFormatException {
    byte[] data = readString();
    if (!zipmap.open(data, 0, data.length)) {
      throw corrupt("Zipmap integrity check failed.");
    }
    hashBuilder.reset();
    long maxLen = 0;
    long bytes = 0;
    int r;
    while ((r = zipmap.next()) == PackedCursor.ELEMENT) {
      int fOff = zipmap.off;
      int fLen = zipmap.len;
      if (zipmap.next() != PackedCursor.ELEMENT) {
        throw corrupt("Zipmap integrity check failed.");
      }
      maxLen = Math.max(maxLen, Math.max(fLen, zipmap.len));
      bytes += (long) fLen + zipmap.len;
      if (bytes > LISTPACK_SAFETY_SIZE || !hashBuilder.add(data, fOff, fLen, data, zipmap.off, zipmap.len)) {
        throw corrupt("Hash zipmap with dup elements, or big length (" + fLen + ")");
      }
    }
    if (r == PackedCursor.CORRUPT) {
      throw corrupt("Zipmap integrity check failed.");
    }
    HashValue h = hashBuilder.build();
    if (h.size() > limits.hashMaxListpackEntries() || maxLen > limits.hashMaxListpackValue()) {
      h.convertToHashtable();
    }
    return h;
  }

  /** Hashes in a ziplist (RDB 9 and older) or a listpack: field, value pairs. */
  private HashValue readPackedHash(boolean isListpack) throws IOException, RdbFormatException {
    byte[] data = readString();
    String what = isListpack ? "Hash listpack integrity check failed." : "Hash ziplist integrity check failed.";
    PackedCursor c = isListpack ? listpack : ziplist;
    if (!c.open(data, 0, data.length)) {
      throw corrupt(what);
    }
    hashBuilder.reset();
    int r;
    while ((r = c.next()) == PackedCursor.ELEMENT) {
      c.asSlice();
      byte[] fb = c.buf;
      int fo = c.off;
      int fl = c.len;
      if (fb != data) { // an integer field's text lives in the cursor's scratch: keep it apart
        System.arraycopy(fb, fo, fieldText, 0, fl);
        fb = fieldText;
        fo = 0;
      }
      if (c.next() != PackedCursor.ELEMENT) {
        throw corrupt(what);
      }
      c.asSlice();
      if (!hashBuilder.add(fb, fo, fl, c.buf, c.off, c.len)) {
        throw corrupt(what);
      }
    }
    if (r == PackedCursor.CORRUPT) {
      throw corrupt(what);
    }
    if (hashBuilder.size() == 0) {
      return null;
    }
    HashValue h = hashBuilder.build();
    if (h.size() > limits.hashMaxListpackEntries()) {
      h.convertToHashtable();
    }
    return h;
  }

  private static int presize(long len) {
    return (int) Math.min(len, PRESIZE_LIMIT);
  }

  // ---- primitives -----------------------------------------------------------------------

  /** {@code rdbLoadLen}: a plain length; an encoded-value marker is an error here. */
  long readLen() throws IOException, RdbFormatException {
    long len = readLenOrEncoding();
    if (lenEncoded) {
      throw corrupt("Unknown length encoding " + len + " in rdbLoadLen()");
    }
    return len;
  }

  /** A length, or (with {@link #lenEncoded} set) the 6-bit special encoding of a string. */
  private long readLenOrEncoding() throws IOException, RdbFormatException {
    lenEncoded = false;
    int b = readByte();
    int kind = (b & 0xC0) >>> 6;
    if (kind == 3) {
      lenEncoded = true;
      return b & 0x3f;
    } else if (kind == 0) {
      return b & 0x3f;
    } else if (kind == 1) {
      return ((b & 0x3f) << 8) | readByte();
    } else if (b == 0x80) {
      return readIntBE() & 0xffffffffL;
    } else if (b == 0x81) {
      long hi = readIntBE() & 0xffffffffL;
      long lo = readIntBE() & 0xffffffffL;
      long v = (hi << 32) | lo;
      if (v < 0) {
        throw corrupt("Length " + Long.toUnsignedString(v) + " out of range");
      }
      return v;
    }
    throw corrupt("Unknown length encoding " + kind + " in rdbLoadLen()");
  }

  /** {@code rdbGenericLoadStringObject} as plain bytes: raw, integer-encoded or LZF. */
  byte[] readString() throws IOException, RdbFormatException {
    long len = readLenOrEncoding();
    if (lenEncoded) {
      switch ((int) len) {
        case RdbWriter.ENC_INT8:
        case RdbWriter.ENC_INT16:
        case RdbWriter.ENC_INT32:
          return Numbers.toBytes(readEncodedInt((int) len)).clone();
        case RdbWriter.ENC_LZF:
          return readLzf();
        default:
          throw corrupt("Unknown RDB string encoding type " + len);
      }
    }
    if (len > Integer.MAX_VALUE - 16) {
      throw corrupt("String of " + len + " bytes is too long to load");
    }
    return readBytes((int) len);
  }

  private long readEncodedInt(int enc) throws IOException, RdbFormatException {
    switch (enc) {
      case RdbWriter.ENC_INT8:
        return (byte) readByte();
      case RdbWriter.ENC_INT16:
        return (short) (readByte() | readByte() << 8);
      case RdbWriter.ENC_INT32:
        return readIntLE();
      default:
        throw corrupt("Unknown RDB integer encoding type " + enc);
    }
  }

  private byte[] readLzf() throws IOException, RdbFormatException {
    long clen = readLen();
    long len = readLen();
    if (clen > Integer.MAX_VALUE - 16 || len > Integer.MAX_VALUE - 16
        || len > clen * LZF_MAX_RATIO + 64) {
      throw corrupt("Invalid LZF compressed string");
    }
    // the compressed bytes are read (or present) before the output is sized by the claimed length
    byte[] out;
    int got;
    if (clen <= limit - pos) { // decompress straight from the buffer
      out = new byte[(int) len];
      got = Lzf.decompress(buf, pos, (int) clen, out, 0, out.length);
      pos += (int) clen;
    } else {
      byte[] c = readBytes((int) clen);
      out = new byte[(int) len];
      got = Lzf.decompress(c, 0, c.length, out, 0, out.length);
    }
    if (got != len) {
      throw corrupt("Invalid LZF compressed string");
    }
    return out;
  }

  private int readIntLE() throws IOException, RdbFormatException {
    require(4);
    int p = pos;
    pos += 4;
    return (buf[p] & 0xff) | (buf[p + 1] & 0xff) << 8 | (buf[p + 2] & 0xff) << 16 | (buf[p + 3] & 0xff) << 24;
  }

  private int readIntBE() throws IOException, RdbFormatException {
    require(4);
    int p = pos;
    pos += 4;
    return (buf[p] & 0xff) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | (buf[p + 3] & 0xff);
  }

  private long readLongLE() throws IOException, RdbFormatException {
    require(8);
    long v = PackedCursor.s64le(buf, pos);
    pos += 8;
    return v;
  }

  int readByte() throws IOException, RdbFormatException {
    if (pos == limit) {
      require(1);
    }
    return buf[pos++] & 0xff;
  }

  private int peekByte() throws IOException, RdbFormatException {
    if (pos == limit) {
      require(1);
    }
    return buf[pos] & 0xff;
  }

  /** Exactly {@code n} bytes as a new array, allocated as they arrive when {@code n} is large. */
  private byte[] readBytes(int n) throws IOException, RdbFormatException {
    if (n <= limit - pos) {
      byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
      pos += n;
      return b;
    }
    if (in == null) {
      throw eof();
    }
    if (n <= EAGER_LIMIT) {
      byte[] b = new byte[n];
      readFully(b, 0, n);
      return b;
    }
    // A length from the file is a claim: grow towards it only as fast as bytes show up.
    byte[] b = new byte[EAGER_LIMIT];
    int have = 0;
    while (have < n) {
      if (have == b.length) {
        b = Arrays.copyOf(b, (int) Math.min(n, 2L * b.length));
      }
      int chunk = b.length - have;
      readFully(b, have, chunk);
      have += chunk;
    }
    return b;
  }

  /** Reads exactly {@code n} bytes into {@code b}, checksummed. */
  private void readFully(byte[] b, int off, int n) throws IOException, RdbFormatException {
    int avail = Math.min(n, limit - pos);
    System.arraycopy(buf, pos, b, off, avail);
    pos += avail;
    if (avail == n) {
      return;
    }
    if (in == null) {
      throw eof();
    }
    flushCrc();
    int got = avail;
    while (got < n) {
      int r = in.read(b, off + got, n - got);
      if (r < 0) {
        crc = Crc64.update(crc, b, off + avail, got - avail);
        discarded += got - avail;
        throw eof();
      }
      got += r;
    }
    crc = Crc64.update(crc, b, off + avail, n - avail);
    discarded += n - avail;
  }

  /** Like {@link #readFully} but outside the checksum (the trailer). */
  private void readRaw(byte[] b, int off, int n) throws IOException, RdbFormatException {
    flushCrc();
    long before = crc;
    readFully(b, off, n);
    crc = before;
  }

  /** Makes at least {@code n} (small) bytes available at {@code pos}. */
  private void require(int n) throws IOException, RdbFormatException {
    if (limit - pos >= n) {
      return;
    }
    if (in == null) {
      throw eof();
    }
    flushCrc();
    int remaining = limit - pos;
    System.arraycopy(buf, pos, buf, 0, remaining);
    discarded += pos;
    pos = 0;
    crcFrom = 0;
    limit = remaining;
    while (limit < n) {
      int r = in.read(buf, limit, buf.length - limit);
      if (r < 0) {
        throw eof();
      }
      limit += r;
    }
  }

  private void flushCrc() {
    if (pos > crcFrom) {
      crc = Crc64.update(crc, buf, crcFrom, pos - crcFrom);
    }
    crcFrom = pos;
  }

  private RdbFormatException eof() {
    return new RdbFormatException(bytesRead(), "Unexpected EOF reading RDB file");
  }

  private RdbFormatException corrupt(String reason) {
    return new RdbFormatException(bytesRead(), reason);
  }

  private static int atoi(byte[] b, int off, int len) {
    int v = 0;
    for (int i = off; i < off + len && b[i] >= '0' && b[i] <= '9'; i++) {
      v = v * 10 + (b[i] - '0');
    }
    return v;
  }

  /** A key for a log line or an error: printable ASCII kept, other bytes as \xNN, cut at 128. */
  static String printable(byte[] key) {
    if (key == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length && i < 128; i++) {
      int c = key[i] & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
        sb.append((char) c);
      } else {
        sb.append(String.format("\\x%02x", c));
      }
    }
    if (key.length > 128) {
      sb.append("...");
    }
    return sb.toString();
  }
}
