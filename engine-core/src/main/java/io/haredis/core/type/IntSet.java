package io.haredis.core.type;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A sorted set of distinct longs packed into one exact-sized {@code byte[]}, the layout idea of
 * Redis's {@code intset.c} (a small set of integers costs a few bytes per member instead of a
 * string object per member).
 *
 * <h2>Layout</h2>
 * Members are stored ascending, little-endian, all with the same width: 2, 4 or 8 bytes. The
 * width is the smallest that holds every member ever added; like Redis, an insert that needs a
 * wider type re-encodes the whole array, and a removal never narrows it. The array is exactly
 * {@code size * width} bytes, so every insert or removal reallocates it (as Redis reallocs):
 * fine for the sizes an intset is allowed to reach ({@code set-max-intset-entries}).
 *
 * <p>Static methods over {@code (array, width)} so that {@link SetValue} keeps only the array
 * and one byte of width: the object header of a helper instance would cost more than the members
 * of a 10-member set. Not thread-safe.
 */
final class IntSet {

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static final byte[] EMPTY = new byte[0];

  private IntSet() {}

  /** The width (2, 4 or 8 bytes) {@code v} needs: Redis's {@code _intsetValueEncoding}. */
  static int widthFor(long v) {
    if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      return 2;
    }
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      return 4;
    }
    return 8;
  }

  static int size(byte[] a, int width) {
    return a.length / width;
  }

  static long get(byte[] a, int width, int i) {
    switch (width) {
      case 2:
        return (short) SHORT.get(a, i * 2);
      case 4:
        return (int) INT.get(a, i * 4);
      default:
        return (long) LONG.get(a, i * 8);
    }
  }

  private static void put(byte[] a, int width, int i, long v) {
    switch (width) {
      case 2 -> SHORT.set(a, i * 2, (short) v);
      case 4 -> INT.set(a, i * 4, (int) v);
      default -> LONG.set(a, i * 8, v);
    }
  }

  /** Index of {@code v}, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
  static int search(byte[] a, int width, long v) {
    int lo = 0;
    int hi = size(a, width) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long m = get(a, width, mid);
      if (m < v) {
        lo = mid + 1;
      } else if (m > v) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  /**
   * Inserts {@code v} at insertion point {@code pos} (from a negative {@link #search} result),
   * re-encoding to {@code newWidth} (at least {@code width}) as needed. Returns the new array.
   */
  static byte[] insert(byte[] a, int width, int newWidth, int pos, long v) {
    int n = size(a, width);
    byte[] out = new byte[(n + 1) * newWidth];
    if (newWidth == width) {
      System.arraycopy(a, 0, out, 0, pos * width);
      System.arraycopy(a, pos * width, out, (pos + 1) * width, (n - pos) * width);
    } else {
      for (int i = 0; i < pos; i++) {
        put(out, newWidth, i, get(a, width, i));
      }
      for (int i = pos; i < n; i++) {
        put(out, newWidth, i + 1, get(a, width, i));
      }
    }
    put(out, newWidth, pos, v);
    return out;
  }

  /** Removes the member at {@code pos}. Returns the new array. */
  static byte[] removeAt(byte[] a, int width, int pos) {
    int n = size(a, width);
    if (n == 1) {
      return EMPTY;
    }
    byte[] out = new byte[(n - 1) * width];
    System.arraycopy(a, 0, out, 0, pos * width);
    System.arraycopy(a, (pos + 1) * width, out, pos * width, (n - pos - 1) * width);
    return out;
  }
}
