package io.haredis.core.keyspace;

/**
 * Key hashing: 32-bit MurmurHash3 with a per-node random seed, so clients cannot pick keys that
 * collide (Redis seeds SipHash for the same reason). Works on slices, never on key objects.
 */
final class Hashing {

  private Hashing() {}

  static int hash(int seed, byte[] b, int off, int len) {
    int h = seed;
    int i = off;
    int end = off + (len & ~3);
    for (; i < end; i += 4) {
      int k = (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] << 24);
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int k = 0;
    switch (len & 3) {
      case 3:
        k ^= (b[i + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (b[i + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= b[i] & 0xff;
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
      // fall through
      default:
        break;
    }
    h ^= len;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
