package io.haredis.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Draws random commands over a tiny key space (so types clash and options collide), with the
 * normalizer that makes replies Redis leaves unordered comparable. Shared by the differential
 * test and the replication-log replay test.
 */
public final class RandomCommands {

  public static String printable(String resp) {
    return resp.replace("\r\n", "\\r\\n");
  }

  /** Sorts the elements of a flat array reply so unordered replies compare equal. */
  public static String sortArray(String resp) {
    if (!resp.startsWith("*")) {
      return resp;
    }
    String[] parts = resp.split("\r\n");
    List<String> elems = new ArrayList<>();
    for (int i = 1; i + 1 < parts.length; i += 2) {
      elems.add(parts[i] + "\r\n" + parts[i + 1]);
    }
    elems.sort(null);
    return parts[0] + "|" + String.join("|", elems);
  }

  /** SCAN reply: cursor then the key array, compared as a set. */
  public static String sortScan(String resp) {
    int second = resp.indexOf("*", 1);
    if (!resp.startsWith("*2\r\n") || second < 0) {
      return resp;
    }
    return resp.substring(0, second) + sortArray(resp.substring(second));
  }

  /**
   * Whether two replies to a time-dependent command agree: equal, or both non-negative
   * integers within {@code tolerance} (two servers run the command a moment apart, so a TTL set
   * relative to "now" differs by a millisecond or so).
   */
  public static boolean sameWithin(String a, String b, long tolerance) {
    if (a.equals(b)) {
      return true;
    }
    if (tolerance == 0 || !a.startsWith(":") || !b.startsWith(":")) {
      return false;
    }
    long x = Long.parseLong(a.substring(1, a.length() - 2));
    long y = Long.parseLong(b.substring(1, b.length() - 2));
    return x >= 0 && y >= 0 && Math.abs(x - y) <= tolerance;
  }


  static String[] arr(String... s) {
    return s;
  }

  public record Cmd(String[] args, Function<String, String> normalizer, long tolerance) {
    @Override
    public String toString() {
      return String.join(" ", Arrays.stream(args).map(a -> a.isEmpty() ? "\"\"" : a).toList());
    }
  }

  private final Random r;

  public RandomCommands(Random r) {
    this.r = r;
  }

  private String key() {
    return "k" + r.nextInt(6);
  }

  private String value() {
    return switch (r.nextInt(9)) {
      case 0 -> Integer.toString(r.nextInt(200) - 100);
      case 1 -> "" + (r.nextInt(2000) - 1000) / 10.0;
      case 2 -> "";
      case 3 -> "9223372036854775807";
      case 4 -> "x".repeat(1 + r.nextInt(60));
      case 5 -> "hello world";
      case 6 -> "0" + r.nextInt(10);
      case 7 -> "1e3";
      default -> "v" + r.nextInt(5);
    };
  }

  private String num() {
    return switch (r.nextInt(8)) {
      case 0 -> "-" + r.nextInt(5);
      case 1 -> "abc";
      case 2 -> "9223372036854775807";
      case 3 -> "1.5";
      default -> Integer.toString(r.nextInt(20));
    };
  }

  /** A millisecond argument that never expires a key mid-sequence: huge, zero, negative or invalid. */
  private String msNum() {
    return switch (r.nextInt(6)) {
      case 0 -> "0";
      case 1 -> "-5";
      case 2 -> "abc";
      case 3 -> "1.5";
      default -> "1500000"; // never equal to the 1000 s of the EX forms: GT/LT must not hinge on a millisecond
    };
  }

  private static final Function<String, String> EXACT = s -> s;

  private boolean inMulti;

  /**
   * The next command. Inside an open transaction, commands whose replies need normalizing
   * (unordered or time-dependent) are redrawn, since their replies end up inside EXEC's array.
   */
  public Cmd next() {
    while (true) {
      Cmd c = draw();
      String name = c.args()[0];
      if (inMulti && (c.normalizer() != EXACT || c.tolerance() != 0)) {
        continue;
      }
      if (name.equals("MULTI")) {
        inMulti = true;
      } else if (name.equals("EXEC") || name.equals("DISCARD")) {
        inMulti = false;
      }
      return c;
    }
  }

