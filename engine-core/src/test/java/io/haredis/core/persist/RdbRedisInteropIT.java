package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RDB files both ways with a real redis-server 7.0: a file we write passes redis-check-rdb and
 * loads into Redis with the same DEBUG DIGEST, encodings and TTLs; a file Redis writes (SAVE)
 * loads here with the same.
 */
class RdbRedisInteropIT {

  private static final int DATABASES = 16;

  @Test
  void ourFile_passesCheckRdb_andLoadsIntoRedisWithSameDigestAndEncodings() throws Exception {
    for (boolean compress : new boolean[] {true, false}) {
      Path dir = Files.createTempDirectory("rdb-ours");
      String digest;
      TreeMap<String, String> ours;
      try (CommandHarness h = new CommandHarness()) {
        if (!compress) {
          h.run("CONFIG", "SET", "list-compress-depth", "1");
        }
        for (byte[][] cmd : DatasetScript.build(compress ? 11 : 12, 3)) {
          assertThat(h.run((Object[]) cmd)).doesNotStartWith("-");
        }
        ServerNode node = h.node();
        EncodingLimits limits = compress ? EncodingLimits.DEFAULTS : new EncodingLimits(512, 64, 512, 128, 64, -2, 1);
        byte[] file = node.call(() -> KeyspaceDump.toBytes(node.keyspace(), compress, limits));
        Files.write(dir.resolve("dump.rdb"), file);
        digest = h.run("DEBUG", "DIGEST").trim().substring(1);
        ours = describe(Peer.of(node), true);
      }

      Process check = new ProcessBuilder("redis-check-rdb", dir.resolve("dump.rdb").toString())
          .redirectErrorStream(true).start();
      String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(check.exitValue()).as(out).isZero();
      assertThat(out).contains("RDB looks OK");

      try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes", "--dir", dir.toString(), "--dbfilename", "dump.rdb");
          Peer theirs = Peer.of(new RawRespClient(redis.host(), redis.port()))) {
        assertThat(theirs.string("DEBUG", "DIGEST")).isEqualTo(digest);
        assertThat(describe(theirs, false)).isEqualTo(ours);
      }
    }
  }

  @Test
  void redisFile_loadsHereWithSameDigestAndEncodings() throws Exception {
    try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
        Peer theirs = Peer.of(new RawRespClient(redis.host(), redis.port()))) {
      theirs.call("CONFIG", "SET", "list-compress-depth", "2");
      for (byte[][] cmd : DatasetScript.build(21, 3)) {
        assertThat(theirs.string((Object[]) cmd)).doesNotStartWith("-");
      }
      theirs.call("SAVE");
      String digest = theirs.string("DEBUG", "DIGEST");
      TreeMap<String, String> expected = describe(theirs, true);
      Path file = Path.of(theirs.list("CONFIG", "GET", "dir").get(1) instanceof byte[] b
          ? new String(b, StandardCharsets.UTF_8) : "").resolve("dump.rdb");

      try (CommandHarness h = new CommandHarness()) {
        ServerNode node = h.node();
        node.call(() -> {
          Keyspace ks = node.keyspace();
          try (InputStream in = Files.newInputStream(file)) {
            RdbLoad.loadInto(ks, in, true);
          }
          return null;
        });
        assertThat(h.run("DEBUG", "DIGEST").trim().substring(1)).isEqualTo(digest);
        assertThat(describe(Peer.of(node), false)).isEqualTo(expected);
      }
    }
  }

  /**
   * Per key (db:key): encoding (as it will be after a reload when {@code afterReload}: strings
   * are re-encoded on load), whether it has a TTL, and DEBUG DIGEST-VALUE.
   */
  static TreeMap<String, String> describe(Peer p, boolean afterReload) {
    TreeMap<String, String> out = new TreeMap<>();
    for (int db = 0; db < DATABASES; db++) {
      p.call("SELECT", db);
      List<Object> keys = p.list("KEYS", "*");
      for (Object k : keys) {
        byte[] key = (byte[]) k;
        String enc = p.string("OBJECT", "ENCODING", key);
        if (afterReload && (enc.equals("raw") || enc.equals("embstr"))) {
          long len = (Long) p.call("STRLEN", key);
          enc = len <= 44 ? "embstr" : "raw";
          if (len <= 20 && isLong(p.bytes("GET", key))) {
            enc = "int";
          }
        }
        long pttl = (Long) p.call("PTTL", key);
        String dv = p.list("DEBUG", "DIGEST-VALUE", key).get(0).toString();
        out.put(db + ":" + new String(key, StandardCharsets.ISO_8859_1), enc + " ttl=" + (pttl > 0) + " " + dv);
      }
    }
    p.call("SELECT", 0);
    return out;
  }

  private static boolean isLong(byte[] b) {
    return io.haredis.core.resp.Numbers.isLong(b, 0, b.length);
  }

  static List<String> keysOf(Keyspace ks) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ks.databases(); i++) {
      int db = i;
      ks.db(i).dict().forEach(e -> out.add(db + ":" + new String(e.key(), StandardCharsets.ISO_8859_1)));
    }
    return out;
  }

  static String hex(byte[] d) {
    return DatasetDigest.hex(d);
  }
}
