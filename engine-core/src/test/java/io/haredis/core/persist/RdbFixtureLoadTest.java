package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.time.Clock;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RdbFixtureLoadTest {

  static Keyspace keyspace() {
    return new Keyspace(16, Clock.system(), new Random(1));
  }

  static String keyspaceInfo(Keyspace ks) {
    StringBuilder sb = new StringBuilder("# Keyspace\n");
    for (int i = 0; i < ks.databases(); i++) {
      var db = ks.db(i);
      if (db.size() > 0) {
        sb.append("db").append(i).append(":keys=").append(db.size()).append(",expires=").append(db.expiresCount()).append('\n');
      }
    }
    return sb.toString();
  }

  @Test
  void allTypesNoStream_loadsWithRedisDigestAndCounts() throws Exception {
    Path dir = RdbFixtures.rdbDir();
    Keyspace ks = keyspace();
    try (InputStream in = Files.newInputStream(dir.resolve("all-types-7.0-nostream.rdb"))) {
      RdbLoad.loadInto(ks, in, false);
    }
    String expectedDigest = Files.readString(dir.resolve("all-types-7.0-nostream.digest")).trim();
    assertThat(DatasetDigest.hex(DatasetDigest.dataset(ks))).isEqualTo(expectedDigest);
    String expectedKeyspace = Files.readString(dir.resolve("all-types-7.0-nostream.keyspace"))
        .replaceAll(",avg_ttl=\\d+", "").replace("\r", "").trim();
    assertThat(keyspaceInfo(ks).trim()).isEqualTo(expectedKeyspace);
  }

  @Test
  void allTypesWithStream_refusedNamingKeyAndType() throws Exception {
    Path dir = RdbFixtures.rdbDir();
    Keyspace ks = keyspace();
    try (InputStream in = Files.newInputStream(dir.resolve("all-types-7.0.rdb"))) {
      assertThatThrownBy(() -> RdbLoad.loadInto(ks, in, false))
          .isInstanceOf(RdbFormatException.class)
          .hasMessageContaining("'stream:s'")
          .hasMessageContaining("of type stream (RDB type 19)");
    }
  }
}
