package io.haredis.core.persist.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisException;
import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.persist.RdbFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AOF directory a real redis-server 7.0.15 wrote (RDB-preamble base with every type, incr
 * file). Its base holds a stream, which cannot be loaded until streams exist: the node refuses
 * to start naming the key and its type, and changes nothing. (AofInteropIT loads the same data
 * without the stream, rewritten by redis-server, and compares digests.)
 */
class AofFixtureTest {

  @TempDir
  Path dir;

  static Path fixture() {
    return RdbFixtures.rdbDir().resolveSibling("aof");
  }

  /** Copies the fixture directory into {@code target}/appendonlydir (writable copies). */
  static Path copyFixture(Path target) throws Exception {
    Path src = fixture().resolve("appendonlydir-7.0");
    Path aofDir = Files.createDirectories(target.resolve("appendonlydir"));
    try (var s = Files.list(src)) {
      for (Path p : s.toList()) {
        Files.copy(p, aofDir.resolve(p.getFileName()));
        aofDir.resolve(p.getFileName()).toFile().setWritable(true);
      }
    }
    return aofDir;
  }

  @Test
  void redis70AofDirectory_withAStream_isRefusedNamingTheKey_untilStreamsExist() throws Exception {
    Path aofDir = copyFixture(dir);
    List<String> before = AofTestSupport.snapshot(aofDir);
    assertThatThrownBy(() -> ((ServerBuilder) RedisServer.builder().port(0).dir(dir)).config("appendonly", "yes").start())
        .isInstanceOf(RedisException.class)
        .hasMessageContaining("Error reading the RDB base file appendonly.aof.1.base.rdb")
        .hasMessageContaining("'stream:s' of type stream");
    assertThat(AofTestSupport.snapshot(aofDir)).isEqualTo(before);
  }
}
