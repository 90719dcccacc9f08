package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * DUMP and RESTORE against a real redis-server 7.0: Redis's payloads restore here with the
 * same value and encoding, ours restore there, DUMP bytes are Redis's own for every encoding
 * whose layout is deterministic, and DEBUG OBJECT reports Redis's serializedlength.
 */
class DumpRestoreRedisIT {

  private static RealRedis redis;

  @BeforeAll
  static void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
  }

  @AfterAll
  static void stop() {
    if (redis != null) {
      redis.close();
    }
  }

  record Payload(String key, byte[] bytes) {}

  static List<Payload> fixturePayloads() throws Exception {
    List<Payload> out = new ArrayList<>();
    for (String line : Files.readAllLines(RdbFixtures.rdbDir().resolve("dump-payloads.txt"), StandardCharsets.ISO_8859_1)) {
      if (line.isBlank()) {
        continue;
      }
      int tab = line.indexOf('\t');
      out.add(new Payload(line.substring(0, tab), unquote(line.substring(tab + 1))));
    }
    return out;
  }

  /** Undoes redis-cli's quoting ({@code sdscatrepr}). */
  static byte[] unquote(String s) {
    assertThat(s).startsWith("\"").endsWith("\"");
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 1; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        b.write(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'n' -> b.write('\n');
        case 'r' -> b.write('\r');
        case 't' -> b.write('\t');
        case 'a' -> b.write(7);
        case 'b' -> b.write('\b');
        case 'x' -> {
          b.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        }
        default -> b.write(e);
      }
    }
    return b.toByteArray();
  }

  @Test
  void fixturePayloads_restoreHereAsInRedis_andDumpBackToTheSameBytes() throws Exception {
    try (CommandHarness h = new CommandHarness();
        Peer ours = Peer.of(h.node());
        Peer theirs = Peer.of(new RawRespClient(redis.host(), redis.port()))) {
      theirs.call("FLUSHALL");
      List<Payload> payloads = fixturePayloads();
      assertThat(payloads).hasSizeGreaterThanOrEqualTo(10);
      for (Payload p : payloads) {
        assertThat(ours.string("RESTORE", p.key(), 0, p.bytes())).as(p.key()).isEqualTo("OK");
        assertThat(theirs.string("RESTORE", p.key(), 0, p.bytes())).as(p.key()).isEqualTo("OK");
        assertThat(digestValue(ours, p.key())).as(p.key()).isEqualTo(digestValue(theirs, p.key()));
        assertThat(ours.string("OBJECT", "ENCODING", p.key())).as(p.key())
            .isEqualTo(theirs.string("OBJECT", "ENCODING", p.key()));
        assertThat(ours.string("TYPE", p.key())).isEqualTo(theirs.string("TYPE", p.key()));
        if (!ours.string("OBJECT", "ENCODING", p.key()).equals("hashtable")) {
          assertThat(ours.bytes("DUMP", p.key())).as(p.key()).isEqualTo(p.bytes());
        }
      }
      assertThat(ours.string("DEBUG", "DIGEST")).isEqualTo(theirs.string("DEBUG", "DIGEST"));
    }
  }

  @ParameterizedTest(name = "seed={0} rdbcompression={1} fill={2} depth={3}")
  @CsvSource({
    "31, yes, -2, 0",
    "32, no, -2, 0",
    "33, yes, 5, 1",
    "34, yes, -1, 2",
  })
  void sameData_dumpsAreRedisBytes_andRestoreAcross(long seed, String compression, int fill, int depth)
      throws Exception {
    try (CommandHarness h = new CommandHarness();
        Peer ours = Peer.of(h.node());
        Peer theirs = Peer.of(new RawRespClient(redis.host(), redis.port()))) {
      for (Peer p : new Peer[] {ours, theirs}) {
        p.call("FLUSHALL");
        p.call("CONFIG", "SET", "rdbcompression", compression);
        p.call("CONFIG", "SET", "list-max-listpack-size", fill);
        p.call("CONFIG", "SET", "list-compress-depth", depth);
      }
      try {
        for (byte[][] cmd : DatasetScript.build(seed, 2)) {
          String a = ours.string((Object[]) cmd);
          String b = theirs.string((Object[]) cmd);
          assertThat(a).isEqualTo(b);
        }
        int compared = 0;
        for (int db : new int[] {0, 3}) {
          ours.call("SELECT", db);
          theirs.call("SELECT", db);
          for (Object k : ours.list("KEYS", "*")) {
            byte[] key = (byte[]) k;
            String name = new String(key, StandardCharsets.ISO_8859_1);
            byte[] mine = ours.bytes("DUMP", key);
            byte[] redisDump = theirs.bytes("DUMP", key);
            if (DatasetScript.deterministicDump(name)) {
              assertThat(mine).as("DUMP %s", name).isEqualTo(redisDump);
              compared++;
            }
            if (!name.startsWith("lp:")) {
              assertThat(serializedLength(ours, key)).as("serializedlength %s", name)
                  .isEqualTo(serializedLength(theirs, key));
            }
            // ours restores there, theirs restores here, with the same value, TTL and encoding
            long pexpire = (Long) ours.call("PEXPIRETIME", key);
            String ttl = pexpire > 0 ? Long.toString(pexpire) : "0";
            assertThat(theirs.string("RESTORE", "copy", ttl, mine, "REPLACE", "ABSTTL")).isEqualTo("OK");
            assertThat(digestValue(theirs, "copy")).as(name).isEqualTo(digestValue(theirs, name));
            assertThat(ours.string("RESTORE", "copy", ttl, redisDump, "REPLACE", "ABSTTL")).isEqualTo("OK");
            assertThat(digestValue(ours, "copy")).as(name).isEqualTo(digestValue(ours, name));
            assertThat(ours.string("OBJECT", "ENCODING", "copy")).as(name)
                .isEqualTo(theirs.string("OBJECT", "ENCODING", "copy"));
            ours.call("DEL", "copy");
            theirs.call("DEL", "copy");
          }
        }
        assertThat(compared).isGreaterThan(50);
      } finally {
        theirs.call("SELECT", 0);
        theirs.call("CONFIG", "SET", "rdbcompression", "yes");
        theirs.call("CONFIG", "SET", "list-max-listpack-size", "-2");
        theirs.call("CONFIG", "SET", "list-compress-depth", "0");
      }
    }
  }

  @Test
  void restoreErrors_sameRepliesAsRedis() throws Exception {
    try (CommandHarness h = new CommandHarness();
        Peer ours = Peer.of(h.node());
        Peer theirs = Peer.of(new RawRespClient(redis.host(), redis.port()))) {
      theirs.call("FLUSHALL");
      for (Peer p : new Peer[] {ours, theirs}) {
        p.call("SET", "str", "hello");
        p.call("RPUSH", "list", "a", "b");
      }
      byte[] good = theirs.bytes("DUMP", "str");
      byte[] badCrc = good.clone();
      badCrc[badCrc.length - 1] ^= 1;
      byte[] v11 = good.clone();
      v11[v11.length - 10] = 11;
      byte[] list = theirs.bytes("DUMP", "list");
      byte[] truncated = java.util.Arrays.copyOf(list, list.length - 12);
      Object[][] cases = {
        {"RESTORE", "str", "0", good},
        {"RESTORE", "str", "x", "junk"},
        {"RESTORE", "new", "x", good},
        {"RESTORE", "new", "-5", good},
        {"RESTORE", "new", "0", "short"},
        {"RESTORE", "new", "0", badCrc},
        {"RESTORE", "new", "0", v11},
        {"RESTORE", "new", "0", truncated},
        {"RESTORE", "new", "0", good, "IDLETIME", "-1"},
        {"RESTORE", "new", "0", good, "FREQ", "300"},
        {"RESTORE", "new", "0", good, "FREQ", "1", "IDLETIME", "1"},
        {"RESTORE", "new", "0", good, "IDLETIME"},
        {"RESTORE", "new", "0", good, "NOPE"},
        {"RESTORE", "new", "0"},
        {"DUMP"},
        {"DUMP", "missing"},
        {"RESTORE", "new", "0", good, "REPLACE", "ABSTTL", "IDLETIME", "10"},
        {"RESTORE", "new2", "0", good, "FREQ", "10"},
      };
      for (Object[] c : cases) {
        assertThat(ours.string(c)).as(java.util.Arrays.deepToString(c)).isEqualTo(theirs.string(c));
      }
      assertThat(digestValue(ours, "new")).isEqualTo(digestValue(theirs, "new"));
    }
  }

  private static final Pattern SERIALIZED = Pattern.compile("serializedlength:(\\d+)");

  static long serializedLength(Peer p, byte[] key) {
    Matcher m = SERIALIZED.matcher(p.string("DEBUG", "OBJECT", key));
    assertThat(m.find()).isTrue();
    return Long.parseLong(m.group(1));
  }

  static String digestValue(Peer p, Object key) {
    return p.list("DEBUG", "DIGEST-VALUE", key).get(0).toString();
  }
}
