package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.StringValue;
import io.haredis.testing.CommandHarness;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Datasets of every type and encoding, built by commands on a node, written with
 * {@link RdbWriter} and read back with {@link RdbReader}, give the same digest, TTLs and
 * encodings.
 */
class RdbRoundTripTest {

  @ParameterizedTest(name = "seed={0} compress={1} fill={2} depth={3}")
  @CsvSource({
    "1, true, -2, 0",
    "2, false, -2, 0",
    "3, true, -1, 1",
    "4, true, 5, 2",
    "5, false, -5, 3",
    "6, true, 0, 1",
  })
  void writeThenRead_sameDigestTtlsAndEncodings(long seed, boolean compress, int fill, int depth) throws Exception {
    try (CommandHarness h = new CommandHarness()) {
      h.run("CONFIG", "SET", "list-max-listpack-size", Integer.toString(fill));
      h.run("CONFIG", "SET", "list-compress-depth", Integer.toString(depth));
      for (byte[][] cmd : DatasetScript.build(seed, 3)) {
        String reply = h.run((Object[]) cmd);
        assertThat(reply).as(new String(cmd[0], StandardCharsets.UTF_8)).doesNotStartWith("-");
      }
      ServerNode node = h.node();
      EncodingLimits limits = new EncodingLimits(512, 64, 512, 128, 64, fill, depth);
      byte[] file = node.call(() -> KeyspaceDump.toBytes(node.keyspace(), compress, limits));
      Keyspace loaded = RdbFixtureLoadTest.keyspace();
      RdbLoad.Result result = RdbLoad.loadInto(loaded, new ByteArrayInputStream(file), false, limits);

      List<String> original = node.call(() -> describe(node.keyspace(), true));
      assertThat(describe(loaded, false)).containsExactlyInAnyOrderElementsOf(original);
      assertThat(result.keysLoaded()).isEqualTo(original.size());
      String digest = node.call(() -> DatasetDigest.hex(DatasetDigest.dataset(node.keyspace())));
      assertThat(DatasetDigest.hex(DatasetDigest.dataset(loaded))).isEqualTo(digest);
    }
  }

  /**
   * db, key, encoding, expiry and value digest of every key; with {@code afterReload}, the
   * encoding a string gets when loaded (Redis re-encodes strings on load: an APPENDed or
   * HyperLogLog string of up to 44 bytes comes back embstr).
   */
  static List<String> describe(Keyspace ks, boolean afterReload) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ks.databases(); i++) {
      Database db = ks.db(i);
      int dbi = i;
      db.dict().forEach(e -> out.add(line(dbi, e, afterReload)));
    }
    return out;
  }

  static String encodingAfterReload(RedisValue v) {
    if (v instanceof StringValue s && !s.isInt()) {
      return StringValue.of(s.toBytes()).encoding();
    }
    return v.encoding();
  }

  private static String line(int db, Entry e, boolean afterReload) {
    String enc = afterReload ? encodingAfterReload(e.value()) : e.value().encoding();
    return db + " " + new String(e.key(), StandardCharsets.ISO_8859_1) + " " + enc + " "
        + e.expireAt() + " " + DatasetDigest.hex(DatasetDigest.value(e));
  }
}
