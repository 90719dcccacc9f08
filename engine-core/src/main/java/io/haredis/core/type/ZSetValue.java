package io.haredis.core.type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;

/**
 * A sorted set. Small sets are kept compact, as Redis keeps them in a listpack: one byte array
 * of entries sorted by (score, member), each entry a varint member length, the member bytes and
 * the score: tag 1 plus a zigzag varint for an integral score of magnitude below 2^53 (most
 * scores take 2 bytes), else tag 0 plus the 8 big-endian IEEE bytes. No slack. Past {@code zset-max-listpack-entries}
 * elements or a member longer than {@code zset-max-listpack-value} bytes the set converts, for
 * good, to a {@link ZSkipList} (skip list plus member table), as Redis converts to its
 * {@code skiplist} encoding.
 *
 * <p>Ranks are 0-based here. Scores are never NaN, so {@link #score} returns NaN for "absent".
 * Members handed out are copies in the compact form and the stored arrays in the skip list:
 * callers must not modify them either way.
 */
public final class ZSetValue implements RedisValue {

  /** Receives elements in iteration order; returns false to stop. */
  public interface Visitor {
    boolean visit(byte[] member, double score);
  }

  private static final byte[] EMPTY = new byte[0];
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final Random random;
  // compact form (zsl == null): packed entries, exactly sized
  private byte[] lp;
  private int size;
  // large form
  private ZSkipList zsl;

  private ZSetValue(Random random) {
    this.random = random;
  }

  /** An empty compact set. */
  public static ZSetValue compact(Random random) {
    ZSetValue z = new ZSetValue(random);
    z.lp = EMPTY;
    return z;
  }

  /** An empty skip-list set. */
  public static ZSetValue skiplist(Random random) {
    ZSetValue z = new ZSetValue(random);
    z.zsl = new ZSkipList(random);
    return z;
  }

  /** Compact when {@code count} elements of at most {@code maxLen} bytes fit the thresholds. */
  public static ZSetValue forSize(Random random, long count, long maxLen, long maxEntries, long maxValue) {
    return count <= maxEntries && maxLen <= maxValue ? compact(random) : skiplist(random);
  }

  @Override
  public ValueType type() {
    return ValueType.ZSET;
  }

  @Override
  public String encoding() {
    return zsl == null ? "listpack" : "skiplist";
  }

  public boolean isCompact() {
    return zsl == null;
  }

  public int size() {
    return zsl == null ? size : zsl.length();
  }

  @Override
  public ZSetValue copy() {
    if (zsl == null) {
      ZSetValue z = new ZSetValue(random);
      z.lp = lp.length == 0 ? EMPTY : lp.clone();
      z.size = size;
      return z;
    }
    ZSetValue z = skiplist(random);
    for (ZSkipList.Node n = zsl.first(); n != null; n = n.next()) {
      z.zsl.insert(n.score(), n.member());
    }
    return z;
  }

  /** Switches to the skip-list form (no-op if already there). */
  public void convertToSkiplist() {
    if (zsl != null) {
      return;
    }
    ZSkipList l = new ZSkipList(random);
    for (int p = 0; p < lp.length; p = next(p)) {
      l.insert(scoreAt(lp, p), member(p));
    }
    zsl = l;
    lp = null;
    size = 0;
  }

  /**
   * Switches a skip-list set to the compact form (no-op if already compact): the RDB loader
   * reads an unordered ZSET into the skip list and then, as Redis's {@code rdbLoadObject} does,
   * converts it when it is small enough. The compact form keeps -0 as 0, as a listpack does.
   */
  public void convertToListpack() {
    if (zsl == null) {
      return;
    }
    long total = 0;
    for (ZSkipList.Node n = zsl.first(); n != null; n = n.next()) {
      total += varSize(n.member().length) + n.member().length + scoreSize(n.score() + 0.0);
    }
    if (total > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("sorted set too large for the compact form");
    }
    byte[] a = total == 0 ? EMPTY : new byte[(int) total];
    int q = 0;
    for (ZSkipList.Node n = zsl.first(); n != null; n = n.next()) {
      byte[] m = n.member();
      q = writeLen(a, q, m.length);
      System.arraycopy(m, 0, a, q, m.length);
      q = writeScore(a, q + m.length, n.score() + 0.0);
    }
    size = zsl.length();
    lp = a;
    zsl = null;
  }

