package io.haredis.core.type;

import java.util.Arrays;

/**
 * The two kinds of sorted-set range: a score interval (ZRANGEBYSCORE, {@code (} for exclusive
 * bounds) and a member interval (ZRANGEBYLEX, {@code [}/{@code (} bounds and the open ends
 * {@code -}/{@code +}). Parsing lives with the commands; this is only the comparison logic.
 */
public final class ZRange {

  private ZRange() {}

  /** {@code [min, max]} over scores, either end possibly exclusive. */
  public static final class Score {
    public final double min;
    public final double max;
    public final boolean minex;
    public final boolean maxex;

    public Score(double min, boolean minex, double max, boolean maxex) {
      this.min = min;
      this.minex = minex;
      this.max = max;
      this.maxex = maxex;
    }

    public boolean gteMin(double v) {
      return minex ? v > min : v >= min;
    }

    public boolean lteMax(double v) {
      return maxex ? v < max : v <= max;
    }

    /** False when no value can be inside (min above max, or equal with an exclusive end). */
    public boolean nonEmpty() {
      return !(min > max || (min == max && (minex || maxex)));
    }
  }

  /** A member interval; a bound is a string, or the open end {@code -} / {@code +}. */
  public static final class Lex {
    /** Kind of a bound. */
    public static final int NEG_INF = -1;
    public static final int VALUE = 0;
    public static final int POS_INF = 1;

    final byte[] min;
    final byte[] max;
    final int minKind;
    final int maxKind;
    final boolean minex;
    final boolean maxex;

    public Lex(int minKind, byte[] min, boolean minex, int maxKind, byte[] max, boolean maxex) {
      this.minKind = minKind;
      this.min = min;
      this.minex = minex;
      this.maxKind = maxKind;
      this.max = max;
      this.maxex = maxex;
    }

    /** Redis's sdscmplex: the open ends sort before / after every string. */
    private static int cmp(int ak, byte[] a, int bk, byte[] b) {
      if (ak != VALUE || bk != VALUE) {
        if (ak == bk) {
          return 0;
        }
        if (ak == NEG_INF || bk == POS_INF) {
          return -1;
        }
        return 1;
      }
      return Arrays.compareUnsigned(a, b);
    }

    public boolean gteMin(byte[] v) {
      int c = cmp(VALUE, v, minKind, min);
      return minex ? c > 0 : c >= 0;
    }

    public boolean lteMax(byte[] v) {
      int c = cmp(VALUE, v, maxKind, max);
      return maxex ? c < 0 : c <= 0;
    }

    public boolean nonEmpty() {
      int c = cmp(minKind, min, maxKind, max);
      return !(c > 0 || (c == 0 && (minex || maxex)));
    }
  }
}
