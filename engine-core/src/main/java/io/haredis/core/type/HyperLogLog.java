package io.haredis.core.type;

/**
 * Redis 7.0's HyperLogLog, kept byte for byte in Redis's format inside a {@link StringValue} so
 * values move freely between haredis and redis-server (GET on one, SET on the other).
 *
 * <p>Layout: a 16-byte header ({@code "HYLL"}, one encoding byte — 0 dense, 1 sparse —, three
 * unused bytes, then the cached cardinality as a little-endian 64-bit integer whose top bit
 * marks the cache stale), followed by the registers. Dense: 16384 six-bit registers packed
 * from the low bits of each byte upwards (12288 bytes). Sparse: a run-length code of one-byte
 * ZERO runs ({@code 00llllll}, 1..64 zero registers), two-byte XZERO runs ({@code 01llllll
 * llllllll}, 1..16384 zero registers) and one-byte VAL runs ({@code 1vvvvvll}, 1..4 registers
 * holding 1..32).
 *
 * <p>Updates of the sparse form follow Redis's in-place editing exactly (split of the run that
 * covers the register, then a bounded merge of equal neighbouring VAL runs), because the bytes
 * depend on the order of updates and must match redis-server's. The sparse form turns dense
 * when a register needs a value above 32 or when it would grow past {@code hll-sparse-max-bytes}.
 *
 * <p>Element hashing is 64-bit MurmurHash2 (MurmurHash64A, seed {@code 0xadc83b19}); the count
 * is Otmar Ertl's improved estimator over the register histogram, as Redis 7.0 computes it.
 */
public final class HyperLogLog {

  /** Header size in bytes. */
  public static final int HEADER = 16;
  /** Number of registers (2^14). */
  public static final int REGISTERS = 1 << 14;
  /** Length of a dense HLL string. */
  public static final int DENSE_SIZE = HEADER + (REGISTERS * 6 + 7) / 8;

  public static final int DENSE = 0;
  public static final int SPARSE = 1;

  private static final int P = 14;
  private static final int Q = 64 - P;
  private static final long SEED = 0xadc83b19L;
  private static final long M = 0xc6a4a7935bd1e995L;
  private static final double ALPHA_INF = 0.721347520444481703680; // 1 / (2 ln 2)

  private static final int SPARSE_VAL_MAX_VALUE = 32;
  private static final int SPARSE_VAL_MAX_LEN = 4;
  private static final int SPARSE_ZERO_MAX_LEN = 64;

  private HyperLogLog() {}

  // ---------------------------------------------------------------------------------------------
  // Creation and validation

  /** A new empty HLL: sparse, one XZERO run over all registers, cache 0 and valid. */
  public static StringValue createEmpty() {
    byte[] b = new byte[HEADER + 2];
    b[0] = 'H';
    b[1] = 'Y';
    b[2] = 'L';
    b[3] = 'L';
    b[4] = SPARSE;
    int run = REGISTERS - 1;
    b[HEADER] = (byte) (0x40 | (run >>> 8));
    b[HEADER + 1] = (byte) run;
    return StringValue.raw(b, b.length);
  }

  /**
   * Whether a string is an HLL as Redis accepts it: not int-encoded, at least a header long,
   * the magic, a known encoding, and the exact length when dense.
   */
  public static boolean isHll(StringValue v) {
    if (v.isInt() || v.length() < HEADER) {
      return false;
    }
    byte[] b = v.array();
    if (b[0] != 'H' || b[1] != 'Y' || b[2] != 'L' || b[3] != 'L') {
      return false;
    }
    int enc = b[4] & 0xff;
    if (enc > SPARSE) {
      return false;
    }
    return enc != DENSE || v.length() == DENSE_SIZE;
  }

  /** Encoding byte of a valid HLL. */
  public static int encoding(StringValue v) {
    return v.array()[4] & 0xff;
  }

  // ---------------------------------------------------------------------------------------------
  // Cached cardinality

  public static boolean cacheValid(StringValue v) {
    return (v.array()[15] & 0x80) == 0;
  }

