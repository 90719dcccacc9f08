package io.haredis.core.persist.aof;

import static io.haredis.core.persist.aof.AofTestSupport.cmd;
import static io.haredis.core.persist.aof.AofTestSupport.digest;
import static io.haredis.core.persist.aof.AofTestSupport.run;
import static io.haredis.core.persist.aof.AofTestSupport.snapshot;
import static io.haredis.core.persist.aof.AofTestSupport.start;
import static io.haredis.core.persist.aof.AofTestSupport.writeAof;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisException;
import io.haredis.core.node.ServerNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Startup with {@code appendonly yes}: what loads, what is cut, what refuses to start. */
class AofLoadTest {

  @TempDir
  Path dir;

  @Test
  void restart_everyTypeTtlsDatabasesAndTransactions_sameDigest() {
    String before;
    try (ServerNode n = start(dir)) {
      run(n, "SET", "s", "v");
      run(n, "SET", "i", "12");
      run(n, "INCRBYFLOAT", "f", "1.5");
      run(n, "RPUSH", "l", "a", "b", "c");
      run(n, "SADD", "set", "x", "y", "1");
      run(n, "ZADD", "z", "1.5", "m", "-2", "n");
      run(n, "HSET", "h", "f1", "v1", "f2", "v2");
      run(n, "PFADD", "hll", "a", "b");
      run(n, "SET", "ttl", "v", "EX", "1000");
      run(n, "EXPIRE", "l", "5000");
      run(n, "SELECT", "3");
      run(n, "SET", "in3", "x");
      run(n, "MULTI");
      run(n, "INCR", "ctr");
      run(n, "LPUSH", "l3", "q");
      run(n, "EXEC");
      run(n, "SPOP", "set");
      before = digest(n);
    }
    try (ServerNode n = start(dir)) {
      assertThat(digest(n)).isEqualTo(before);
      // Replaying is not a write of its own: nothing reached the replication log, and the
      // replayed commands are not counted as processed.
      assertThat(n.call(() -> n.replicationLog().masterOffset())).isZero();
      assertThat((String) run(n, "INFO", "stats")).contains("total_commands_processed:0\r\n");
      assertThat(run(n, "TTL", "ttl")).isInstanceOf(Long.class);
      assertThat((Long) run(n, "TTL", "ttl")).isBetween(990L, 1000L);
    }
  }

