package io.haredis.core.config;

import java.util.Locale;

/** Redis's memory notation ({@code memtoull}): 1k=1000, 1kb=1024, m/mb, g/gb, plain bytes. */
public final class MemoryUnits {

  private MemoryUnits() {}

  /** Bytes, or -1 if malformed. */
  public static long parse(String text) {
    String s = text.trim().toLowerCase(Locale.ROOT);
    long mul = 1;
    String digits = s;
    String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"}, {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        mul = Long.parseLong(u[1]);
        digits = s.substring(0, s.length() - u[0].length());
        break;
      }
    }
    try {
      long n = Long.parseLong(digits);
      if (n < 0 || (mul > 1 && n > Long.MAX_VALUE / mul)) {
        return -1;
      }
      return n * mul;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The shortest exact form CONFIG REWRITE writes: {@code 1gb}, {@code 64mb}, {@code 16kb}, or bytes. */
  public static String format(long bytes) {
    long gb = 1024L * 1024 * 1024;
    if (bytes != 0 && bytes % gb == 0) {
      return bytes / gb + "gb";
    }
    if (bytes != 0 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + "mb";
    }
    if (bytes != 0 && bytes % 1024 == 0) {
      return bytes / 1024 + "kb";
    }
    return Long.toString(bytes);
  }
}
