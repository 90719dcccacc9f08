package io.haredis.core.digest;

import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.type.ListValue;
import io.haredis.core.type.HashValue;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.SetValue;
import io.haredis.core.type.StringValue;
import io.haredis.core.type.ValueType;
import io.haredis.core.type.ZSetValue;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.Map;

/**
 * The dataset digest of DEBUG DIGEST and DEBUG DIGEST-VALUE, bit for bit the one Redis 7.0
 * computes ({@code computeDatasetDigest} and {@code xorObjectDigest} in debug.c), so a replica,
 * an RDB round trip or a differential test can compare datasets across our nodes and real
 * {@code redis-server}s by one 40-hex string.
 *
 * <h2>The two mixing operations</h2>
 * A digest is 20 bytes. {@link Mixer#xor} XORs SHA-1(data) into it: XOR is commutative, so
 * {@code xor} adds unordered members (keys of a database, set members, hash fields) whatever
 * order they are visited in. {@link Mixer#mix} does the same XOR and then replaces the digest
 * with SHA-1(digest), so the order of successive {@code mix} calls matters (list elements,
 * and the parts of one key: name, type, value).
 *
 * <h2>Layout</h2>
 * For each non-empty database {@code j}: {@code mix(final, big-endian int32 j)}; then for each
 * key, a fresh zero digest gets {@code mix(key)}, {@code mix(big-endian int32 type code)}, the
 * value's own contribution (a {@link ValueDigester}), and, if the key has a TTL, {@code
 * xor("!!expire!!")} (the TTL's value does not count); then {@code xor(final, keyDigest)},
 * which (like every {@code xor}) XORs the SHA-1 of the key digest, not the digest itself. Keys that have logically expired but are still stored count, as in Redis. An
 * empty dataset gives 20 zero bytes.
 *
 * <h2>Adding a type</h2>
 * Each value type contributes through a {@link ValueDigester} registered in {@link #DIGESTERS}.
 * Redis's rules per type, for whoever adds them: a list mixes each element head to tail; a set
 * XORs each member; a hash {@code xor}s, per field, a fresh digest that mixed the field then the
 * value (so SHA-1 of that element digest is XORed in); a sorted set likewise {@code xor}s, per
 * member, a fresh digest that mixed the member then its score formatted by {@link #formatScore}
 * (C's {@code %.17g}); a stream mixes {@code "<ms>.<seq>"} per entry
 * ID, then each field and value. Integers inside containers count by their decimal text.
 * {@link Mixer#mix}, {@link Mixer#xor} and {@link Mixer#xorPair} are the building blocks;
 * DigestBuildingBlocksTest pins them against digests taken from redis-server 7.0 for a hash, a
 * set, a list and a sorted set.
 *
 * <p>Runs on the node's loop; not thread-safe (each call makes its own {@link Mixer}).
 */
public final class DatasetDigest {

  /** One value type's contribution to its key's digest. */
  @FunctionalInterface
  public interface ValueDigester {
    /** Mixes or XORs {@code value}'s content into {@code keyDigest} with {@code m}. */
    void digest(Mixer m, byte[] keyDigest, RedisValue value);
  }

  private static final byte[] EXPIRE_MARK = "!!expire!!".getBytes(StandardCharsets.US_ASCII);

  private static final Map<ValueType, ValueDigester> DIGESTERS = new EnumMap<>(ValueType.class);

  static {
    DIGESTERS.put(ValueType.STRING, DatasetDigest::stringDigest);
    DIGESTERS.put(ValueType.LIST, DatasetDigest::listDigest);
    DIGESTERS.put(ValueType.HASH, DatasetDigest::hashDigest);
    DIGESTERS.put(ValueType.SET, DatasetDigest::setDigest);
    DIGESTERS.put(ValueType.ZSET, DatasetDigest::zsetDigest);
  }

  private DatasetDigest() {}

  /** DEBUG DIGEST: the digest of every database of {@code keyspace}. */
  public static byte[] dataset(Keyspace keyspace) {
    Mixer m = new Mixer();
    byte[] fin = new byte[20];
    byte[] keyDigest = new byte[20];
    for (int j = 0; j < keyspace.databases(); j++) {
      Database db = keyspace.db(j);
      if (db.size() == 0) {
        continue;
      }
      m.mix(fin, int32(j));
      db.dict().forEach(e -> addKey(m, fin, keyDigest, e));
    }
    return fin;
  }

  /**
   * XORs one key's contribution (name, value, TTL) into {@code acc}, as DEBUG DIGEST does for
   * every key after mixing in its database's index; {@code scratch} is 20 bytes of workspace.
   * Contributions commute, so a database's keys may be added in any order.
   */
  public static void addKey(Mixer m, byte[] acc, byte[] scratch, Entry e) {
    java.util.Arrays.fill(scratch, (byte) 0);
    byte[] k = e.key();
    m.mix(scratch, k, 0, k.length);
    entryValue(m, scratch, e);
    m.xor(acc, scratch, 0, 20); // Redis xorDigest()s the key digest: SHA-1 of it, XORed
  }

  /**
   * DEBUG DIGEST-VALUE for one key: the value's digest (type, content, TTL marker), without the
   * key name; 20 zero bytes when {@code e} is null (no such key).
   */
  public static byte[] value(Entry e) {
    byte[] d = new byte[20];
    if (e != null) {
      entryValue(new Mixer(), d, e);
    }
    return d;
  }

  /** Lower-case hex, as DEBUG prints digests. */
  public static String hex(byte[] digest) {
    StringBuilder sb = new StringBuilder(digest.length * 2);
    for (byte b : digest) {
      sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }
    return sb.toString();
  }

