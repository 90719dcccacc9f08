package io.haredis.core.type;

import java.util.Arrays;
import java.util.Random;

/**
 * A sorted set. Small sets are kept compact, as Redis keeps them in a listpack: two parallel
 * arrays (members and scores) sorted by (score, member). Past {@code zset-max-listpack-entries}
 * elements or a member longer than {@code zset-max-listpack-value} bytes the set converts, for
 * good, to a {@link ZSkipList} (skip list plus member table), as Redis converts to its
 * {@code skiplist} encoding.
 *
 * <p>Ranks are 0-based here. Scores are never NaN, so {@link #score} returns NaN for "absent".
 * Members handed out are the stored arrays: callers must not modify them.
 */
public final class ZSetValue implements RedisValue {

  /** Receives elements in iteration order; returns false to stop. */
  public interface Visitor {
    boolean visit(byte[] member, double score);
  }

  private final Random random;
  // compact form (zsl == null)
  private byte[][] members;
  private double[] scores;
  private int size;
  // large form
  private ZSkipList zsl;

  private ZSetValue(Random random) {
    this.random = random;
  }

  /** An empty compact set. */
  public static ZSetValue compact(Random random) {
    ZSetValue z = new ZSetValue(random);
    z.members = new byte[4][];
    z.scores = new double[4];
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
      z.members = Arrays.copyOf(members, Math.max(4, size));
      z.scores = Arrays.copyOf(scores, Math.max(4, size));
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
    for (int i = 0; i < size; i++) {
      l.insert(scores[i], members[i]);
    }
    zsl = l;
    members = null;
    scores = null;
    size = 0;
  }

  // ---- lookups --------------------------------------------------------------------------

  private int indexOf(byte[] b, int off, int len) {
    for (int i = 0; i < size; i++) {
      byte[] m = members[i];
      if (m.length == len && Arrays.equals(m, 0, len, b, off, off + len)) {
        return i;
      }
    }
    return -1;
  }

  /** The score of a member, or NaN when absent. */
  public double score(byte[] b, int off, int len) {
    if (zsl == null) {
      int i = indexOf(b, off, len);
      return i < 0 ? Double.NaN : scores[i];
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
      int i = indexOf(b, off, len);
      if (i < 0) {
        return -1;
      }
      return i;
    }
    ZSkipList.Node n = zsl.find(b, off, len);
    return n == null ? -1 : zsl.rank(n) - 1;
  }

  public byte[] memberAt(int rank) {
    return zsl == null ? members[rank] : zsl.byRank(rank + 1L).member();
  }

  public double scoreAt(int rank) {
    return zsl == null ? scores[rank] : zsl.byRank(rank + 1L).score();
  }

  // ---- changes --------------------------------------------------------------------------

  private static int compare(double s1, byte[] e1, double s2, byte[] e2) {
    if (s1 < s2) {
      return -1;
    }
    if (s1 > s2) {
      return 1;
    }
    return Arrays.compareUnsigned(e1, e2);
  }

  private int insertPos(double score, byte[] member) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compare(scores[mid], members[mid], score, member) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

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
    score = score + 0.0; // a listpack keeps -0 as the integer 0
    int pos = insertPos(score, member);
    if (size == members.length) {
      int cap = size + (size >> 1) + 1;
      members = Arrays.copyOf(members, cap);
      scores = Arrays.copyOf(scores, cap);
    }
    System.arraycopy(members, pos, members, pos + 1, size - pos);
    System.arraycopy(scores, pos, scores, pos + 1, size - pos);
    members[pos] = member;
    scores[pos] = score;
    size++;
  }

  /** Changes the score of a present member. */
  public void setScore(byte[] b, int off, int len, double newScore) {
    if (zsl == null) {
      int i = indexOf(b, off, len);
      byte[] m = members[i];
      newScore = newScore + 0.0; // a listpack keeps -0 as the integer 0
      removeAt(i);
      int pos = insertPos(newScore, m);
      System.arraycopy(members, pos, members, pos + 1, size - pos);
      System.arraycopy(scores, pos, scores, pos + 1, size - pos);
      members[pos] = m;
      scores[pos] = newScore;
      size++;
      return;
    }
    zsl.updateScore(zsl.find(b, off, len), newScore);
  }

  private void removeAt(int i) {
    System.arraycopy(members, i + 1, members, i, size - i - 1);
    System.arraycopy(scores, i + 1, scores, i, size - i - 1);
    size--;
    members[size] = null;
  }

  /** Removes a member; whether it was present. */
  public boolean remove(byte[] b, int off, int len) {
    if (zsl == null) {
      int i = indexOf(b, off, len);
      if (i < 0) {
        return false;
      }
      removeAt(i);
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
      System.arraycopy(members, end + 1, members, start, size - end - 1);
      System.arraycopy(scores, end + 1, scores, start, size - end - 1);
      Arrays.fill(members, size - count, size, null);
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
        for (int i = rank; i >= 0; i--) {
          if (!v.visit(members[i], scores[i])) {
            return;
          }
        }
      } else {
        for (int i = rank; i < size; i++) {
          if (!v.visit(members[i], scores[i])) {
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

  /** Rank of the lowest element inside {@code r}, or -1. */
  public int firstInRange(ZRange.Score r) {
    if (zsl != null) {
      ZSkipList.Node n = zsl.firstInRange(r);
      return n == null ? -1 : (int) zsl.rank(n) - 1;
    }
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
    for (int i = 1; i < size; i++) {
      if (compare(scores[i - 1], members[i - 1], scores[i], members[i]) >= 0) {
        return false;
      }
    }
    return true;
  }
}