  // ---- packed entries -------------------------------------------------------------------

  private static int readLen(byte[] a, int p) {
    int v = 0;
    int shift = 0;
    while (true) {
      int b = a[p++];
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
    }
  }

  private static int varSize(int v) {
    int n = 1;
    while (v >= 0x80) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private static int writeLen(byte[] a, int p, int v) {
    while (v >= 0x80) {
      a[p++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    a[p++] = (byte) v;
    return p;
  }

  /** Start of the member bytes of the entry at {@code p}. */
  private int memberStart(int p) {
    return p + varSize(readLen(lp, p));
  }

  private int next(int p) {
    int len = readLen(lp, p);
    int q = p + varSize(len) + len;
    if (lp[q] == 0) {
      return q + 9;
    }
    q++;
    while ((lp[q++] & 0x80) != 0) {
      // skip the varint
    }
    return q;
  }

  /** Score of the entry at {@code p}. */
  private static double scoreAt(byte[] a, int p) {
    int len = readLen(a, p);
    int q = p + varSize(len) + len;
    if (a[q] == 0) {
      return Double.longBitsToDouble((long) LONGS.get(a, q + 1));
    }
    q++;
    long v = 0;
    int shift = 0;
    while (true) {
      int b = a[q++];
      v |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
      shift += 7;
    }
    return (double) ((v >>> 1) ^ -(v & 1));
  }

  private static final double INT_LIMIT = 9007199254740992.0; // 2^53

  private static boolean smallIntegral(double score) {
    return score == Math.rint(score) && Math.abs(score) < INT_LIMIT && Double.doubleToRawLongBits(score) != Long.MIN_VALUE;
  }

  private static long zigzag(double score) {
    long v = (long) score;
    return (v << 1) ^ (v >> 63);
  }

  private static int scoreSize(double score) {
    if (!smallIntegral(score)) {
      return 9;
    }
    long z = zigzag(score);
    int n = 2;
    while ((z >>> 7) != 0) {
      z >>>= 7;
      n++;
    }
    return n;
  }

  private static int writeScore(byte[] a, int q, double score) {
    if (!smallIntegral(score)) {
      a[q] = 0;
      LONGS.set(a, q + 1, Double.doubleToRawLongBits(score));
      return q + 9;
    }
    a[q++] = 1;
    long z = zigzag(score);
    while ((z & ~0x7fL) != 0) {
      a[q++] = (byte) ((z & 0x7f) | 0x80);
      z >>>= 7;
    }
    a[q++] = (byte) z;
    return q;
  }

  private byte[] member(int p) {
    int len = readLen(lp, p);
    int ms = p + varSize(len);
    return Arrays.copyOfRange(lp, ms, ms + len);
  }

  private boolean memberEquals(int p, byte[] b, int off, int len) {
    int l = readLen(lp, p);
    if (l != len) {
      return false;
    }
    int ms = p + varSize(l);
    return Arrays.equals(lp, ms, ms + l, b, off, off + len);
  }

  /** Byte offset of entry {@code index}. */
  private int offsetOf(int index) {
    int p = 0;
    for (int i = 0; i < index; i++) {
      p = next(p);
    }
    return p;
  }

  /** Offset of {@code member}'s entry, or -1; {@code rankOut[0]} gets its index. */
  private int find(byte[] b, int off, int len, int[] rankOut) {
    int i = 0;
    for (int p = 0; p < lp.length; p = next(p), i++) {
      if (memberEquals(p, b, off, len)) {
        if (rankOut != null) {
          rankOut[0] = i;
        }
        return p;
      }
    }
    return -1;
  }

  private void cut(int from, int to) {
    byte[] n = new byte[lp.length - (to - from)];
    System.arraycopy(lp, 0, n, 0, from);
    System.arraycopy(lp, to, n, from, lp.length - to);
    lp = n.length == 0 ? EMPTY : n;
  }

  private void insertPacked(byte[] member, double score) {
    int p = 0;
    while (p < lp.length) {
      double s = scoreAt(lp, p);
      if (s > score) {
        break;
      }
      if (s == score) {
        int l = readLen(lp, p);
        int ms = p + varSize(l);
        if (Arrays.compareUnsigned(lp, ms, ms + l, member, 0, member.length) > 0) {
          break;
        }
      }
      p = next(p);
    }
    int add = varSize(member.length) + member.length + scoreSize(score);
    byte[] n = new byte[lp.length + add];
    System.arraycopy(lp, 0, n, 0, p);
    int q = writeLen(n, p, member.length);
    System.arraycopy(member, 0, n, q, member.length);
    writeScore(n, q + member.length, score);
    System.arraycopy(lp, p, n, p + add, lp.length - p);
    lp = n;
    size++;
  }

  // ---- lookups --------------------------------------------------------------------------

  /** The score of a member, or NaN when absent. */
  public double score(byte[] b, int off, int len) {
    if (zsl == null) {
      int p = find(b, off, len, null);
      return p < 0 ? Double.NaN : scoreAt(lp, p);
    }
    ZSkipList.Node n = zsl.find(b, off, len);
    return n == null ? Double.NaN : n.score();
  }

  public double score(byte[] member) {
    return score(member, 0, member.length);
  }

  /** 0-based rank from the lowest element, or -1 when absent. */
  public long rank(byte[] b, int off, int len) {
    if (zsl == null) {
      int[] rank = new int[1];
      return find(b, off, len, rank) < 0 ? -1 : rank[0];
    }
    ZSkipList.Node n = zsl.find(b, off, len);
    return n == null ? -1 : zsl.rank(n) - 1;
  }

  public byte[] memberAt(int rank) {
    return zsl == null ? member(offsetOf(rank)) : zsl.byRank(rank + 1L).member();
  }

  public double scoreAt(int rank) {
    return zsl == null ? scoreAt(lp, offsetOf(rank)) : zsl.byRank(rank + 1L).score();
  }

  // ---- changes --------------------------------------------------------------------------

  /**
   * Adds a member known to be absent, converting to the skip list first when the set would pass
   * {@code maxEntries} elements or the member is longer than {@code maxValue} bytes (Redis's
   * zsetAdd rule). Takes ownership of {@code member}.
   */
  public void insertNew(byte[] member, double score, long maxEntries, long maxValue) {
    if (zsl == null && (size + 1L > maxEntries || member.length > maxValue)) {
      convertToSkiplist();
    }
    if (zsl != null) {
      zsl.insert(score, member);
      return;
    }
    insertPacked(member, score + 0.0); // a listpack keeps -0 as the integer 0
  }

  /** Changes the score of a present member. */
  public void setScore(byte[] b, int off, int len, double newScore) {
    if (zsl == null) {
      int p = find(b, off, len, null);
      byte[] m = member(p);
      cut(p, next(p));
      size--;
      insertPacked(m, newScore + 0.0); // a listpack keeps -0 as the integer 0
      return;
    }
    zsl.updateScore(zsl.find(b, off, len), newScore);
  }

  /** Removes a member; whether it was present. */
  public boolean remove(byte[] b, int off, int len) {
    if (zsl == null) {
      int p = find(b, off, len, null);
      if (p < 0) {
        return false;
      }
      cut(p, next(p));
      size--;
      return true;
    }
    ZSkipList.Node n = zsl.find(b, off, len);
    if (n == null) {
      return false;
    }
    zsl.delete(n);
    return true;
  }

  /** Removes the elements of 0-based ranks {@code start..end} (inclusive, valid). */
  public void removeRange(int start, int end) {
    int count = end - start + 1;
    if (zsl == null) {
      int from = offsetOf(start);
      int to = from;
      for (int i = 0; i < count; i++) {
        to = next(to);
      }
      cut(from, to);
      size -= count;
      return;
    }
    ZSkipList.Node n = zsl.byRank(start + 1L);
    for (int i = 0; i < count; i++) {
      ZSkipList.Node next = n.next();
      zsl.delete(n);
      n = next;
    }
  }

  // ---- iteration and ranges ---------------------------------------------------------------

  /**
   * Visits elements from 0-based rank {@code rank} towards higher ranks, or towards lower
   * ranks when {@code reverse}, until the set ends or the visitor returns false.
   */
  public void walk(int rank, boolean reverse, Visitor v) {
    if (rank < 0 || rank >= size()) {
      return;
    }
    if (zsl == null) {
      if (reverse) {
        int[] offs = offsets();
        for (int i = rank; i >= 0; i--) {
          if (!v.visit(member(offs[i]), scoreAt(lp, offs[i]))) {
            return;
          }
        }
      } else {
        for (int p = offsetOf(rank); p < lp.length; p = next(p)) {
          if (!v.visit(member(p), scoreAt(lp, p))) {
            return;
          }
        }
      }
      return;
    }
    for (ZSkipList.Node n = zsl.byRank(rank + 1L); n != null; n = reverse ? n.prev() : n.next()) {
      if (!v.visit(n.member(), n.score())) {
        return;
      }
    }
  }

  private int[] offsets() {
    int[] o = new int[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      o[i] = p;
      p = next(p);
    }
    return o;
  }

  private double[] packedScores() {
    double[] s = new double[size];
    int p = 0;
    for (int i = 0; i < size; i++) {
      s[i] = scoreAt(lp, p);
      p = next(p);
    }
    return s;
  }

  private byte[][] packedMembers() {
    byte[][] m = new byte[size][];
    int p = 0;
    for (int i = 0; i < size; i++) {
      m[i] = member(p);
      p = next(p);
    }
    return m;
  }

  /** Rank of the lowest element inside {@code r}, or -1. */
  public int firstInRange(ZRange.Score r) {
    if (zsl != null) {
      ZSkipList.Node n = zsl.firstInRange(r);
      return n == null ? -1 : (int) zsl.rank(n) - 1;
    }
    double[] scores = packedScores();
    if (!r.nonEmpty() || size == 0 || !r.gteMin(scores[size - 1]) || !r.lteMax(scores[0])) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (r.gteMin(scores[i])) {
        return r.lteMax(scores[i]) ? i : -1;
      }
    }
    return -1;
  }

  /** Rank of the highest element inside {@code r}, or -1. */
  public int lastInRange(ZRange.Score r) {
    if (zsl != null) {
      ZSkipList.Node n = zsl.lastInRange(r);
      return n == null ? -1 : (int) zsl.rank(n) - 1;
    }
    double[] scores = packedScores();
    if (!r.nonEmpty() || size == 0 || !r.gteMin(scores[size - 1]) || !r.lteMax(scores[0])) {
      return -1;
    }
    for (int i = size - 1; i >= 0; i--) {
      if (r.lteMax(scores[i])) {
        return r.gteMin(scores[i]) ? i : -1;
      }
    }
    return -1;
  }

  /** Rank of the first element inside {@code r} (members compared as bytes), or -1. */
  public int firstInRange(ZRange.Lex r) {
    if (zsl != null) {
      ZSkipList.Node n = zsl.firstInRange(r);
      return n == null ? -1 : (int) zsl.rank(n) - 1;
    }
    byte[][] members = packedMembers();
    if (!r.nonEmpty() || size == 0 || !r.gteMin(members[size - 1]) || !r.lteMax(members[0])) {
      return -1;
    }
    for (int i = 0; i < size; i++) {
      if (r.gteMin(members[i])) {
        return r.lteMax(members[i]) ? i : -1;
      }
    }
    return -1;
  }

  /** Rank of the last element inside {@code r}, or -1. */
  public int lastInRange(ZRange.Lex r) {
    if (zsl != null) {
      ZSkipList.Node n = zsl.lastInRange(r);
      return n == null ? -1 : (int) zsl.rank(n) - 1;
    }
    byte[][] members = packedMembers();
    if (!r.nonEmpty() || size == 0 || !r.gteMin(members[size - 1]) || !r.lteMax(members[0])) {
      return -1;
    }
    for (int i = size - 1; i >= 0; i--) {
      if (r.lteMax(members[i])) {
        return r.gteMin(members[i]) ? i : -1;
      }
    }
    return -1;
  }

  /**
   * One ZSCAN step over the skip-list form's member table (see {@link ZSkipList#scan}); the
   * compact form has no cursor (callers return everything at once).
   */
  public long scan(long cursor, ZSkipList.Visitor v) {
    return zsl.scan(cursor, v);
  }

  /** Structural self-check for tests. */
  public boolean checkInvariants() {
    if (zsl != null) {
      return zsl.checkInvariants();
    }
    int n = 0;
    double prevScore = 0;
    byte[] prev = null;
    for (int p = 0; p < lp.length; p = next(p)) {
      double s = scoreAt(lp, p);
      byte[] m = member(p);
      if (prev != null && (prevScore > s || (prevScore == s && Arrays.compareUnsigned(prev, m) >= 0))) {
        return false;
      }
      prev = m;
      prevScore = s;
      n++;
    }
    return n == size;
  }
}