  public static long cachedCardinality(StringValue v) {
    byte[] b = v.array();
    long card = 0;
    for (int i = 7; i >= 0; i--) {
      card = (card << 8) | (b[8 + i] & 0xff);
    }
    return card;
  }

  /** Stores {@code card} as the cached cardinality (which also marks the cache valid). */
  public static void storeCardinality(StringValue v, long card) {
    byte[] b = v.array();
    for (int i = 0; i < 8; i++) {
      b[8 + i] = (byte) (card >>> (8 * i));
    }
  }

  public static void invalidateCache(StringValue v) {
    v.array()[15] |= (byte) 0x80;
  }

  // ---------------------------------------------------------------------------------------------
  // Hashing

  /** MurmurHash64A over {@code [off, off+len)}, little-endian words, as Redis computes it. */
  public static long murmurHash64A(byte[] a, int off, int len, long seed) {
    long h = seed ^ (len * M);
    int blocks = len & ~7;
    int p = off;
    int stop = off + blocks;
    while (p < stop) {
      long k = (a[p] & 0xffL)
          | (a[p + 1] & 0xffL) << 8
          | (a[p + 2] & 0xffL) << 16
          | (a[p + 3] & 0xffL) << 24
          | (a[p + 4] & 0xffL) << 32
          | (a[p + 5] & 0xffL) << 40
          | (a[p + 6] & 0xffL) << 48
          | (a[p + 7] & 0xffL) << 56;
      k *= M;
      k ^= k >>> 47;
      k *= M;
      h ^= k;
      h *= M;
      p += 8;
    }
    int rest = len & 7;
    if (rest > 0) {
      for (int i = rest - 1; i >= 0; i--) {
        h ^= (a[p + i] & 0xffL) << (8 * i);
      }
      h *= M;
    }
    h ^= h >>> 47;
    h *= M;
    h ^= h >>> 47;
    return h;
  }

  /**
   * The register an element maps to and the length of its "0...01" pattern, packed as
   * {@code index << 8 | count} (count 1..Q+1).
   */
  public static int patternOf(byte[] a, int off, int len) {
    long hash = murmurHash64A(a, off, len, SEED);
    int index = (int) (hash & (REGISTERS - 1));
    long rest = (hash >>> P) | (1L << Q); // the forced bit bounds the count at Q+1
    int count = Long.numberOfTrailingZeros(rest) + 1;
    return index << 8 | count;
  }

  // ---------------------------------------------------------------------------------------------
  // Dense registers

  /** Register {@code reg} of a dense HLL held in {@code b} (header included). */
  static int denseGet(byte[] b, int reg) {
    int bit = reg * 6;
    int at = HEADER + (bit >>> 3);
    int shift = bit & 7;
    int value = (b[at] & 0xff) >>> shift;
    if (shift > 2) {
      value |= (b[at + 1] & 0xff) << (8 - shift);
    }
    return value & 63;
  }

