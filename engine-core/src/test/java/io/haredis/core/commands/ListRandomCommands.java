package io.haredis.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random list commands over a tiny key space (three list keys and a key that often holds a
 * string, so WRONGTYPE comes up), with small element alphabets so pivots, LREM and LPOS match,
 * and a share of malformed arguments so error paths are compared too. Shared by the list
 * differential IT and the replication replay test.
 */
final class ListRandomCommands {

  private static final String[] KEYS = {"l0", "l1", "l2", "s"};
  private static final String[] VALUES = {"a", "b", "c", "1", "2", "10", "-3", "", "0123", "xyzzy"};
  private static final String[] ENDS = {"LEFT", "RIGHT", "left", "right"};
  private static final String[] BAD_NUMBERS = {"x", "1.5", "", " 1", "+1", "9223372036854775808",
      "-9223372036854775808", "9223372036854775807"};

  private final Random r;
  private final boolean withErrors;

  ListRandomCommands(Random r, boolean withErrors) {
    this.r = r;
    this.withErrors = withErrors;
  }

  private String key() {
    return KEYS[r.nextInt(KEYS.length)];
  }

  private String value() {
    return r.nextInt(20) == 0 ? "v" + r.nextInt(1000) : VALUES[r.nextInt(VALUES.length)];
  }

  private String index(int spread) {
    if (withErrors && r.nextInt(30) == 0) {
      return BAD_NUMBERS[r.nextInt(BAD_NUMBERS.length)];
    }
    return Integer.toString(r.nextInt(2 * spread + 1) - spread);
  }

  private String end() {
    if (withErrors && r.nextInt(40) == 0) {
      return "MIDDLE";
    }
    return ENDS[r.nextInt(ENDS.length)];
  }

  String[] next() {
    List<String> c = new ArrayList<>();
    String k = key();
    switch (r.nextInt(24)) {
      case 0, 1, 2 -> {
        c.add(r.nextBoolean() ? "RPUSH" : "LPUSH");
        c.add(k);
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          c.add(value());
        }
      }
      case 3 -> {
        c.add(r.nextBoolean() ? "RPUSHX" : "LPUSHX");
        c.add(k);
        c.add(value());
      }
      case 4, 5 -> {
        c.add(r.nextBoolean() ? "LPOP" : "RPOP");
        c.add(k);
        if (r.nextBoolean()) {
          c.add(withErrors && r.nextInt(10) == 0 ? "-1" : Integer.toString(r.nextInt(5)));
        }
        if (withErrors && r.nextInt(30) == 0) {
          c.add("1");
        }
      }
      case 6 -> {
        c.add("LLEN");
        c.add(k);
      }
      case 7 -> {
        c.add("LINDEX");
        c.add(k);
        c.add(index(6));
      }
      case 8 -> {
        c.add("LSET");
        c.add(k);
        c.add(index(6));
        c.add(value());
      }
      case 9, 10 -> {
        c.add("LRANGE");
        c.add(k);
        c.add(index(8));
        c.add(index(8));
      }
      case 11 -> {
        c.add("LTRIM");
        c.add(k);
        c.add(index(5));
        c.add(index(8));
      }
      case 12 -> {
        c.add("LREM");
        c.add(k);
        c.add(index(3));
        c.add(value());
      }
      case 13 -> {
        c.add("LINSERT");
        c.add(k);
        c.add(withErrors && r.nextInt(20) == 0 ? "MIDDLE" : (r.nextBoolean() ? "BEFORE" : "after"));
        c.add(value());
        c.add(value());
      }
      case 14, 15 -> {
        c.add("LPOS");
        c.add(k);
        c.add(value());
        int opts = r.nextInt(4);
        for (int i = 0; i < opts; i++) {
          switch (r.nextInt(withErrors ? 4 : 3)) {
            case 0 -> {
              c.add("RANK");
              c.add(withErrors && r.nextInt(10) == 0 ? "0" : Integer.toString((r.nextInt(3) + 1) * (r.nextBoolean() ? 1 : -1)));
            }
            case 1 -> {
              c.add("COUNT");
              c.add(withErrors && r.nextInt(10) == 0 ? "-2" : Integer.toString(r.nextInt(3)));
            }
            case 2 -> {
              c.add("MAXLEN");
              c.add(withErrors && r.nextInt(10) == 0 ? "x" : Integer.toString(r.nextInt(5)));
            }
            default -> c.add(r.nextBoolean() ? "RANK" : "FOO");
          }
        }
      }
      case 16, 17 -> {
        c.add("LMOVE");
        c.add(k);
        c.add(key());
        c.add(end());
        c.add(end());
      }
      case 18 -> {
        c.add("RPOPLPUSH");
        c.add(k);
        c.add(key());
      }
      case 19, 20 -> {
        c.add("LMPOP");
        int n = 1 + r.nextInt(3);
        c.add(withErrors && r.nextInt(20) == 0 ? (r.nextBoolean() ? "0" : "5") : Integer.toString(n));
        for (int i = 0; i < n; i++) {
          c.add(key());
        }
        c.add(end());
        if (r.nextBoolean()) {
          c.add("COUNT");
          c.add(withErrors && r.nextInt(10) == 0 ? "0" : Integer.toString(1 + r.nextInt(4)));
        }
      }
      case 21 -> {
        c.add("SET");
        c.add(k);
        c.add(value());
      }
      case 22 -> {
        c.add("DEL");
        c.add(k);
      }
      default -> {
        c.add("EXISTS");
        c.add(k);
      }
    }
    return c.toArray(new String[0]);
  }
}
