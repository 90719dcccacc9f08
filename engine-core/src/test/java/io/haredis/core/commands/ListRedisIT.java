package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the list commands: the same commands go to a haredis node and to a real
 * redis-server 7.0 over TCP, on a RESP2 and a RESP3 connection each, and every reply must be
 * byte-identical (list replies are ordered, so no reply is compared as a set). The datasets are
 * compared with DEBUG DIGEST along the way. The seed is printed; rerun with {@code -Dseed=...}.
 */
class ListRedisIT {

  private static final long SEED = Long.getLong("seed", System.nanoTime());

  /** Hand-picked edge cases, run before the random part. */
  static List<String[]> script() {
    List<String[]> s = new ArrayList<>();
    add(s, "RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c", "9223372036854775807", "-0", "");
    add(s, "OBJECT", "ENCODING", "l");
    add(s, "TYPE", "l");
    add(s, "LPOS", "l", "c", "RANK", "-9223372036854775808");
    add(s, "LPOS", "l", "c", "RANK", "-9223372036854775808", "COUNT", "1");
    add(s, "LPOS", "l", "c", "RANK", "-9223372036854775807", "COUNT", "2");
    add(s, "LPOS", "l", "c", "RANK", "9223372036854775807");
    add(s, "LPOS", "l", "c", "RANK", "2", "COUNT", "0", "MAXLEN", "0");
    add(s, "LPOS", "l", "c", "COUNT", "9223372036854775807");
    add(s, "LPOS", "l", "c", "MAXLEN");
    add(s, "LPOS", "l", "c", "RANK", "1", "RANK", "-1");
    add(s, "LPOS", "l");
    add(s, "LRANGE", "l", "-9223372036854775808", "9223372036854775807");
    add(s, "LRANGE", "l", "9223372036854775807", "-9223372036854775808");
    add(s, "LINDEX", "l", "-9223372036854775808");
    add(s, "LINDEX", "l", "9223372036854775807");
    add(s, "LSET", "l", "-9223372036854775808", "x");
    add(s, "LREM", "l", "-9223372036854775808", "c");
    add(s, "LTRIM", "l", "-9223372036854775808", "9223372036854775807");
    add(s, "LRANGE", "l", "0", "-1");
    add(s, "LPOP", "l", "9223372036854775807");
    add(s, "LPOP", "l", "9223372036854775808");
    add(s, "LPOP", "l", "01");
    add(s, "LPOP");
    add(s, "LMPOP", "1", "l");
    add(s, "LMPOP", "1", "l", "LEFT", "COUNT", "-1");
    add(s, "LMPOP", "1", "l", "LEFT", "COUNT", "9223372036854775807");
    add(s, "LMPOP", "-1", "l", "LEFT");
    add(s, "LMPOP", "2147483648", "l", "LEFT");
    add(s, "LMPOP", "1", "l", "LEFT", "count");
    add(s, "RPUSH", "q", "x");
    add(s, "LMOVE", "q", "q", "RIGHT", "LEFT");
    add(s, "LMOVE", "q", "new", "RIGHT", "LEFT");
    add(s, "EXISTS", "q");
    add(s, "RPOPLPUSH", "new", "new");
    add(s, "LINSERT", "new", "AFTER", "x", "y");
    add(s, "LINSERT", "new", "before", "x", "w");
    add(s, "LRANGE", "new", "0", "-1");
    add(s, "LPUSH", "new");
    add(s, "LLEN", "new", "x");
    add(s, "COMMAND", "GETKEYS", "LMPOP", "2", "a", "b", "LEFT", "COUNT", "2");
    add(s, "COMMAND", "GETKEYS", "LMPOP", "0", "a", "LEFT");
    add(s, "COMMAND", "GETKEYS", "LMOVE", "a", "b", "LEFT", "RIGHT");
    add(s, "COMMAND", "GETKEYS", "RPOPLPUSH", "a", "b");
    add(s, "COMMAND", "GETKEYSANDFLAGS", "LMOVE", "a", "b", "LEFT", "RIGHT");
    add(s, "COMMAND", "GETKEYSANDFLAGS", "LPUSH", "a", "b");
    add(s, "RPUSH", "e", "x");
    add(s, "PEXPIRE", "e", "1");
    add(s, "DEBUG", "SLEEP", "0.01");
    add(s, "LMOVE", "new", "e", "LEFT", "RIGHT");
    add(s, "LRANGE", "e", "0", "-1");
    add(s, "TTL", "e");
    add(s, "RPUSH", "e2", "x");
    add(s, "EXPIRE", "e2", "100");
    add(s, "LPOP", "e2");
    add(s, "RPUSH", "e2", "y");
    add(s, "TTL", "e2");
    add(s, "RPUSH", "e3", "x", "y");
    add(s, "EXPIRE", "e3", "100");
    add(s, "LSET", "e3", "0", "z");
    add(s, "LTRIM", "e3", "0", "0");
    add(s, "TTL", "e3");
    return s;
  }

