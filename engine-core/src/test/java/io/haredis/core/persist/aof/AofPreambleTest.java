package io.haredis.core.persist.aof;

import static io.haredis.core.persist.aof.AofTestSupport.await;
import static io.haredis.core.persist.aof.AofTestSupport.cmd;
import static io.haredis.core.persist.aof.AofTestSupport.digest;
import static io.haredis.core.persist.aof.AofTestSupport.infoField;
import static io.haredis.core.persist.aof.AofTestSupport.run;
import static io.haredis.core.persist.aof.AofTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code aof-use-rdb-preamble yes} (the default): RDB bases written from a snapshot, and read back. */
class AofPreambleTest {

  @TempDir
  Path dir;

  private static ServerNode startWithPreamble(Path dir, String... more) {
    String[] args = new String[more.length + 2];
    args[0] = "aof-use-rdb-preamble";
    args[1] = "yes";
    System.arraycopy(more, 0, args, 2, more.length);
    return start(dir, args);
  }

  @Test
  void firstStart_writesAnRdbBase_andRestartLoadsIt() throws Exception {
    try (ServerNode n = startWithPreamble(dir)) {
      run(n, "SET", "a", "1");
    }
    Path base = dir.resolve("appendonlydir/appendonly.aof.1.base.rdb");
    byte[] head = Files.readAllBytes(base);
    assertThat(new String(head, 0, 9, StandardCharsets.US_ASCII)).isEqualTo("REDIS0010");
    assertThat(new String(head, StandardCharsets.ISO_8859_1)).contains("aof-base");
    try (ServerNode n = startWithPreamble(dir)) {
      assertThat(run(n, "GET", "a")).isEqualTo("1");
    }
  }

  @Test
  void bgrewriteaof_writesAPointInTimeRdbBase_whileWritesGoOn() throws Exception {
    String after;
    try (ServerNode n = startWithPreamble(dir)) {
      for (int i = 0; i < 20000; i++) {
        run(n, "SET", "key:" + i, "value:" + i);
      }
      run(n, "RPUSH", "list", "a", "b");
      run(n, "BGREWRITEAOF");
      // Changes while the snapshot walks: they must end up in the new incr file, and the base
      // must hold the values from the instant the rewrite began.
      for (int i = 0; i < 20000; i += 97) {
        run(n, "SET", "key:" + i, "changed");
        run(n, "DEL", "key:" + (i + 1));
      }
      run(n, "LPUSH", "list", "c");
      await("rewrite done", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      assertThat(infoField(n, "aof_last_bgrewrite_status")).isEqualTo("ok");
      assertThat(Files.readString(dir.resolve("appendonlydir/appendonly.aof.manifest")))
          .isEqualTo("file appendonly.aof.2.base.rdb seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
      after = digest(n);
    }
    try (ServerNode n = startWithPreamble(dir)) {
      assertThat(digest(n)).isEqualTo(after);
    }
  }

  @Test
  void oldStyleAofWithRdbPreamble_isUpgraded_andItsTailLoadsAfterTheRdb() throws Exception {
    // An old single-file AOF: an RDB, then commands. Write the RDB part with a node's codec.
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (ServerNode n = start(dir.resolve("scratch"), "appendonly", "no")) {
      run(n, "SET", "from-rdb", "1");
      run(n, "ZADD", "z", "1", "m");
      n.call(() -> {
        new RdbBaseCodec(n).write(n.keyspace(), file);
        return null;
      });
    }
    file.write((cmd("SELECT", "0") + cmd("SET", "from-tail", "2")).getBytes(StandardCharsets.US_ASCII));
    Files.write(dir.resolve("appendonly.aof"), file.toByteArray());
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "from-rdb", "from-tail")).isEqualTo(List.of("1", "2"));
      assertThat(run(n, "ZSCORE", "z", "m")).isEqualTo("1");
    }
  }
}