  static void denseSet(byte[] b, int reg, int value) {
    int bit = reg * 6;
    int at = HEADER + (bit >>> 3);
    int shift = bit & 7;
    b[at] = (byte) ((b[at] & ~(63 << shift)) | (value << shift));
    if (shift > 2) {
      int high = 8 - shift;
      b[at + 1] = (byte) ((b[at + 1] & ~(63 >>> high)) | (value >>> high));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Updates

  /**
   * Adds an element. Returns 1 when a register grew, 0 when not, -1 when the sparse form is
   * corrupt. May turn the value dense. Does not touch the cached cardinality.
   */
  public static int add(StringValue v, byte[] a, int off, int len, long sparseMaxBytes) {
    int pat = patternOf(a, off, len);
    return set(v, pat >>> 8, pat & 0xff, sparseMaxBytes);
  }

  /** Raises register {@code index} to {@code count} if smaller; same results as {@link #add}. */
  public static int set(StringValue v, int index, int count, long sparseMaxBytes) {
    byte[] b = v.array();
    if (b[4] == DENSE) {
      if (denseGet(b, index) >= count) {
        return 0;
      }
      denseSet(b, index, count);
      return 1;
    }
    return sparseSet(v, index, count, sparseMaxBytes);
  }

  private static byte valOp(int value, int len) {
    return (byte) (0x80 | (value - 1) << 2 | (len - 1));
  }

  /**
   * Length of the run an opcode covers. A corrupt value may end with the first byte of an XZERO:
   * its second byte is then the one just past the end, which Redis reads from the sds buffer
   * (normally the 0 terminator, but a sparse update of such a value leaves its last written
   * byte there). The array's byte at {@code length()} plays that role: {@link StringValue}
   * keeps it 0 like the terminator, {@link #sparseSet} overwrites it as Redis does.
   */
  private static int runOf(byte[] b, int p) {
    int op = b[p] & 0xff;
    if ((op & 0xc0) == 0) {
      return (op & 0x3f) + 1;
    }
    if ((op & 0x80) != 0) {
      return (op & 3) + 1;
    }
    int low = p + 1 < b.length ? b[p + 1] & 0xff : 0;
    return ((op & 0x3f) << 8 | low) + 1;
  }

  private static int sparseSet(StringValue v, int index, int count, long sparseMaxBytes) {
    if (count > SPARSE_VAL_MAX_VALUE) {
      return promoteAndSet(v, index, count);
    }
    int len = v.length();
    // Room for the worst split (3 more bytes) plus the terminator slot a split of a truncated
    // final XZERO writes into.
    byte[] b = v.makeRawForWrite(len + 4);
    int end = len;

    // Find the opcode covering the register.
    int p = HEADER;
    int first = 0;
    int prev = -1;
    int span = 0;
    while (p < end) {
      span = runOf(b, p);
      if (index <= first + span - 1) {
        break;
      }
      prev = p;
      p += isXzero(b[p]) ? 2 : 1;
      first += span;
    }
    if (span == 0 || p >= end) {
      return -1;
    }
    int op = b[p] & 0xff;
    boolean xzero = (op & 0xc0) == 0x40;
    boolean zero = (op & 0xc0) == 0;
    boolean val = (op & 0x80) != 0;

    if (val) {
      int old = ((op >>> 2) & 0x1f) + 1;
      if (old >= count) {
        return 0;
      }
      if (span == 1) {
        b[p] = valOp(count, 1);
        mergeAround(v, b, prev, end);
        return 1;
      }
    }
    if (zero && span == 1) {
      b[p] = valOp(count, 1);
      mergeAround(v, b, prev, end);
      return 1;
    }

    // Split the run into [before] VAL(count) [after].
    int last = first + span - 1;
    int n = 0;
    long seq = 0; // up to five replacement bytes, byte i at bits 8i..8i+7
    if (zero || xzero) {
      if (index != first) {
        int run = index - first;
        if (run > SPARSE_ZERO_MAX_LEN) {
          seq = append(seq, n++, 0x40 | ((run - 1) >>> 8));
          seq = append(seq, n++, (run - 1) & 0xff);
        } else {
          seq = append(seq, n++, run - 1);
        }
      }
      seq = append(seq, n++, valOp(count, 1) & 0xff);
      if (index != last) {
        int run = last - index;
        if (run > SPARSE_ZERO_MAX_LEN) {
          seq = append(seq, n++, 0x40 | ((run - 1) >>> 8));
          seq = append(seq, n++, (run - 1) & 0xff);
        } else {
          seq = append(seq, n++, run - 1);
        }
      }
    } else {
      int current = ((op >>> 2) & 0x1f) + 1;
      if (index != first) {
        seq = append(seq, n++, valOp(current, index - first) & 0xff);
      }
      seq = append(seq, n++, valOp(count, 1) & 0xff);
      if (index != last) {
        seq = append(seq, n++, valOp(current, last - index) & 0xff);
      }
    }
    int oldLen = xzero ? 2 : 1;
    int delta = n - oldLen;
    if (delta > 0 && (long) len + delta > sparseMaxBytes) {
      return promoteAndSet(v, index, count);
    }
    int next = p + oldLen;
    if (delta != 0 && next < end) {
      System.arraycopy(b, next, b, next + delta, end - next);
    }
    end += delta;
    v.setLength(end); // zeroes the terminator slot...
    for (int i = 0; i < n; i++) {
      b[p + i] = (byte) (seq >>> (8 * i)); // ...which this may overwrite, as Redis's memcpy does
    }
    mergeAround(v, b, prev, end);
    return 1;
  }

  private static long append(long seq, int at, int value) {
    return seq | (long) (value & 0xff) << (8 * at);
  }

  private static boolean isXzero(byte op) {
    return (op & 0xc0) == 0x40;
  }

  /**
   * After an update, joins neighbouring VAL runs of equal value (up to 4 registers), looking at
   * no more than five opcodes from the one before the updated run, as Redis does.
   */
  private static void mergeAround(StringValue v, byte[] b, int prev, int end) {
    int p = prev >= 0 ? prev : HEADER;
    int budget = 5;
    while (p < end && budget-- > 0) {
      int op = b[p] & 0xff;
      if ((op & 0xc0) == 0x40) {
        p += 2;
        continue;
      }
      if ((op & 0xc0) == 0) {
        p++;
        continue;
      }
      if (p + 1 < end && (b[p + 1] & 0x80) != 0) {
        int op2 = b[p + 1] & 0xff;
        int v1 = ((op >>> 2) & 0x1f) + 1;
        int v2 = ((op2 >>> 2) & 0x1f) + 1;
        if (v1 == v2) {
          int run = (op & 3) + 1 + (op2 & 3) + 1;
          if (run <= SPARSE_VAL_MAX_LEN) {
            b[p + 1] = valOp(v1, run);
            System.arraycopy(b, p + 1, b, p, end - p); // the terminator slot moves too
            end--;
            v.setLength(end);
            continue; // try again with the run on the right
          }
        }
      }
      p++;
    }
    b[15] |= (byte) 0x80; // Redis marks the cache stale on every in-place sparse update
  }

  private static int promoteAndSet(StringValue v, int index, int count) {
    if (!toDense(v)) {
      return -1;
    }
    denseSet(v.array(), index, count);
    return 1;
  }

  /**
   * Turns a sparse HLL dense in place (header, cached cardinality included, is kept). Returns
   * false, leaving the value alone, when the sparse form does not cover exactly the 16384
   * registers. A dense value is left as is.
   */
  public static boolean toDense(StringValue v) {
    byte[] b = v.array();
    if (b[4] == DENSE) {
      return true;
    }
    int len = v.length();
    byte[] d = new byte[DENSE_SIZE];
    System.arraycopy(b, 0, d, 0, HEADER);
    d[4] = DENSE;
    int idx = 0;
    int p = HEADER;
    while (p < len) {
      int op = b[p] & 0xff;
      int run = runOf(b, p);
      if (run + idx > REGISTERS) {
        return false; // runs past the last register (Redis checks this since CVE-2025-32023)
      }
      if ((op & 0x80) == 0) {
        idx += run;
        p += (op & 0xc0) == 0x40 ? 2 : 1;
      } else {
        int value = ((op >>> 2) & 0x1f) + 1;
        for (int i = 0; i < run; i++) {
          denseSet(d, idx++, value);
        }
        p++;
      }
    }
    if (idx != REGISTERS) {
      return false;
    }
    v.assign(d, 0, DENSE_SIZE);
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // Merge and count

  /**
   * Raises each {@code max[i]} to register i of {@code v}. Returns false for a corrupt sparse
   * value (registers before the corruption may already be merged).
   */
  public static boolean mergeInto(byte[] max, StringValue v) {
    byte[] b = v.array();
    if (b[4] == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        int r = denseGet(b, i);
        if (r > max[i]) {
          max[i] = (byte) r;
        }
      }
      return true;
    }
    int len = v.length();
    int idx = 0;
    int p = HEADER;
    while (p < len) {
      int op = b[p] & 0xff;
      int run = runOf(b, p);
      if (run + idx > REGISTERS) {
        return false;
      }
      if ((op & 0x80) == 0) {
        idx += run;
        p += (op & 0xc0) == 0x40 ? 2 : 1;
      } else {
        int value = ((op >>> 2) & 0x1f) + 1;
        for (int i = 0; i < run; i++, idx++) {
          if (value > max[idx]) {
            max[idx] = (byte) value;
          }
        }
        p++;
      }
    }
    return idx == REGISTERS;
  }

  /** What {@link #count} returns for a corrupt sparse value (never an estimate). */
  public static final long CORRUPT = -1;

  /** Estimated cardinality of {@code v}, or {@link #CORRUPT} when its sparse form is corrupt. */
  public static long count(StringValue v) {
    byte[] b = v.array();
    int[] histo = new int[64];
    if (b[4] == DENSE) {
      for (int i = 0; i < REGISTERS; i++) {
        histo[denseGet(b, i)]++;
      }
    } else {
      int len = v.length();
      long idx = 0;
      int p = HEADER;
      while (p < len) {
        int op = b[p] & 0xff;
        int run = runOf(b, p);
        idx += run;
        if ((op & 0x80) == 0) {
          histo[0] += run;
          p += (op & 0xc0) == 0x40 ? 2 : 1;
        } else {
          histo[((op >>> 2) & 0x1f) + 1] += run;
          p++;
        }
      }
      if (idx != REGISTERS) {
        return CORRUPT;
      }
    }
    return estimate(histo);
  }

  /** Estimated cardinality of one register per byte (the union PFCOUNT builds). */
  public static long countRegisters(byte[] registers) {
    int[] histo = new int[64];
    for (int i = 0; i < REGISTERS; i++) {
      histo[registers[i] & 63]++;
    }
    return estimate(histo);
  }

  /**
   * Ertl's estimator ("New cardinality estimation algorithms for HyperLogLog sketches",
   * arXiv:1702.01284) over the register-value histogram, in the operation order Redis uses so
   * the double arithmetic, and thus the rounded result, is identical.
   */
  static long estimate(int[] histo) {
    double m = REGISTERS;
    double z = m * tau((m - histo[Q + 1]) / m);
    for (int j = Q; j >= 1; j--) {
      z += histo[j];
      z *= 0.5;
    }
    z += m * sigma(histo[0] / m);
    double e = ALPHA_INF * m * m / z;
    if (!(e < 0x1p63)) {
      // Only crafted registers (all near the maximum) get here. Redis's llroundl on x86-64
      // yields LLONG_MIN for an out-of-range value, which PFCOUNT then replies.
      return Long.MIN_VALUE;
    }
    return Math.round(e); // half away from zero, as llroundl, for these positive values
  }

  static double sigma(double x) {
    if (x == 1.0) {
      return Double.POSITIVE_INFINITY;
    }
    double y = 1;
    double z = x;
    double before;
    do {
      x *= x;
      before = z;
      z += x * y;
      y += y;
    } while (before != z);
    return z;
  }

  static double tau(double x) {
    if (x == 0.0 || x == 1.0) {
      return 0.0;
    }
    double y = 1.0;
    double z = 1 - x;
    double before;
    do {
      x = Math.sqrt(x);
      before = z;
      y *= 0.5;
      double d = 1 - x;
      z -= d * d * y;
    } while (before != z);
    return z / 3;
  }

  // ---------------------------------------------------------------------------------------------
  // Debugging (PFDEBUG)

  /** Register values of a dense HLL. */
  public static int register(StringValue v, int reg) {
    return denseGet(v.array(), reg);
  }

  /** PFDEBUG DECODE's text for a sparse HLL: {@code z:N}, {@code Z:N}, {@code v:V,N} runs. */
  public static String decodeSparse(StringValue v) {
    byte[] b = v.array();
    int len = v.length();
    StringBuilder sb = new StringBuilder();
    int p = HEADER;
    while (p < len) {
      int op = b[p] & 0xff;
      int run = runOf(b, p);
      if (sb.length() > 0) {
        sb.append(' ');
      }
      if ((op & 0xc0) == 0) {
        sb.append("z:").append(run);
        p++;
      } else if ((op & 0xc0) == 0x40) {
        sb.append("Z:").append(run);
        p += 2;
      } else {
        sb.append("v:").append(((op >>> 2) & 0x1f) + 1).append(',').append(run);
        p++;
      }
    }
    return sb.toString();
  }
}