  @Test
  void load_keysDoNotExpireHalfWayThroughTheFile_asRedisLoads() throws Exception {
    // Redis replays with expiry suspended: APPEND sees the key a past PEXPIREAT has marked, so
    // after loading the key is expired and gone (not a fresh "x" without a TTL).
    writeAof(dir, cmd("SELECT", "0") + cmd("SET", "k", "1") + cmd("PEXPIREAT", "k", "1000") + cmd("APPEND", "k", "x"));
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "GET", "k")).isNull();
      assertThat(run(n, "EXISTS", "k")).isEqualTo(0L);
    }
  }

  @Test
  void truncatedLastFile_loadsCompleteCommands_cutsTheFile_andStarts() throws Exception {
    String good = cmd("SELECT", "0") + cmd("SET", "a", "1") + cmd("SET", "b", "2");
    Path aofDir = writeAof(dir, good + "*3\r\n$3\r\nSET\r\n$1\r\nc\r\n$2\r\nab");
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "a", "b", "c")).isEqualTo(java.util.Arrays.asList("1", "2", null));
      assertThat(Files.readString(aofDir.resolve("appendonly.aof.1.incr.aof"))).isEqualTo(good);
      run(n, "SET", "d", "4"); // appends after the cut
    }
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "GET", "d")).isEqualTo("4");
    }
  }

  @Test
  void multiWithoutExecAtTheEnd_isRevertedAndCut() throws Exception {
    String good = cmd("SELECT", "0") + cmd("SET", "a", "1");
    Path aofDir = writeAof(dir, good + cmd("MULTI") + cmd("SET", "b", "2") + cmd("SET", "c", "3"));
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "EXISTS", "a", "b", "c")).isEqualTo(1L);
      assertThat(Files.readString(aofDir.resolve("appendonly.aof.1.incr.aof"))).isEqualTo(good);
    }
  }

  @Test
  void truncatedFileThatIsNotTheLast_refusesToStart_andChangesNothing() throws Exception {
    Path aofDir = writeAof(dir, cmd("SET", "a", "1") + "*2\r\n$3\r\nGET", cmd("SET", "b", "2"));
    List<String> before = snapshot(aofDir);
    assertThatThrownBy(() -> start(dir)).isInstanceOf(RedisException.class)
        .hasMessageContaining("appendonly.aof.1.incr.aof")
        .hasMessageContaining("is not the last file")
        .hasMessageContaining("offset 27");
    assertThat(snapshot(aofDir)).isEqualTo(before);
  }

  @Test
  void truncatedWithLoadTruncatedNo_refusesToStart_andChangesNothing() throws Exception {
    Path aofDir = writeAof(dir, cmd("SET", "a", "1") + "*2\r\n$3\r\nGET");
    List<String> before = snapshot(aofDir);
    assertThatThrownBy(() -> start(dir, "aof-load-truncated", "no")).isInstanceOf(RedisException.class)
        .hasMessageContaining("Unexpected end of file reading the append only file appendonly.aof.1.incr.aof");
    assertThat(snapshot(aofDir)).isEqualTo(before);
  }

  @Test
  void corruptBytes_refuseToStart_withFileOffsetAndReason_andChangeNothing() throws Exception {
    String first = cmd("SET", "a", "1");
    Path aofDir = writeAof(dir, first + "GARBAGE\r\n" + cmd("SET", "b", "2"));
    List<String> before = snapshot(aofDir);
    assertThatThrownBy(() -> start(dir)).isInstanceOf(RedisException.class)
        .hasMessageContaining("Bad file format reading the append only file appendonly.aof.1.incr.aof at offset " + first.length())
        .hasMessageContaining("expected '*'");
    assertThat(snapshot(aofDir)).isEqualTo(before);
  }

  @Test
  void unknownCommand_refusesToStart() throws Exception {
    writeAof(dir, cmd("SET", "a", "1") + cmd("NOSUCHCMD", "x"));
    assertThatThrownBy(() -> start(dir)).isInstanceOf(RedisException.class)
        .hasMessageContaining("Unknown command 'NOSUCHCMD' reading the append only file appendonly.aof.1.incr.aof");
  }

  @Test
  void fileNamedInTheManifestMissing_refusesToStart() throws Exception {
    Path aofDir = writeAof(dir, cmd("SET", "a", "1"));
    Files.delete(aofDir.resolve("appendonly.aof.1.incr.aof"));
    assertThatThrownBy(() -> start(dir)).isInstanceOf(RedisException.class)
        .hasMessageContaining("appendonly.aof.1.incr.aof");
  }

  @Test
  void badManifest_refusesToStart_withRedisReason_evenWithAofOff() throws Exception {
    Path aofDir = writeAof(dir, cmd("SET", "a", "1"));
    Files.writeString(aofDir.resolve("appendonly.aof.manifest"), "file x seq 1 type z\n");
    assertThatThrownBy(() -> start(dir)).isInstanceOf(RedisException.class).hasMessageContaining("Unknown AOF file type");
    // Redis reads the manifest whatever appendonly says (BGREWRITEAOF would use it).
    assertThatThrownBy(() -> start(dir, "appendonly", "no")).isInstanceOf(RedisException.class)
        .hasMessageContaining("Unknown AOF file type");
  }

  @Test
  void noAofDirectory_firstStart_createsBaseIncrAndManifest() throws Exception {
    try (ServerNode n = start(dir)) {
      run(n, "SET", "a", "1");
    }
    Path aofDir = dir.resolve("appendonlydir");
    assertThat(Files.readString(aofDir.resolve("appendonly.aof.manifest")))
        .isEqualTo("file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    assertThat(Files.size(aofDir.resolve("appendonly.aof.1.base.aof"))).isZero();
    assertThat(Files.readString(aofDir.resolve("appendonly.aof.1.incr.aof"))).isEqualTo(cmd("SELECT", "0") + cmd("SET", "a", "1"));
  }

  @Test
  void oldSingleFileAof_isMovedIntoTheDirectoryAsItsBase() throws Exception {
    Files.writeString(dir.resolve("appendonly.aof"), cmd("SELECT", "0") + cmd("SET", "old", "yes"));
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "GET", "old")).isEqualTo("yes");
      run(n, "SET", "new", "1");
    }
    Path aofDir = dir.resolve("appendonlydir");
    assertThat(Files.exists(dir.resolve("appendonly.aof"))).isFalse();
    assertThat(Files.readString(aofDir.resolve("appendonly.aof.manifest")))
        .isEqualTo("file appendonly.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "old", "new")).isEqualTo(List.of("yes", "1"));
    }
  }

  @Test
  void emptyIncrFiles_andAnnotations_loadFine() throws Exception {
    writeAof(dir, "", "#TS:1700000000\r\n" + cmd("SELECT", "2") + cmd("SET", "a", "1"), "");
    try (ServerNode n = start(dir)) {
      run(n, "SELECT", "2");
      assertThat(run(n, "GET", "a")).isEqualTo("1");
    }
  }

  @Test
  void eachFileStartsInDatabase0_asRedisUsesAFreshFakeClientPerFile() throws Exception {
    writeAof(dir, cmd("SELECT", "5") + cmd("SET", "a", "1"), cmd("SET", "b", "2"));
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "GET", "b")).isEqualTo("2");
      run(n, "SELECT", "5");
      assertThat(run(n, "GET", "a")).isEqualTo("1");
    }
  }

  @Test
  void appendonlyNo_ignoresTheAof() throws Exception {
    writeAof(dir, cmd("SET", "a", "1"));
    try (ServerNode n = start(dir, "appendonly", "no")) {
      assertThat(run(n, "DBSIZE")).isEqualTo(0L);
      assertThat(AofTestSupport.infoField(n, "aof_enabled")).isEqualTo("0");
      assertThat(AofTestSupport.info(n)).doesNotContain("aof_current_size");
    }
    assertThat(new String(Files.readAllBytes(dir.resolve("appendonlydir/appendonly.aof.1.incr.aof")), StandardCharsets.UTF_8))
        .isEqualTo(cmd("SET", "a", "1"));
  }
}
