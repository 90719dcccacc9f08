package io.haredis.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random set-command sequences over a tiny key space (four set keys and a string key, so
 * WRONGTYPE comes up) and a member pool that mixes small and wide integers, non-canonical
 * integers ({@code 007}, {@code +1}, {@code -0}) and strings, so intset conversions happen
 * often. Shared by SetRedisIT and SetReplicationReplayTest.
 */
final class SetCommandGen {

  static final String[] KEYS = {"s1", "s2", "s3", "s4", "str"};
  private static final String[] ODD_MEMBERS = {
    "a", "b", "c", "hello", "", "007", "+1", "-0", " 1", "1.5", "40000", "-40000", "3000000000",
    "-3000000000", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "x y",
  };

  private final Random r;

  SetCommandGen(Random r) {
    this.r = r;
  }

  String key() {
    int i = r.nextInt(100);
    return i < 4 ? "str" : i < 8 ? "nokey" : KEYS[r.nextInt(4)];
  }

  String member() {
    int i = r.nextInt(100);
    if (i < 70) {
      return Integer.toString(r.nextInt(24) - 3);
    }
    return ODD_MEMBERS[r.nextInt(ODD_MEMBERS.length)];
  }

  private String count() {
    int i = r.nextInt(100);
    if (i < 3) {
      return r.nextBoolean() ? "x" : "-9223372036854775808";
    }
    return Integer.toString(r.nextInt(i < 20 ? 40 : 8) - (i < 30 ? 6 : 0));
  }

  private List<String> keys(int min) {
    List<String> k = new ArrayList<>();
    int n = min + r.nextInt(3);
    for (int j = 0; j < n; j++) {
      k.add(key());
    }
    return k;
  }

  private static String[] cmd(String name, List<String> rest) {
    List<String> a = new ArrayList<>();
    a.add(name);
    a.addAll(rest);
    return a.toArray(String[]::new);
  }

  String[] next() {
    int p = r.nextInt(100);
    if (r.nextInt(60) == 0) {
      // A bulk load: big sets cross the default 512-entry intset limit and exercise the
      // hashtable paths (SPOP's strategies, SSCAN across resizes).
      List<String> a = new ArrayList<>(List.of(key()));
      int n = 100 + r.nextInt(300);
      for (int j = 0; j < n; j++) {
        a.add(Integer.toString(r.nextInt(1500)));
      }
      return cmd("SADD", a);
    }
    if (p < 22) {
      List<String> a = new ArrayList<>(List.of(key()));
      int n = 1 + r.nextInt(r.nextInt(10) == 0 ? 30 : 4);
      for (int j = 0; j < n; j++) {
        a.add(member());
      }
      return cmd("SADD", a);
    }
    if (p < 30) {
      List<String> a = new ArrayList<>(List.of(key()));
      int n = 1 + r.nextInt(3);
      for (int j = 0; j < n; j++) {
        a.add(member());
      }
      return cmd("SREM", a);
    }
    if (p < 33) {
      return new String[] {"SMEMBERS", key()};
    }
    if (p < 35) {
      return new String[] {"SISMEMBER", key(), member()};
    }
    if (p < 37) {
      return new String[] {"SMISMEMBER", key(), member(), member()};
    }
    if (p < 39) {
      return new String[] {"SCARD", key()};
    }
    if (p < 44) {
      return r.nextInt(3) == 0 ? new String[] {"SPOP", key()} : new String[] {"SPOP", key(), count()};
    }
    if (p < 48) {
      return r.nextInt(4) == 0 ? new String[] {"SRANDMEMBER", key()} : new String[] {"SRANDMEMBER", key(), count()};
    }
    if (p < 53) {
      return new String[] {"SMOVE", key(), key(), member()};
    }
    if (p < 57) {
      return cmd("SINTER", keys(1));
    }
    if (p < 60) {
      List<String> k = keys(1);
      List<String> a = new ArrayList<>();
      int roll = r.nextInt(20);
      a.add(roll == 0 ? "0" : roll == 1 ? Integer.toString(k.size() + 1) : Integer.toString(k.size()));
      a.addAll(k);
      if (r.nextBoolean()) {
        a.add("LIMIT");
        a.add(r.nextInt(10) == 0 ? "-1" : Integer.toString(r.nextInt(4)));
      }
      return cmd("SINTERCARD", a);
    }
    if (p < 64) {
      List<String> a = new ArrayList<>(List.of(key()));
      a.addAll(keys(1));
      return cmd("SINTERSTORE", a);
    }
    if (p < 68) {
      return cmd("SUNION", keys(1));
    }
    if (p < 72) {
      List<String> a = new ArrayList<>(List.of(key()));
      a.addAll(keys(1));
      return cmd("SUNIONSTORE", a);
    }
    if (p < 77) {
      return cmd("SDIFF", keys(1));
    }
    if (p < 82) {
      List<String> a = new ArrayList<>(List.of(key()));
      a.addAll(keys(1));
      return cmd("SDIFFSTORE", a);
    }
    if (p < 87) {
      List<String> a = new ArrayList<>(List.of(key(), r.nextInt(15) == 0 ? "-x" : "0"));
      if (r.nextBoolean()) {
        a.add("MATCH");
        a.add(r.nextBoolean() ? "1*" : "*");
      }
      if (r.nextBoolean()) {
        a.add("COUNT");
        a.add(Integer.toString(r.nextInt(6)));
      }
      return cmd("SSCAN", a);
    }
    if (p < 90) {
      return new String[] {"SET", "str", member()};
    }
    if (p < 92) {
      return new String[] {"DEL", key()};
    }
    if (p < 94) {
      return new String[] {"CONFIG", "SET", "set-max-intset-entries", new String[] {"0", "1", "4", "8", "16", "512"}[r.nextInt(6)]};
    }
    return new String[] {"OBJECT", "ENCODING", key()};
  }
}
