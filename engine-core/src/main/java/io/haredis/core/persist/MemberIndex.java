package io.haredis.core.persist;

import java.util.Arrays;

/**
 * Checks that byte-array members are pairwise distinct in linear time, reusing one
 * open-addressing table of indexes between calls (sorted-set loading). Not thread-safe.
 */
final class MemberIndex {

  private int[] table = new int[64];

  /** Whether {@code members[0..n)} holds no two equal arrays. */
  boolean distinct(byte[][] members, int n) {
    if (n <= 8) {
      for (int i = 1; i < n; i++) {
        for (int j = 0; j < i; j++) {
          if (Arrays.equals(members[i], members[j])) {
            return false;
          }
        }
      }
      return true;
    }
    int cap = table.length;
    while (cap < 2 * n) {
      cap <<= 1;
    }
    if (cap != table.length) {
      table = new int[cap];
    } else {
      Arrays.fill(table, 0);
    }
    int mask = cap - 1;
    for (int i = 0; i < n; i++) {
      byte[] m = members[i];
      int h = mix(Arrays.hashCode(m)) & mask;
      while (table[h] != 0) {
        if (Arrays.equals(members[table[h] - 1], m)) {
          return false;
        }
        h = (h + 1) & mask;
      }
      table[h] = i + 1;
    }
    if (cap > 1 << 16) {
      table = new int[64]; // do not keep a big table for the rest of the load
    }
    return true;
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    return h ^ (h >>> 13);
  }
}