  private static void entryValue(Mixer m, byte[] d, Entry e) {
    RedisValue v = e.value();
    m.mix(d, int32(v.type().code()));
    ValueDigester dg = DIGESTERS.get(v.type());
    if (dg == null) {
      throw new IllegalStateException("no digest defined for type " + v.type().redisName());
    }
    dg.digest(m, d, v);
    if (e.expireAt() >= 0) {
      m.xor(d, EXPIRE_MARK, 0, EXPIRE_MARK.length);
    }
  }

  private static void stringDigest(Mixer m, byte[] d, RedisValue v) {
    StringValue s = (StringValue) v;
    if (s.isInt()) {
      byte[] text = s.toBytes(); // an int-encoded string counts by its decimal text
      m.mix(d, text, 0, text.length);
    } else {
      m.mix(d, s.array(), 0, s.length());
    }
  }

  /**
   * A list mixes each element head to tail. Redis keeps integer-looking elements of a quicklist
   * as integers and mixes their decimal text, which is the element's own bytes (only canonical
   * integer text is stored as an integer), so the raw bytes are mixed.
   */
  private static void listDigest(Mixer m, byte[] d, RedisValue v) {
    ListValue l = (ListValue) v;
    for (int i = 0, n = l.size(); i < n; i++) {
      byte[] e = l.get(i);
      m.mix(d, e, 0, e.length);
    }
  }

  /** A hash: per field, a fresh digest mixes the field then the value, and is XORed in. */
  private static void hashDigest(Mixer m, byte[] d, RedisValue v) {
    ((HashValue) v).forEach((f, fo, fl, val, vo, vl) -> m.xorPair(d, f, fo, fl, val, vo, vl));
  }

  /** A set XORs each member's bytes (intset members by their decimal text), so order is irrelevant. */
  private static void setDigest(Mixer m, byte[] d, RedisValue v) {
    ((SetValue) v).forEach(member -> m.xor(d, member, 0, member.length));
  }

  /** A sorted set: per member, a fresh digest mixes the member then its score as %.17g, XORed in. */
  private static void zsetDigest(Mixer m, byte[] d, RedisValue v) {
    ZSetValue z = (ZSetValue) v;
    z.walk(0, false, (member, score) -> {
      byte[] s = formatScore(score).getBytes(StandardCharsets.US_ASCII);
      m.xorPair(d, member, 0, member.length, s, 0, s.length);
      return true;
    });
  }

  /** The 4 bytes Redis mixes for a database index or a type code (big-endian). */
  public static byte[] int32(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  /**
   * A double as C's {@code printf("%.17g")} prints it (sorted-set scores in the digest):
   * 17 significant digits, plain notation for exponents -4..16, else {@code d.ddde+XX}, trailing
   * zeros dropped; {@code inf}, {@code -inf}, {@code nan}.
   */
  public static String formatScore(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    // new BigDecimal(double) is the exact binary value; glibc rounds that exact value half-even.
    BigDecimal r = new BigDecimal(v).round(new MathContext(17, RoundingMode.HALF_EVEN));
    int exp = r.precision() - r.scale() - 1; // decimal exponent of the rounded value
    if (exp < -4 || exp >= 17) {
      BigDecimal mant = r.movePointLeft(exp);
      String m = stripZeros(mant.setScale(16, RoundingMode.UNNECESSARY).toPlainString());
      String es = Integer.toString(Math.abs(exp));
      return m + (exp < 0 ? "e-" : "e+") + (es.length() < 2 ? "0" + es : es);
    }
    return stripZeros(r.setScale(Math.max(0, 16 - exp), RoundingMode.UNNECESSARY).toPlainString());
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }

  /** SHA-1 mixing operations on 20-byte digests (Redis's {@code xorDigest}/{@code mixDigest}). */
  public static final class Mixer {
    private final MessageDigest sha1;

    public Mixer() {
      try {
        sha1 = MessageDigest.getInstance("SHA-1");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-1 is required by every Java platform", e);
      }
    }

    /** {@code digest ^= SHA1(data)}: order-insensitive accumulation. */
    public void xor(byte[] digest, byte[] data, int off, int len) {
      sha1.update(data, off, len);
      xorInto(digest, sha1.digest());
    }

    /** {@code digest = SHA1(digest ^ SHA1(data))}: order-sensitive accumulation. */
    public void mix(byte[] digest, byte[] data, int off, int len) {
      xor(digest, data, off, len);
      sha1.update(digest, 0, 20);
      byte[] h = sha1.digest();
      System.arraycopy(h, 0, digest, 0, 20);
    }

    public void mix(byte[] digest, byte[] data) {
      mix(digest, data, 0, data.length);
    }

    /**
     * Adds one unordered pair (a hash field and its value, a sorted-set member and its
     * {@link #formatScore score}): a fresh digest mixes {@code a} then {@code b} and is then
     * {@link #xor}ed into {@code digest}, as Redis does per hash field and per zset member.
     */
    public void xorPair(byte[] digest, byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
      byte[] element = new byte[20];
      mix(element, a, aOff, aLen);
      mix(element, b, bOff, bLen);
      xor(digest, element, 0, 20);
    }

    /**
     * XORs {@code other} itself (no hashing) into {@code digest}. Private on purpose: Redis
     * always hashes what it XORs, element digests included (use {@link #xor}).
     */
    private static void xorInto(byte[] digest, byte[] other) {
      for (int i = 0; i < 20; i++) {
        digest[i] ^= other[i];
      }
    }
  }
}
