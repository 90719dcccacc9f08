package io.haredis.core.commands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random bitmap and string commands over a tiny key space, so bitmaps, plain strings,
 * int-encoded strings and a list (for WRONGTYPE) meet. Offsets are mostly small, sometimes up
 * to the 1 MB proto-max-bulk-len the tests configure (8388608 bits), sometimes past it or past
 * 2^32, plus malformed ones. Arguments are ISO-8859-1 strings (one char per byte).
 */
final class BitmapRandomCommands {

  /** The proto-max-bulk-len the tests set on every server (the smallest Redis allows). */
  static final String MAX_BULK = "1048576";

  private static final String[] KEYS = {"b0", "b1", "b2", "s", "l"};

  private final Random r;
  private final boolean errors;

  /** @param errors whether to draw malformed commands too (not for the replay test). */
  BitmapRandomCommands(Random r, boolean errors) {
    this.r = r;
    this.errors = errors;
  }

  static byte[][] bytes(String[] cmd) {
    byte[][] b = new byte[cmd.length][];
    for (int i = 0; i < cmd.length; i++) {
      b[i] = cmd[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return b;
  }

  private String key() {
    // The list key is only a target for reads/writes that must fail with WRONGTYPE.
    return r.nextInt(errors ? 12 : 1000) == 0 ? "l" : KEYS[r.nextInt(4)];
  }

  private String pick(String... s) {
    return s[r.nextInt(s.length)];
  }

  private boolean rare(int n) {
    return errors && r.nextInt(n) == 0;
  }

  String offset() {
    int k = r.nextInt(100);
    if (k < 60) {
      return String.valueOf(r.nextInt(80));
    }
    if (k < 85) {
      return String.valueOf(r.nextInt(600));
    }
    if (k < 93) {
      return String.valueOf(r.nextInt(40_000));
    }
    if (k < 95) {
      return pick("8388607", "8388600", "8388544", "8388543");
    }
    if (!errors || r.nextBoolean()) {
      return String.valueOf(r.nextInt(64));
    }
    return pick("8388608", "8388609", "4294967296", "4294967295", "34359738368",
        "9223372036854775807", "-1", "-8", "abc", "", "1.5", " 1", "+1", "01", "#1",
        "-9223372036854775808", "18446744073709551616");
  }

  private String value() {
    return switch (r.nextInt(12)) {
      case 0, 1 -> String.valueOf(r.nextInt(100_000) - 500);
      case 2 -> pick("9223372036854775807", "-9223372036854775808", "0", "-1");
      case 3 -> "";
      case 4 -> {
        StringBuilder b = new StringBuilder();
        for (int i = 0, n = r.nextInt(12); i < n; i++) {
          b.append((char) r.nextInt(256));
        }
        yield b.toString();
      }
      case 5 -> "\u00ff".repeat(r.nextInt(70));
      case 6 -> "x".repeat(30 + r.nextInt(40));
      default -> "v" + r.nextInt(1000);
    };
  }

  private String smallIndex() {
    int k = r.nextInt(10);
    if (k < 6) {
      return String.valueOf(r.nextInt(30) - 12);
    }
    if (k < 9) {
      return String.valueOf(r.nextInt(400) - 200);
    }
    return errors ? pick("9223372036854775807", "-9223372036854775808", "x", "")
        : String.valueOf(r.nextInt(1000) - 500);
  }

  private String unit() {
    return errors && r.nextInt(15) == 0 ? pick("bits", "", "bytes") : pick("BIT", "byte", "bit", "BYTE");
  }

  private String fieldType() {
    if (rare(25)) {
      return pick("u64", "i65", "i0", "u0", "x8", "I8", "U8", "i", "u", "i-1", "i08", "i+8", "", "i8 ", "i1\u00009");
    }
    boolean signed = r.nextBoolean();
    int k = r.nextInt(10);
    int bits = k < 5 ? 1 + r.nextInt(16) : k < 8 ? 1 + r.nextInt(signed ? 64 : 63) : signed ? 64 : 63;
    return (signed ? "i" : "u") + bits;
  }

  private String fieldOffset() {
    if (r.nextInt(5) == 0) {
      return "#" + (errors && r.nextInt(10) == 0 ? pick("-1", "x", "", "4294967296", "144115188075855872")
          : String.valueOf(r.nextInt(20)));
    }
    return offset();
  }

  private String fieldValue() {
    int k = r.nextInt(10);
    if (k < 4) {
      return String.valueOf(r.nextInt(600) - 300);
    }
    if (k < 6) {
      return String.valueOf(r.nextLong());
    }
    if (k < 8) {
      return pick("127", "128", "-128", "-129", "255", "256", "1", "-1", "0", "32767", "65535",
          "9223372036854775807", "-9223372036854775808", "4611686018427387904");
    }
    return errors && r.nextInt(4) == 0 ? pick("x", "", "1.0", "9223372036854775808")
        : String.valueOf(r.nextInt(5));
  }

  String[] next() {
    String key = key();
    List<String> a = new ArrayList<>();
    int k = r.nextInt(100);
    if (k < 16) {
      String bit = rare(20) ? pick("2", "-1", "x", "", "01") : pick("0", "1", "1");
      a.add("SETBIT");
      a.add(key);
      a.add(offset());
      a.add(bit);
    } else if (k < 24) {
      a.add("GETBIT");
      a.add(key);
      a.add(offset());
    } else if (k < 32) {
      a.add("BITCOUNT");
      a.add(key);
      int shape = r.nextInt(errors ? 5 : 4);
      if (shape >= 1) {
        a.add(smallIndex());
        if (shape == 4) {
          return a.toArray(new String[0]); // syntax error form (argc 3)
        }
        a.add(smallIndex());
      }
      if (shape >= 2) {
        a.add(unit());
      }
      if (shape == 3 && rare(5)) {
        a.add("extra");
      }
    } else if (k < 42) {
      a.add("BITPOS");
      a.add(key);
      a.add(rare(15) ? pick("2", "-1", "x") : pick("0", "1"));
      int shape = r.nextInt(4);
      if (shape >= 1) {
        a.add(smallIndex());
      }
      if (shape >= 2) {
        a.add(smallIndex());
      }
      if (shape >= 3) {
        a.add(unit());
      }
      if (shape == 3 && rare(5)) {
        a.add("extra");
      }
    } else if (k < 50) {
      String op = rare(15) ? pick("nand", "", "andx") : pick("AND", "or", "Xor", "NOT", "and", "OR");
      a.add("BITOP");
      a.add(op);
      a.add(key);
      int n = op.equalsIgnoreCase("not") && !rare(5) ? 1 : 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        a.add(key());
      }
    } else if (k < 66) {
      boolean ro = r.nextInt(5) == 0;
      a.add(ro ? "BITFIELD_RO" : "BITFIELD");
      a.add(key);
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        int op = r.nextInt(ro && !rare(4) ? 1 : 10);
        if (op < 3) {
          a.add(pick("GET", "get"));
          a.add(fieldType());
          a.add(fieldOffset());
        } else if (op < 6) {
          a.add(pick("SET", "set"));
          a.add(fieldType());
          a.add(fieldOffset());
          a.add(fieldValue());
        } else if (op < 9) {
          a.add(pick("INCRBY", "incrby"));
          a.add(fieldType());
          a.add(fieldOffset());
          a.add(fieldValue());
        } else {
          a.add("OVERFLOW");
          a.add(rare(8) ? pick("wrapx", "") : pick("WRAP", "sat", "FAIL", "fail"));
        }
      }
      if (rare(20)) {
        a.add(pick("GET", "SET", "OVERFLOW", "BOGUS", "INCRBY"));
        if (r.nextBoolean()) {
          a.add("u8");
        }
      }
    } else if (k < 74) {
      a.add("SET");
      a.add(key);
      a.add(value());
    } else if (k < 79) {
      a.add("APPEND");
      a.add(key);
      a.add(value());
    } else if (k < 83) {
      a.add("SETRANGE");
      a.add(key);
      a.add(String.valueOf(r.nextInt(60)));
      a.add(value());
    } else if (k < 89) {
      a.add("GETRANGE");
      a.add(key);
      a.add(smallIndex());
      a.add(smallIndex());
    } else if (k < 92) {
      a.add("GET");
      a.add(key);
    } else if (k < 94) {
      a.add("STRLEN");
      a.add(key);
    } else if (k < 96) {
      a.add("DEL");
      a.add(key);
    } else if (k < 98) {
      a.add("INCRBY");
      a.add(key);
      a.add(String.valueOf(r.nextInt(1000) - 500));
    } else {
      a.add("OBJECT");
      a.add("ENCODING");
      a.add(key);
    }
    return a.toArray(new String[0]);
  }
}
