package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RDB file of Redis 7.0.15's test assets loads with the dbsize and digest redis-server
 * 7.0.15 showed, or is refused for the reason it gave (EXPECTED.txt beside the files).
 */
class RedisTestAssetsTest {

  private static final Pattern LOADED = Pattern.compile("^(\\S+): loaded dbsize=(\\d+) digest=([0-9a-f]{40})");
  private static final Pattern REFUSED = Pattern.compile("^(\\S+): refused: .*?-> (.*?\\.)( |$)");

  record Expectation(String file, boolean loads, long dbsize, String digest, String reason) {
    @Override
    public String toString() {
      return file;
    }
  }

  static Stream<Expectation> expectations() throws Exception {
    Path dir = RdbFixtures.rdbDir().resolve("redis-7.0-test-assets");
    List<Expectation> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("EXPECTED.txt"))) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      Matcher m = LOADED.matcher(line);
      if (m.find()) {
        out.add(new Expectation(m.group(1), true, Long.parseLong(m.group(2)), m.group(3), null));
        continue;
      }
      m = REFUSED.matcher(line);
      if (m.find()) {
        out.add(new Expectation(m.group(1), false, 0, null, m.group(2)));
        continue;
      }
      fail("unparsed EXPECTED.txt line: " + line);
    }
    // every .rdb file must have an expectation
    try (Stream<Path> files = Files.list(dir)) {
      List<String> rdbs = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".rdb")).toList();
      assertThat(out.stream().map(Expectation::file).toList()).containsAll(rdbs);
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectations")
  void load_asRedisDid(Expectation x) throws Exception {
    Path file = RdbFixtures.rdbDir().resolve("redis-7.0-test-assets").resolve(x.file());
    Keyspace ks = RdbFixtureLoadTest.keyspace();
    try (InputStream in = Files.newInputStream(file)) {
      RdbLoad.loadInto(ks, in, true);
      if (!x.loads()) {
        fail(x.file() + " loaded, but Redis refused it: " + x.reason());
      }
    } catch (RdbFormatException e) {
      if (x.loads()) {
        throw new AssertionError(x.file() + " refused, but Redis loaded it", e);
      }
      assertThat(e.reason()).isEqualTo(x.reason());
      return;
    }
    assertThat(ks.totalKeys()).isEqualTo(x.dbsize());
    assertThat(DatasetDigest.hex(DatasetDigest.dataset(ks))).isEqualTo(x.digest());
  }
}