  private Cmd draw() {
    String k = key();
    long farFuture = 4_000_000_000L + r.nextInt(1000);
    String[] a = switch (r.nextInt(50)) {
      case 0, 1 -> arr("GET", k);
      case 2, 3 -> setCommand(k);
      case 4 -> arr("SETNX", k, value());
      case 5 -> arr("SETEX", k, num(), value());
      case 6 -> arr("PSETEX", k, msNum(), value());
      case 7 -> arr("GETSET", k, value());
      case 8 -> arr("GETDEL", k);
      case 9 -> getex(k);
      case 10 -> arr("MGET", k, key(), key());
      case 11 -> arr("MSET", k, value(), key(), value());
      case 12 -> arr("MSETNX", k, value(), key(), value());
      case 13 -> arr("APPEND", k, value());
      case 14 -> arr("STRLEN", k);
      case 15 -> arr("INCR", k);
      case 16 -> arr("DECR", k);
      case 17 -> arr("INCRBY", k, num());
      case 18 -> arr("DECRBY", k, num());
      case 19 -> arr("INCRBYFLOAT", k, r.nextBoolean() ? "" + (r.nextInt(2000) - 1000) / 100.0 : value());
      case 20 -> arr("GETRANGE", k, num(), num());
      case 21 -> arr("SETRANGE", k, r.nextBoolean() ? Integer.toString(r.nextInt(10)) : num(), value());
      case 22 -> arr("SUBSTR", k, num(), num());
      case 23 -> r.nextBoolean() ? arr("LCS", k, key()) : arr("LCS", k, key(), r.nextBoolean() ? "LEN" : "IDX");
      case 24 -> arr("DEL", k, key());
      case 25 -> arr("UNLINK", k);
      case 26 -> arr("EXISTS", k, k, key());
      case 27 -> arr("TYPE", k);
      case 28 -> expire(k, "EXPIRE", r.nextBoolean() ? "1000" : num());
      case 29 -> expire(k, "PEXPIRE", msNum());
      case 30 -> expire(k, "EXPIREAT", r.nextBoolean() ? Long.toString(farFuture) : num());
      case 31 -> expire(k, "PEXPIREAT", r.nextBoolean() ? Long.toString(farFuture * 1000) : msNum());
      case 32 -> arr("TTL", k);
      case 33 -> arr("EXPIRETIME", k);
      case 34 -> arr("PEXPIRETIME", k);
      case 35 -> arr("PERSIST", k);
      case 36 -> arr("KEYS", r.nextBoolean() ? "*" : "k[0-2]");
      case 37 -> arr("RENAME", k, key());
      case 38 -> arr("RENAMENX", k, key());
      case 39 -> arr("EXISTS", k); // not DBSIZE: it counts expired keys not yet collected, which differs by timing
      case 40 -> arr("SELECT", r.nextInt(5) == 0 ? num() : Integer.toString(r.nextInt(3)));
      case 41 -> arr("MOVE", k, Integer.toString(r.nextInt(3)));
      case 42 -> r.nextBoolean() ? arr("COPY", k, key()) : arr("COPY", k, key(), "DB", Integer.toString(r.nextInt(3)), "REPLACE");
      case 43 -> arr("TOUCH", k, key());
      case 44 -> arr("OBJECT", "ENCODING", k);
      case 45 -> r.nextBoolean() ? arr("SCAN", "0", "COUNT", "1000") : arr("SCAN", "0", "MATCH", "k[1-3]", "COUNT", "1000", "TYPE", "string");
      case 46 -> arr("PTTL", k);
      case 47 -> arr(r.nextBoolean() ? "MULTI" : "EXEC");
      case 48 -> r.nextInt(3) == 0 ? arr("WATCH", k) : arr(r.nextBoolean() ? "DISCARD" : "UNWATCH");
      default -> r.nextInt(20) == 0 ? arr("SWAPDB", "0", Integer.toString(r.nextInt(3))) : arr("ECHO", value());
    };
    Function<String, String> norm = EXACT;
    switch (a[0]) {
      case "KEYS" -> norm = RandomCommands::sortArray;
      case "SCAN" -> norm = RandomCommands::sortScan;
      default -> { }
    }
    long tolerance = switch (a[0]) {
      case "PTTL", "PEXPIRETIME" -> 100;
      case "TTL", "EXPIRETIME" -> 1;
      default -> 0;
    };
    return new Cmd(a, norm, tolerance);
  }

  private String[] setCommand(String k) {
    List<String> args = new ArrayList<>(List.of("SET", k, value()));
    int n = r.nextInt(3);
    String[] opts = {"NX", "XX", "GET", "KEEPTTL", "EX", "PX", "EXAT", "PXAT"};
    for (int i = 0; i < n; i++) {
      String o = opts[r.nextInt(opts.length)];
      args.add(o);
      switch (o) {
        case "EX" -> args.add(r.nextBoolean() ? "1000" : num());
        case "PX" -> args.add(msNum());
        case "EXAT" -> args.add(r.nextBoolean() ? "4000000000" : num());
        case "PXAT" -> args.add(r.nextBoolean() ? "4000000000000" : msNum());
        default -> { }
      }
    }
    return args.toArray(String[]::new);
  }

  private String[] getex(String k) {
    return switch (r.nextInt(5)) {
      case 0 -> arr("GETEX", k);
      case 1 -> arr("GETEX", k, "PERSIST");
      case 2 -> arr("GETEX", k, "EX", r.nextBoolean() ? "1000" : num());
      case 3 -> arr("GETEX", k, "EXAT", "4000000000");
      default -> arr("GETEX", k, "PX", msNum(), "PERSIST");
    };
  }

  private String[] expire(String k, String cmd, String when) {
    String[] flags = {"NX", "XX", "GT", "LT"};
    return switch (r.nextInt(4)) {
      case 0 -> arr(cmd, k, when, flags[r.nextInt(4)]);
      case 1 -> arr(cmd, k, when, flags[r.nextInt(4)], flags[r.nextInt(4)]);
      default -> arr(cmd, k, when);
    };
  }
}

