package io.haredis.core.type;

import java.util.Arrays;
import java.util.Random;

/**
 * The large form of a sorted set: a skip list ordered by (score, member bytes) whose spans give
 * ranks in O(log n), like Redis's zskiplist (p = 1/4, at most 32 levels), together with a
 * member → node hash table. The table is chained through the nodes themselves (no separate
 * entry objects) and is scanned with reverse-binary cursors, so ZSCAN keeps SCAN's guarantee
 * across resizes.
 *
 * <p>Not thread-safe; runs on the node's loop.
 */
public final class ZSkipList {

  public static final int MAX_LEVEL = 32;
  /** P = 0.25 as a 16-bit threshold, as Redis draws levels. */
  private static final int P_THRESHOLD = (int) (0.25 * 0xFFFF);

  /** One element. */
  public static final class Node {
    final byte[] ele;
    double score;
    Node backward;
    final Node[] fwd;
    final long[] span;
    Node hnext;
    final int hash;

    Node(byte[] ele, double score, int level, int hash) {
      this.ele = ele;
      this.score = score;
      this.fwd = new Node[level];
      this.span = new long[level];
      this.hash = hash;
    }

    public byte[] member() {
      return ele;
    }

    public double score() {
      return score;
    }

    public Node next() {
      return fwd[0];
    }

    public Node prev() {
      return backward;
    }
  }

  /** Receives scanned elements. */
  public interface Visitor {
    void visit(byte[] member, double score);
  }

  private final Node header = new Node(null, 0, MAX_LEVEL, 0);
  private final Random random;
  private final int seed;
  private Node tail;
  private int length;
  private int level = 1;
  private Node[] table = new Node[4];

  public ZSkipList(Random random) {
    this.random = random;
    this.seed = random.nextInt();
  }

  public int length() {
    return length;
  }

  public Node first() {
    return header.fwd[0];
  }

  public Node last() {
    return tail;
  }

  Random random() {
    return random;
  }

  private int randomLevel() {
    int lvl = 1;
    while ((random.nextInt() & 0xFFFF) < P_THRESHOLD && lvl < MAX_LEVEL) {
      lvl++;
    }
    return lvl;
  }

  /** Whether (s1, e1) sorts before (s2, e2). */
  private static boolean less(double s1, byte[] e1, double s2, byte[] e2) {
    return s1 < s2 || (s1 == s2 && Arrays.compareUnsigned(e1, e2) < 0);
  }

  // ---- member table -------------------------------------------------------------------

  private int hash(byte[] b, int off, int len) {
    int h = seed ^ len;
    for (int i = off; i < off + len; i++) {
      h = (h ^ (b[i] & 0xff)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /** The node of {@code member}, or null. */
  public Node find(byte[] b, int off, int len) {
    int h = hash(b, off, len);
    for (Node n = table[h & (table.length - 1)]; n != null; n = n.hnext) {
      if (n.hash == h && Arrays.equals(n.ele, 0, n.ele.length, b, off, off + len)) {
        return n;
      }
    }
    return null;
  }

  private void tableAdd(Node n) {
    if (length + 1 > table.length) {
      resize(table.length * 2);
    }
    int i = n.hash & (table.length - 1);
    n.hnext = table[i];
    table[i] = n;
  }

  private void tableRemove(Node n) {
    int i = n.hash & (table.length - 1);
    Node p = null;
    for (Node x = table[i]; x != null; p = x, x = x.hnext) {
      if (x == n) {
        if (p == null) {
          table[i] = x.hnext;
        } else {
          p.hnext = x.hnext;
        }
        x.hnext = null;
        break;
      }
    }
    if (table.length > 4 && length * 8 < table.length) {
      resize(table.length / 2);
    }
  }

  private void resize(int size) {
    Node[] old = table;
    Node[] t = new Node[size];
    for (Node head : old) {
      for (Node n = head; n != null; ) {
        Node next = n.hnext;
        int i = n.hash & (size - 1);
        n.hnext = t[i];
        t[i] = n;
        n = next;
      }
    }
    table = t;
  }

  /**
   * One SCAN step over the member table: visits one bucket and returns the next cursor (0 when
   * the scan is complete), by the reverse-binary increment Redis uses.
   */
  public long scan(long cursor, Visitor v) {
    long mask = table.length - 1;
    for (Node n = table[(int) (cursor & mask)]; n != null; n = n.hnext) {
      v.visit(n.ele, n.score);
    }
    cursor |= ~mask;
    cursor = Long.reverse(cursor);
    cursor++;
    return Long.reverse(cursor);
  }

  // ---- skip list ----------------------------------------------------------------------

  /** Inserts a member that is not present (the caller checked). */
  public Node insert(double score, byte[] ele) {
    Node[] update = new Node[MAX_LEVEL];
    long[] rank = new long[MAX_LEVEL];
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      rank[i] = i == level - 1 ? 0 : rank[i + 1];
      while (x.fwd[i] != null && less(x.fwd[i].score, x.fwd[i].ele, score, ele)) {
        rank[i] += x.span[i];
        x = x.fwd[i];
      }
      update[i] = x;
    }
    int lvl = randomLevel();
    if (lvl > level) {
      for (int i = level; i < lvl; i++) {
        rank[i] = 0;
        update[i] = header;
        update[i].span[i] = length;
      }
      level = lvl;
    }
    Node n = new Node(ele, score, lvl, hash(ele, 0, ele.length));
    for (int i = 0; i < lvl; i++) {
      n.fwd[i] = update[i].fwd[i];
      update[i].fwd[i] = n;
      n.span[i] = update[i].span[i] - (rank[0] - rank[i]);
      update[i].span[i] = (rank[0] - rank[i]) + 1;
    }
    for (int i = lvl; i < level; i++) {
      update[i].span[i]++;
    }
    n.backward = update[0] == header ? null : update[0];
    if (n.fwd[0] != null) {
      n.fwd[0].backward = n;
    } else {
      tail = n;
    }
    tableAdd(n);
    length++;
    return n;
  }

  private void unlink(Node x, Node[] update) {
    for (int i = 0; i < level; i++) {
      if (update[i].fwd[i] == x) {
        update[i].span[i] += x.span[i] - 1;
        update[i].fwd[i] = x.fwd[i];
      } else {
        update[i].span[i] -= 1;
      }
    }
    if (x.fwd[0] != null) {
      x.fwd[0].backward = x.backward;
    } else {
      tail = x.backward;
    }
    while (level > 1 && header.fwd[level - 1] == null) {
      level--;
    }
    length--;
  }

  private Node[] pathTo(double score, byte[] ele) {
    Node[] update = new Node[MAX_LEVEL];
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && less(x.fwd[i].score, x.fwd[i].ele, score, ele)) {
        x = x.fwd[i];
      }
      update[i] = x;
    }
    return update;
  }

