package io.haredis.core.resp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The arguments of one request as slices {@code (array, offset, length)}: of the query buffer
 * for multibulk requests, of a scratch array for inline ones. Reused for every request of a
 * connection, so decoding allocates nothing once the arrays have grown.
 */
public final class RequestArgs {

  private byte[][] arrays = new byte[8][];
  private int[] offsets = new int[8];
  private int[] lengths = new int[8];
  private int argc;

  public int argc() {
    return argc;
  }

  public byte[] array(int i) {
    return arrays[i];
  }

  public int offset(int i) {
    return offsets[i];
  }

  public int length(int i) {
    return lengths[i];
  }

  public void clear() {
    Arrays.fill(arrays, 0, argc, null);
    argc = 0;
  }

  void ensureCapacity(int n) {
    if (n > arrays.length) {
      grow(n);
    }
  }

  public void add(byte[] array, int offset, int length) {
    if (argc == arrays.length) {
      grow(argc * 2);
    }
    arrays[argc] = array;
    offsets[argc] = offset;
    lengths[argc] = length;
    argc++;
  }

  /** Replaces the whole argument vector (in-process client, command rewrites). */
  public void set(byte[][] argv) {
    clear();
    for (byte[] a : argv) {
      add(a, 0, a.length);
    }
  }

  void rebase(byte[] oldArray, byte[] newArray, int shift) {
    for (int i = 0; i < argc; i++) {
      if (arrays[i] == oldArray) {
        arrays[i] = newArray;
        offsets[i] -= shift;
      }
    }
  }

  private void grow(int n) {
    arrays = Arrays.copyOf(arrays, n);
    offsets = Arrays.copyOf(offsets, n);
    lengths = Arrays.copyOf(lengths, n);
  }

  /** A copy of argument {@code i}. */
  public byte[] copy(int i) {
    return Arrays.copyOfRange(arrays[i], offsets[i], offsets[i] + lengths[i]);
  }

  /** Argument {@code i} decoded as UTF-8 (for error messages and admin commands, not hot paths). */
  public String string(int i) {
    return new String(arrays[i], offsets[i], lengths[i], StandardCharsets.UTF_8);
  }

  /** Whether argument {@code i} equals {@code lowerAscii}, ignoring ASCII case. */
  public boolean equalsIgnoreCase(int i, byte[] lowerAscii) {
    if (lengths[i] != lowerAscii.length) {
      return false;
    }
    byte[] a = arrays[i];
    int off = offsets[i];
    for (int j = 0; j < lowerAscii.length; j++) {
      byte b = a[off + j];
      if (b >= 'A' && b <= 'Z') {
        b += 32;
      }
      if (b != lowerAscii[j]) {
        return false;
      }
    }
    return true;
  }
}
