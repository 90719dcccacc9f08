package io.haredis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.commands.CommandWireClient;
import io.haredis.core.keyspace.Database;
import io.haredis.core.node.ServerNode;
import io.haredis.core.type.StringValue;
import io.haredis.testing.RealRedis;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes the same data to our node and to a real redis-server and compares DEBUG DIGEST and
 * DEBUG DIGEST-VALUE. Our side writes through SET (database 0) and the Java API (other
 * databases, TTLs); Redis's side through SELECT, SET and PEXPIRE.
 */
class DigestIT {

  private RealRedis redis;
  private ServerNode ours;
  private CommandWireClient theirs;
  private CommandWireClient mine;

  @BeforeEach
  void start() {
    redis = RealRedis.start("--enable-debug-command", "yes");
    ours = (ServerNode) RedisServer.builder().port(0).start();
    theirs = new CommandWireClient(redis.host(), redis.port());
    mine = new CommandWireClient(ours.address().host(), ours.address().port());
  }

  @AfterEach
  void stop() {
    mine.close();
    theirs.close();
    ours.close();
    redis.close();
  }

  @Test
  void digest_emptyDataset_bothFortyZeros() {
    assertThat(mine.text("DEBUG", "DIGEST")).isEqualTo("0".repeat(40)).isEqualTo(theirs.text("DEBUG", "DIGEST"));
  }