  /** Removes {@code n} (a node of this list). */
  public void delete(Node n) {
    Node[] update = pathTo(n.score, n.ele);
    unlink(n, update);
    tableRemove(n);
  }

  /** Moves {@code n} to {@code newScore}, in place when its position does not change. */
  public Node updateScore(Node n, double newScore) {
    if ((n.backward == null || less(n.backward.score, n.backward.ele, newScore, n.ele))
        && (n.fwd[0] == null || less(newScore, n.ele, n.fwd[0].score, n.fwd[0].ele))) {
      n.score = newScore;
      return n;
    }
    delete(n);
    return insert(newScore, n.ele);
  }

  /** 1-based rank of an element that is present. */
  public long rank(Node n) {
    long rank = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null
          && (x.fwd[i] == n || less(x.fwd[i].score, x.fwd[i].ele, n.score, n.ele))) {
        rank += x.span[i];
        x = x.fwd[i];
      }
      if (x == n) {
        return rank;
      }
    }
    return 0;
  }

  /** The node at 1-based {@code rank}, or null. */
  public Node byRank(long rank) {
    long traversed = 0;
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && traversed + x.span[i] <= rank) {
        traversed += x.span[i];
        x = x.fwd[i];
      }
      if (traversed == rank) {
        return x == header ? null : x;
      }
    }
    return null;
  }

  // ---- ranges -------------------------------------------------------------------------

  private boolean inRange(ZRange.Score r) {
    if (!r.nonEmpty() || tail == null || !r.gteMin(tail.score)) {
      return false;
    }
    return r.lteMax(header.fwd[0].score);
  }

  public Node firstInRange(ZRange.Score r) {
    if (!inRange(r)) {
      return null;
    }
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && !r.gteMin(x.fwd[i].score)) {
        x = x.fwd[i];
      }
    }
    x = x.fwd[0];
    return x != null && r.lteMax(x.score) ? x : null;
  }

  public Node lastInRange(ZRange.Score r) {
    if (!inRange(r)) {
      return null;
    }
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && r.lteMax(x.fwd[i].score)) {
        x = x.fwd[i];
      }
    }
    return x != header && r.gteMin(x.score) ? x : null;
  }

  private boolean inRange(ZRange.Lex r) {
    if (!r.nonEmpty() || tail == null || !r.gteMin(tail.ele)) {
      return false;
    }
    return r.lteMax(header.fwd[0].ele);
  }

  public Node firstInRange(ZRange.Lex r) {
    if (!inRange(r)) {
      return null;
    }
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && !r.gteMin(x.fwd[i].ele)) {
        x = x.fwd[i];
      }
    }
    x = x.fwd[0];
    return x != null && r.lteMax(x.ele) ? x : null;
  }

  public Node lastInRange(ZRange.Lex r) {
    if (!inRange(r)) {
      return null;
    }
    Node x = header;
    for (int i = level - 1; i >= 0; i--) {
      while (x.fwd[i] != null && r.lteMax(x.fwd[i].ele)) {
        x = x.fwd[i];
      }
    }
    return x != header && r.gteMin(x.ele) ? x : null;
  }

  /** Structural invariants (tests): order, spans, backward links, table contents. */
  public boolean checkInvariants() {
    int n = 0;
    Node prev = null;
    for (Node x = header.fwd[0]; x != null; x = x.fwd[0]) {
      n++;
      if (x.backward != prev || (prev != null && !less(prev.score, prev.ele, x.score, x.ele))) {
        return false;
      }
      if (find(x.ele, 0, x.ele.length) != x || rank(x) != n) {
        return false;
      }
      prev = x;
    }
    if (tail != prev || n != length) {
      return false;
    }
    for (int i = 0; i < level; i++) {
      long pos = 0;
      Node x = header;
      while (x != null) {
        long expect = x.fwd[i] == null ? length - pos : rankOrZero(x.fwd[i]) - pos;
        if (x.fwd[i] != null && x.span[i] != expect) {
          return false;
        }
        pos += x.span[i];
        x = x.fwd[i];
      }
    }
    int inTable = 0;
    for (Node head : table) {
      for (Node x = head; x != null; x = x.hnext) {
        inTable++;
      }
    }
    return inTable == length;
  }

  private long rankOrZero(Node n) {
    long r = 0;
    for (Node x = header.fwd[0]; x != null; x = x.fwd[0]) {
      r++;
      if (x == n) {
        return r;
      }
    }
    return 0;
  }
}
