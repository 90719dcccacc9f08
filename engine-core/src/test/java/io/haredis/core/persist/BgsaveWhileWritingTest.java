package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.api.time.Clock;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.CommandHarness;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BGSAVE serializes on the I/O thread while the loop keeps changing keys, including keys whose
 * entries are handed over and not yet written: the file must hold the dataset of the instant
 * BGSAVE started, every time.
 */
class BgsaveWhileWritingTest {

  @TempDir
  Path dir;

  private static java.util.Map<String, String> keys(Keyspace ks) {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    for (int db = 0; db < ks.databases(); db++) {
      int d = db;
      ks.db(db).dict().forEach(e -> m.put(d + ":" + new String(e.key()), e.value().type() + "/" + DatasetDigest.hex(DatasetDigest.value(e))));
    }
    return m;
  }

  @Test
  void fileHoldsTheStartInstant_whileWritesRace() throws Exception {
    for (long seed = 1; seed <= 6; seed++) {
      Path d = Files.createDirectories(dir.resolve("s" + seed));
      Random r = new Random(seed);
      try (CommandHarness h = new CommandHarness((ServerNode) RedisServer.builder().port(0).seed(seed).dir(d).start())) {
        ServerNode node = h.node();
        for (int i = 0; i < 1500; i++) { // big values: serializing them takes a while
          String[] push = new String[2 + 300];
          push[0] = i % 2 == 0 ? "RPUSH" : "SADD";
          push[1] = (i % 2 == 0 ? "l" : "s") + (i % 400);
          for (int j = 0; j < 300; j++) {
            push[2 + j] = "e" + j + "-" + i;
          }
          h.run((Object[]) push);
        }
        for (int i = 0; i < 4000; i++) {
          h.run((Object[]) BackgroundSnapshotTest.write(r, false));
        }
        // keys with millisecond TTLs must not expire in the cron between the digest and BGSAVE;
        // during the save they still expire lazily, which the save must survive
        h.run("DEBUG", "SET-ACTIVE-EXPIRE", "0");
        String before = node.call(() -> DatasetDigest.hex(DatasetDigest.dataset(node.keyspace())));
        java.util.Map<String, String> perKey = node.call(() -> keys(node.keyspace()));
        assertThat(h.run("BGSAVE")).isEqualTo("+Background saving started\r\n");
        int writes = 0;
        do {
          for (int i = 0; i < 10; i++) {
            String[] w = BackgroundSnapshotTest.write(r, true);
            if (!w[0].equals("FLUSHALL")) { // FLUSHALL stops a BGSAVE, as in Redis
              h.run((Object[]) w);
              writes++;
            }
          }
        } while (h.run("INFO", "persistence").contains("rdb_bgsave_in_progress:1"));
        assertThat(h.run("INFO", "persistence")).as("seed %d", seed).contains("rdb_last_bgsave_status:ok");
        assertThat(writes).as("seed %d: writes raced the save", seed).isGreaterThan(20);
        Keyspace loaded = new Keyspace(16, Clock.system(), new Random(1));
        try (InputStream in = Files.newInputStream(d.resolve("dump.rdb"))) {
          RdbLoad.loadInto(loaded, in, false);
        }
        java.util.Map<String, String> got = keys(loaded);
        if (!got.equals(perKey)) {
          for (String k : perKey.keySet()) {
            if (!perKey.get(k).equals(got.get(k))) {
              System.err.println("DIFF " + k + " want " + perKey.get(k) + " got " + got.get(k));
            }
          }
          for (String k : got.keySet()) {
            if (!perKey.containsKey(k)) {
              System.err.println("EXTRA " + k);
            }
          }
        }
        assertThat(DatasetDigest.hex(DatasetDigest.dataset(loaded))).as("seed %d, %d racing writes", seed, writes)
            .isEqualTo(before);
      }
    }
  }
}
