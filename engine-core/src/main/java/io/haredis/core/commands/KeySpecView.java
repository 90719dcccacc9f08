package io.haredis.core.commands;

import java.util.List;
import java.util.Locale;

/**
 * One 7.0 key specification parsed from {@link io.haredis.core.command.KeySpec}'s compact form
 * ({@code "RW access update|index:1|range:0,1,0"}), for COMMAND INFO's rendering and for key
 * extraction (COMMAND GETKEYS). Flags are kept as a bit set in Redis's reply order.
 *
 * @param flags bits of {@link #FLAG_NAMES}
 * @param beginType {@code index}, {@code keyword} or {@code unknown}
 * @param index begin_search index (type index)
 * @param keyword the keyword (type keyword)
 * @param startFrom where the keyword search starts, negative from the end (type keyword)
 * @param findType {@code range}, {@code keynum} or {@code unknown}
 * @param a lastkey (range) or keynumidx (keynum)
 * @param b keystep (range) or firstkey (keynum)
 * @param c limit (range) or keystep (keynum)
 */
record KeySpecView(int flags, String beginType, int index, String keyword, int startFrom,
    String findType, int a, int b, int c) {

  /** Key-spec flag names, in the order COMMAND INFO prints them. */
  static final List<String> FLAG_NAMES = List.of("RO", "RW", "OW", "RM", "access", "update", "insert",
      "delete", "not_key", "incomplete", "variable_flags");

  static final int NOT_KEY = 1 << FLAG_NAMES.indexOf("not_key");
  static final int INCOMPLETE = 1 << FLAG_NAMES.indexOf("incomplete");
  static final int VARIABLE_FLAGS = 1 << FLAG_NAMES.indexOf("variable_flags");

  /** Parses one compact spec. */
  static KeySpecView parse(String compact) {
    String[] parts = compact.split("\\|", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("key spec needs flags|begin_search|find_keys: " + compact);
    }
    int flags = 0;
    for (String f : parts[0].trim().split("\\s+")) {
      if (!f.isEmpty()) {
        flags |= flagBit(f);
      }
    }
    String bs = parts[1].trim();
    String beginType;
    int index = 0;
    String keyword = null;
    int startFrom = 0;
    if (bs.startsWith("index:")) {
      beginType = "index";
      index = Integer.parseInt(bs.substring(6));
    } else if (bs.startsWith("keyword:")) {
      beginType = "keyword";
      String v = bs.substring(8);
      int comma = v.lastIndexOf(',');
      keyword = v.substring(0, comma);
      startFrom = Integer.parseInt(v.substring(comma + 1));
    } else if (bs.equals("unknown")) {
      beginType = "unknown";
    } else {
      throw new IllegalArgumentException("bad begin_search in key spec: " + compact);
    }
    String fk = parts[2].trim();
    String findType;
    int[] n = {0, 0, 0};
    if (fk.startsWith("range:") || fk.startsWith("keynum:")) {
      findType = fk.substring(0, fk.indexOf(':'));
      String[] nums = fk.substring(fk.indexOf(':') + 1).split(",");
      if (nums.length != 3) {
        throw new IllegalArgumentException("find_keys needs three numbers: " + compact);
      }
      for (int i = 0; i < 3; i++) {
        n[i] = Integer.parseInt(nums[i].trim());
      }
    } else if (fk.equals("unknown")) {
      findType = "unknown";
    } else {
      throw new IllegalArgumentException("bad find_keys in key spec: " + compact);
    }
    return new KeySpecView(flags, beginType, index, keyword, startFrom, findType, n[0], n[1], n[2]);
  }

  static int flagBit(String name) {
    for (int i = 0; i < FLAG_NAMES.size(); i++) {
      if (FLAG_NAMES.get(i).equalsIgnoreCase(name)) {
        return 1 << i;
      }
    }
    throw new IllegalArgumentException("unknown key spec flag: " + name);
  }

  boolean has(int bit) {
    return (flags & bit) != 0;
  }

  /** Flag names in Redis's order. */
  List<String> flagNames() {
    return flagNames(flags);
  }

  static List<String> flagNames(int flags) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < FLAG_NAMES.size(); i++) {
      if ((flags & (1 << i)) != 0) {
        out.add(FLAG_NAMES.get(i));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    String bs = switch (beginType) {
      case "index" -> "index:" + index;
      case "keyword" -> "keyword:" + keyword.toUpperCase(Locale.ROOT) + "," + startFrom;
      default -> "unknown";
    };
    String fk = findType.equals("unknown") ? "unknown" : findType + ":" + a + "," + b + "," + c;
    return String.join(" ", flagNames()) + "|" + bs + "|" + fk;
  }
}
