package io.haredis.core.commands;

import java.util.Comparator;

/**
 * The partial quicksort SORT uses when BY and a narrowing LIMIT are both given (Redis's
 * {@code pqsort}: Bentley and McIlroy's quicksort, as in NetBSD's libc, that skips partitions
 * lying wholly outside the requested range). It is not stable, so elements the comparator calls
 * equal end up in an order that depends on every step; to give the same reply as Redis for the
 * same input, this class takes the same steps: the same pivot choice (middle element, median of
 * three, ninther above 40 elements), the same three-way partition with equal keys parked at both
 * ends, insertion sort below 7 elements, and the same range test (done on byte offsets of
 * 16-byte entries, as the C code compares addresses). Unlike some copies of this algorithm,
 * 7.0.15's build has no "nothing was swapped: switch to insertion sort" shortcut; checked
 * against the real server on random inputs with many equal keys.
 */
final class PartialQuicksort {

  /** sizeof(redisSortObject) on 64-bit builds: the range test compares byte addresses. */
  private static final long ES = 16;

  private PartialQuicksort() {}

  /** Sorts enough of {@code v} that positions {@code lrange..rrange} hold their final elements. */
  static <T> void sort(T[] v, Comparator<? super T> cmp, long lrange, long rrange) {
    sort(v, 0, v.length, cmp, lrange * ES, (rrange + 1) * ES - 1);
  }

  private static <T> void sort(T[] v, int base, int n, Comparator<? super T> cmp, long lo, long hi) {
    while (true) {
      if (n < 7) {
        insertion(v, base, n, cmp);
        return;
      }
      int pm = base + n / 2;
      if (n > 7) {
        int pl = base;
        int pn = base + n - 1;
        if (n > 40) {
          int d = n / 8;
          pl = med3(v, pl, pl + d, pl + 2 * d, cmp);
          pm = med3(v, pm - d, pm, pm + d, cmp);
          pn = med3(v, pn - 2 * d, pn - d, pn, cmp);
        }
        pm = med3(v, pl, pm, pn, cmp);
      }
      swap(v, base, pm);
      int pa = base + 1;
      int pb = pa;
      int pc = base + n - 1;
      int pd = pc;
      while (true) {
        int c;
        while (pb <= pc && (c = cmp.compare(v[pb], v[base])) <= 0) {
          if (c == 0) {
            swap(v, pa, pb);
            pa++;
          }
          pb++;
        }
        while (pb <= pc && (c = cmp.compare(v[pc], v[base])) >= 0) {
          if (c == 0) {
            swap(v, pc, pd);
            pd--;
          }
          pc--;
        }
        if (pb > pc) {
          break;
        }
        swap(v, pb, pc);
        pb++;
        pc--;
      }
      int end = base + n;
      int r = Math.min(pa - base, pb - pa);
      swapBlocks(v, base, pb - r, r);
      r = Math.min(pd - pc, end - pd - 1);
      swapBlocks(v, pb, end - r, r);
      r = pb - pa;
      if (r > 1 && overlaps(base, r, lo, hi)) {
        sort(v, base, r, cmp, lo, hi);
      }
      r = pd - pc;
      if (r <= 1) {
        return;
      }
      base = end - r;
      n = r;
      if (!overlaps(base, n, lo, hi)) {
        return;
      }
    }
  }

  /** Whether the byte range [lo, hi] touches the entries base..base+n-1 (as the C test). */
  private static boolean overlaps(int base, int n, long lo, long hi) {
    long l = base * ES;
    long r = (base + (long) n) * ES - 1;
    return !((lo < l && hi < l) || (lo > r && hi > r));
  }

  private static <T> int med3(T[] v, int a, int b, int c, Comparator<? super T> cmp) {
    if (cmp.compare(v[a], v[b]) < 0) {
      return cmp.compare(v[b], v[c]) < 0 ? b : cmp.compare(v[a], v[c]) < 0 ? c : a;
    }
    return cmp.compare(v[b], v[c]) > 0 ? b : cmp.compare(v[a], v[c]) < 0 ? a : c;
  }

  private static <T> void insertion(T[] v, int base, int n, Comparator<? super T> cmp) {
    for (int m = base + 1; m < base + n; m++) {
      for (int l = m; l > base && cmp.compare(v[l - 1], v[l]) > 0; l--) {
        swap(v, l, l - 1);
      }
    }
  }

  private static <T> void swap(T[] v, int i, int j) {
    T t = v[i];
    v[i] = v[j];
    v[j] = t;
  }

  private static <T> void swapBlocks(T[] v, int a, int b, int n) {
    for (int k = 0; k < n; k++) {
      swap(v, a + k, b + k);
    }
  }
}
