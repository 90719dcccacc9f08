package io.haredis.core.persist;

/**
 * LZF compression as Redis uses it for RDB strings and quicklist nodes, producing the same
 * bytes as Redis's bundled liblzf 3.6 ({@code lzf_c.c} built with {@code HLOG 16},
 * {@code VERY_FAST}), so a DUMP of a compressible string is byte-identical to Redis's.
 *
 * <h2>Format</h2>
 * A sequence of runs: {@code 000LLLLL} followed by L+1 literal bytes; {@code LLLooooo oooooooo}
 * a back reference of L+2 bytes (L in 1..6) at distance o+1; {@code 111ooooo LLLLLLLL oooooooo}
 * a back reference of L+9 bytes.
 *
 * <h2>The hash table</h2>
 * The compressor remembers, per 16-bit hash of three bytes, where that triple was last seen.
 * Clearing 64K slots for every short string would cost more than compressing it, so each
 * call stores positions offset by a per-call base that only grows: a slot written by an
 * earlier call holds a value below the current base and reads as empty, which is exactly what
 * a freshly zeroed table would give. An instance is therefore not thread-safe; each writer
 * owns one. {@link #decompress} is static and stateless.
 */
public final class Lzf {

  private static final int HLOG = 16;
  private static final int HSIZE = 1 << HLOG;
  private static final int MAX_LIT = 1 << 5;
  private static final int MAX_OFF = 1 << 13;
  private static final int MAX_REF = (1 << 8) + (1 << 3);

  private final int[] htab = new int[HSIZE];
  private int base = 1;

  private static int idx(int h) {
    return ((h >>> (3 * 8 - HLOG)) - h * 5) & (HSIZE - 1);
  }

  /**
   * Compresses {@code in[inOff, inOff+inLen)} into {@code out} starting at {@code outOff},
   * using at most {@code outLen} bytes. Returns the compressed length, or 0 when the result
   * would not fit in {@code outLen} bytes (or either length is 0), as {@code lzf_compress}.
   * {@code out} must have room for {@code outLen} bytes after {@code outOff}.
   */
  public int compress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
    if (inLen == 0 || outLen == 0) {
      return 0;
    }
    if (base > Integer.MAX_VALUE - inLen - 2) {
      java.util.Arrays.fill(htab, 0);
      base = 1;
    }
    final int b = base - inOff; // slot value = b + absolute index in 'in'
    base += inLen + 1;
    final int[] tab = htab;
    final int inEnd = inOff + inLen;
    final int outEnd = outOff + outLen;
    int ip = inOff;
    int op = outOff;
    int lit = 0;
    op++; // start run

    int hval = inLen >= 2 ? ((in[ip] & 0xff) << 8) | (in[ip + 1] & 0xff) : 0;
    while (ip < inEnd - 2) {
      hval = (hval << 8) | (in[ip + 2] & 0xff);
      int slot = idx(hval);
      int stored = tab[slot];
      tab[slot] = b + ip;
      int ref = stored - b; // absolute index; below inOff when stale (an earlier call)
      int off;
      if (stored != 0 && ref >= inOff && ref < ip
          && (off = ip - ref - 1) < MAX_OFF
          && ref > inOff
          && in[ref + 2] == in[ip + 2]
          && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]) {
        int len = 2;
        int maxlen = inEnd - ip - len;
        if (maxlen > MAX_REF) {
          maxlen = MAX_REF;
        }
        if (op + 3 + 1 >= outEnd && op - (lit == 0 ? 1 : 0) + 3 + 1 >= outEnd) {
          return 0;
        }
        out[op - lit - 1] = (byte) (lit - 1); // stop run
        if (lit == 0) {
          op--; // undo the empty run
        }
        boolean mismatch = false;
        if (maxlen > 16) {
          for (int k = 0; k < 16; k++) {
            len++;
            if (in[ref + len] != in[ip + len]) {
              mismatch = true;
              break;
            }
          }
        }
        if (!mismatch) {
          do {
            len++;
          } while (len < maxlen && in[ref + len] == in[ip + len]);
        }
        len -= 2; // the format stores the match length minus 2
        ip++;
        if (len < 7) {
          out[op++] = (byte) ((off >>> 8) + (len << 5));
        } else {
          out[op++] = (byte) ((off >>> 8) + (7 << 5));
          out[op++] = (byte) (len - 7);
        }
        out[op++] = (byte) off;
        lit = 0;
        op++; // start run
        ip += len + 1;
        if (ip >= inEnd - 2) {
          break;
        }
        // VERY_FAST: re-hash the two positions before the new ip
        ip -= 2;
        hval = ((in[ip] & 0xff) << 8) | (in[ip + 1] & 0xff);
        hval = (hval << 8) | (in[ip + 2] & 0xff);
        tab[idx(hval)] = b + ip;
        ip++;
        hval = (hval << 8) | (in[ip + 2] & 0xff);
        tab[idx(hval)] = b + ip;
        ip++;
      } else {
        if (op >= outEnd) {
          return 0;
        }
        lit++;
        out[op++] = in[ip++];
        if (lit == MAX_LIT) {
          out[op - lit - 1] = (byte) (lit - 1); // stop run
          lit = 0;
          op++; // start run
        }
      }
    }
    if (op + 3 > outEnd) {
      return 0;
    }
    while (ip < inEnd) {
      lit++;
      out[op++] = in[ip++];
      if (lit == MAX_LIT) {
        out[op - lit - 1] = (byte) (lit - 1);
        lit = 0;
        op++;
      }
    }
    out[op - lit - 1] = (byte) (lit - 1); // end run
    if (lit == 0) {
      op--;
    }
    return op - outOff;
  }

  /**
   * Decompresses {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+outLen)}.
   * Returns the number of bytes produced, or -1 when the input is malformed or would not fit
   * ({@code lzf_decompress} returning 0 with EINVAL or E2BIG). Never reads or writes outside
   * the given ranges.
   */
  public static int decompress(byte[] in, int inOff, int inLen, byte[] out, int outOff, int outLen) {
    int ip = inOff;
    final int inEnd = inOff + inLen;
    int op = outOff;
    final int outEnd = outOff + outLen;
    while (ip < inEnd) {
      int ctrl = in[ip++] & 0xff;
      if (ctrl < (1 << 5)) {
        ctrl++;
        if (op + ctrl > outEnd || ip + ctrl > inEnd) {
          return -1;
        }
        System.arraycopy(in, ip, out, op, ctrl);
        op += ctrl;
        ip += ctrl;
      } else {
        int len = ctrl >>> 5;
        int ref = op - ((ctrl & 0x1f) << 8) - 1;
        if (ip >= inEnd) {
          return -1;
        }
        if (len == 7) {
          len += in[ip++] & 0xff;
          if (ip >= inEnd) {
            return -1;
          }
        }
        ref -= in[ip++] & 0xff;
        len += 2;
        if (op + len > outEnd || ref < outOff) {
          return -1;
        }
        if (op >= ref + len) {
          System.arraycopy(out, ref, out, op, len);
          op += len;
        } else {
          for (int k = 0; k < len; k++) {
            out[op++] = out[ref++]; // overlapping: byte by byte repeats the pattern
          }
        }
      }
    }
    return op - outOff;
  }
}