  @Test
  void digest_stringsIntsTtlsDbsBinaryKeys_matchRedis() {
    List<byte[]> keys0 = new ArrayList<>();
    // Plain, empty, long (raw encoding), int-encoded, not-quite-int and binary values.
    String[][] kv = {
      {"plain", "hello"}, {"empty", ""}, {"int", "12345"}, {"neg", "-42"}, {"zero", "0"},
      {"big", "9223372036854775807"}, {"toobig", "9223372036854775808"}, {"lead0", "007"},
      {"plus", "+5"}, {"space", " 1"}, {"long", "x".repeat(100)}, {"float", "3.14"},
    };
    for (String[] p : kv) {
      set(0, p[0].getBytes(StandardCharsets.UTF_8), p[1].getBytes(StandardCharsets.UTF_8), false);
      keys0.add(p[0].getBytes(StandardCharsets.UTF_8));
    }
    Random rnd = new Random(42);
    for (int i = 0; i < 20; i++) {
      byte[] key = new byte[1 + rnd.nextInt(12)];
      rnd.nextBytes(key);
      byte[] val = new byte[rnd.nextInt(60)];
      rnd.nextBytes(val);
      set(0, key, val, i % 3 == 0);
      keys0.add(key);
    }
    set(0, "ttl-int".getBytes(StandardCharsets.UTF_8), "77".getBytes(StandardCharsets.UTF_8), true);
    keys0.add("ttl-int".getBytes(StandardCharsets.UTF_8));
    // The same key names in other databases, some with TTLs.
    for (int db : new int[] {1, 5, 15}) {
      for (int i = 0; i < 10; i++) {
        set(db, ("k" + i).getBytes(StandardCharsets.UTF_8), ("v" + i * db).getBytes(StandardCharsets.UTF_8), i % 4 == 1);
      }
    }
    assertThat(mine.text("DEBUG", "DIGEST")).isEqualTo(theirs.text("DEBUG", "DIGEST")).isNotEqualTo("0".repeat(40));

    Object[] req = new Object[keys0.size() + 3];
    req[0] = "DEBUG";
    req[1] = "DIGEST-VALUE";
    for (int i = 0; i < keys0.size(); i++) {
      req[i + 2] = keys0.get(i);
    }
    req[req.length - 1] = "no-such-key";
    theirs.call("SELECT", "0");
    assertThat(new String(mine.raw(req), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(theirs.raw(req), StandardCharsets.ISO_8859_1));
  }

  @Test
  void digest_overwriteDropsTtl_matchRedis() {
    byte[] k = "k".getBytes(StandardCharsets.UTF_8);
    set(0, k, "1".getBytes(StandardCharsets.UTF_8), true);
    set(0, k, "2".getBytes(StandardCharsets.UTF_8), false); // SET drops the TTL on both sides
    assertThat(mine.text("DEBUG", "DIGEST")).isEqualTo(theirs.text("DEBUG", "DIGEST"));
    assertThat(mine.raw("DEBUG", "DIGEST-VALUE", "k")).isEqualTo(theirs.raw("DEBUG", "DIGEST-VALUE", "k"));
  }

  @Test
  void digest_logicallyExpiredKeyStillStored_countsLikeRedis() {
    assertThat(theirs.text("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("OK");
    assertThat(mine.text("DEBUG", "SET-ACTIVE-EXPIRE", "0")).isEqualTo("OK");
    set(0, "keep".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8), false);
    assertThat(theirs.text("SET", "gone", "x", "PX", "1")).isEqualTo("OK");
    assertThat(theirs.text("DEBUG", "SLEEP", "0.05")).isEqualTo("OK"); // let it expire, untouched
    assertThat(mine.text("SET", "gone", "x")).isEqualTo("OK");
    ours.call(() -> {
      Database d = ours.keyspace().db(0);
      d.setExpire(d.peek("gone".getBytes(StandardCharsets.UTF_8), 0, 4), ours.clockMillis() - 1000);
      return null;
    });
    assertThat(mine.text("DEBUG", "DIGEST")).isEqualTo(theirs.text("DEBUG", "DIGEST"));
    assertThat(mine.raw("DEBUG", "DIGEST-VALUE", "gone", "keep"))
        .isEqualTo(theirs.raw("DEBUG", "DIGEST-VALUE", "gone", "keep"));
  }

  @Test
  void debugObject_encodingAndSerializedLength_matchRedis() {
    Random rnd = new Random(7);
    byte[] incompressible = new byte[50];
    rnd.nextBytes(incompressible);
    byte[] embstrMax = new byte[44];
    rnd.nextBytes(embstrMax);
    List<byte[]> values = List.of("hello".getBytes(StandardCharsets.UTF_8), "1".getBytes(StandardCharsets.UTF_8),
        "12345".getBytes(StandardCharsets.UTF_8), "-42".getBytes(StandardCharsets.UTF_8),
        "70000".getBytes(StandardCharsets.UTF_8), "9223372036854775807".getBytes(StandardCharsets.UTF_8),
        "".getBytes(StandardCharsets.UTF_8), embstrMax, incompressible);
    // Compressible strings over 20 bytes differ: Redis reports their LZF-compressed size.
    for (byte[] v : values) {
      set(0, "o".getBytes(StandardCharsets.UTF_8), v, false);
      assertThat(objectFields(mine.text("DEBUG", "OBJECT", "o")))
          .as(new String(v, StandardCharsets.ISO_8859_1))
          .isEqualTo(objectFields(theirs.text("DEBUG", "OBJECT", "o")));
    }
    assertThat(mine.text("DEBUG", "OBJECT", "nokey")).isEqualTo(theirs.text("DEBUG", "OBJECT", "nokey"));
  }

  /** The DEBUG OBJECT fields that do not depend on memory addresses or clocks. */
  private static String objectFields(String line) {
    return line.replaceAll("^Value at:0x[0-9a-f]+ ", "").replaceAll(" lru:\\d+ lru_seconds_idle:\\d+$", "");
  }

  /** SET on both sides; {@code withTtl} adds a far-away TTL (its value does not count). */
  private void set(int db, byte[] key, byte[] value, boolean withTtl) {
    theirs.call("SELECT", Integer.toString(db));
    assertThat(theirs.text("SET", key, value)).isEqualTo("OK");
    if (withTtl) {
      assertThat(theirs.text("PEXPIRE", key, "100000000")).isEqualTo("1");
    }
    if (db == 0) {
      assertThat(mine.text("SET", key, value)).isEqualTo("OK");
    }
    ours.call(() -> {
      Database d = ours.keyspace().db(db);
      if (db != 0) {
        d.set(key.clone(), StringValue.of(value.clone()), false);
      }
      if (withTtl) {
        d.setExpire(d.lookup(key), ours.clockMillis() + 100_000_000L);
      }
      return null;
    });
  }
}