  private static void add(List<String[]> s, String... cmd) {
    s.add(cmd);
  }

  @Test
  void scriptAndRandomCommands_haredisAndRedis_identicalReplies() {
    System.out.println("ListRedisIT seed=" + SEED);
    try (RealRedis real = RealRedis.start("--enable-debug-command", "yes");
        RedisServer server = RedisServer.builder().port(0).start();
        RawRespClient ours2 = new RawRespClient(server.address().host(), server.address().port());
        RawRespClient ours3 = new RawRespClient(server.address().host(), server.address().port());
        RawRespClient theirs2 = new RawRespClient(real.host(), real.port());
        RawRespClient theirs3 = new RawRespClient(real.host(), real.port())) {
      ours3.call("HELLO", "3");
      theirs3.call("HELLO", "3");
      List<String> diffs = new ArrayList<>();
      for (String[] cmd : script()) {
        compare(diffs, "script", cmd, ours2, theirs2);
        compare(diffs, "script RESP3", cmd, ours3, theirs3);
      }
      ours2.call("FLUSHALL");
      theirs2.call("FLUSHALL");
      Random r = new Random(SEED);
      ListRandomCommands gen = new ListRandomCommands(r, true);
      for (int i = 0; i < 20_000 && diffs.size() < 20; i++) {
        boolean resp3 = r.nextInt(4) == 0;
        compare(diffs, "step " + i + (resp3 ? " RESP3" : ""), gen.next(),
            resp3 ? ours3 : ours2, resp3 ? theirs3 : theirs2);
        if (i % 500 == 499) {
          compare(diffs, "step " + i, new String[] {"DEBUG", "DIGEST"}, ours2, theirs2);
        }
      }
      compare(diffs, "end", new String[] {"DEBUG", "DIGEST"}, ours2, theirs2);
      // Read commands count keyspace hits and misses, write commands do not (lookupKeyRead/Write).
      String want = statsLine(theirs2.call("INFO", "stats"), "keyspace_hits") + " "
          + statsLine(theirs2.call("INFO", "stats"), "keyspace_misses");
      String got = statsLine(ours2.call("INFO", "stats"), "keyspace_hits") + " "
          + statsLine(ours2.call("INFO", "stats"), "keyspace_misses");
      if (!want.equals(got)) {
        diffs.add("keyspace stats\n   redis:   " + want + "\n   haredis: " + got);
      }
      assertThat(diffs).as("seed=" + SEED + "\n" + String.join("\n", diffs)).isEmpty();
    }
  }

  private static String statsLine(String info, String field) {
    for (String line : info.split("\r\n")) {
      if (line.startsWith(field + ":")) {
        return line;
      }
    }
    return field + ": missing";
  }

  private static void compare(List<String> diffs, String where, String[] cmd, RawRespClient ours,
      RawRespClient theirs) {
    String want = theirs.call(cmd);
    String got = ours.call(cmd);
    if (!want.equals(got)) {
      diffs.add(where + ": " + String.join(" ", cmd) + "\n   redis:   " + want.replace("\r\n", "\\r\\n")
          + "\n   haredis: " + got.replace("\r\n", "\\r\\n"));
    }
  }
}
