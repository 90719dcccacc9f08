package io.haredis.core.persist.aof;

import static io.haredis.core.persist.aof.AofTestSupport.await;
import static io.haredis.core.persist.aof.AofTestSupport.cmd;
import static io.haredis.core.persist.aof.AofTestSupport.digest;
import static io.haredis.core.persist.aof.AofTestSupport.infoField;
import static io.haredis.core.persist.aof.AofTestSupport.run;
import static io.haredis.core.persist.aof.AofTestSupport.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisException;
import io.haredis.core.node.ServerNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BGREWRITEAOF, automatic rewrites, CONFIG SET appendonly, fsync policies and INFO. */
class AofRewriteTest {

  @TempDir
  Path dir;

  /** Writes the base at once (the dataset as it is then) but reports done only when released. */
  static final class GatedWriter implements AofBaseWriter {
    private final ServerNode node;
    private Consumer<Throwable> done;
    Throwable failWith;

    GatedWriter(ServerNode node) {
      this.node = node;
    }

    @Override
    public void writeBase(Path tmpFile, boolean rdbPreamble, Consumer<Throwable> d) {
      try {
        BlockingBaseWriter.write(node.keyspace(), AofRdbCodec.NONE, tmpFile, rdbPreamble);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      this.done = d;
    }

    void release() {
      node.call(() -> {
        done.accept(failWith);
        return null;
      });
    }

    static GatedWriter install(ServerNode node) {
      GatedWriter w = new GatedWriter(node);
      node.call(() -> {
        node.aof().baseWriter(w);
        return null;
      });
      return w;
    }
  }

  private Path aofDir() {
    return dir.resolve("appendonlydir");
  }

  private String manifest() throws IOException {
    return Files.readString(aofDir().resolve("appendonly.aof.manifest"));
  }

  @Test
  void bgrewriteaof_newBaseAndIncr_historyDeleted_restartSameDigest() throws Exception {
    String before;
    try (ServerNode n = start(dir)) {
      for (int i = 0; i < 50; i++) {
        run(n, "RPUSH", "l", "e" + i);
        run(n, "SET", "k" + i, "v" + i);
      }
      assertThat(run(n, "BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
      await("rewrite done", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      run(n, "SET", "after", "1");
      before = digest(n);
      assertThat(infoField(n, "aof_rewrites")).isEqualTo("1");
      assertThat(infoField(n, "aof_last_bgrewrite_status")).isEqualTo("ok");
      assertThat(manifest()).isEqualTo("file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
      await("history deleted", () -> !Files.exists(aofDir().resolve("appendonly.aof.1.incr.aof"))
          && !Files.exists(aofDir().resolve("appendonly.aof.1.base.aof")));
      assertThat(Files.readString(aofDir().resolve("appendonly.aof.2.incr.aof"))).isEqualTo(cmd("SELECT", "0") + cmd("SET", "after", "1"));
      long base = Files.size(aofDir().resolve("appendonly.aof.2.base.aof"));
      assertThat(infoField(n, "aof_base_size")).isEqualTo(Long.toString(base));
      assertThat(infoField(n, "aof_current_size")).isEqualTo(Long.toString(base + cmd("SELECT", "0").length() + cmd("SET", "after", "1").length()));
    }
    try (ServerNode n = start(dir)) {
      assertThat(digest(n)).isEqualTo(before);
    }
  }

  @Test
  void writesDuringTheRewrite_goToTheNewIncrFile_andSurviveRestart() throws Exception {
    String before;
    try (ServerNode n = start(dir, "appendfsync", "always")) { // always: the file is written before each reply
      run(n, "SELECT", "4");
      run(n, "SET", "a", "1");
      GatedWriter w = GatedWriter.install(n);
      assertThat(run(n, "BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
      assertThatThrownBy(() -> run(n, "BGREWRITEAOF")).isInstanceOf(RedisException.class)
          .hasMessage("ERR Background append only file rewriting already in progress");
      assertThat(infoField(n, "aof_rewrite_in_progress")).isEqualTo("1");
      assertThat(Long.parseLong(infoField(n, "aof_current_rewrite_time_sec"))).isGreaterThanOrEqualTo(0);
      // Already in the manifest before the rewrite ends: a crash now loads base 1 + incr 1 + incr 2.
      assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
          + "file appendonly.aof.2.incr.aof seq 2 type i\n");
      run(n, "SET", "b", "2"); // same database as the stream: the new file starts with its SELECT
      assertThat(Files.readString(aofDir().resolve("appendonly.aof.2.incr.aof"))).isEqualTo(cmd("SELECT", "4") + cmd("SET", "b", "2"));
      w.release();
      assertThat(infoField(n, "aof_rewrite_in_progress")).isEqualTo("0");
      assertThat(manifest()).isEqualTo("file appendonly.aof.2.base.aof seq 2 type b\nfile appendonly.aof.2.incr.aof seq 2 type i\n");
      before = digest(n);
    }
    try (ServerNode n = start(dir)) {
      assertThat(digest(n)).isEqualTo(before);
      run(n, "SELECT", "4");
      assertThat(run(n, "MGET", "a", "b")).isEqualTo(List.of("1", "2"));
    }
  }

  @Test
  void crashInTheMiddleOfARewrite_leavesLoadableFiles() throws Exception {
    Path copy = Files.createDirectories(dir.resolve("copy"));
    String before;
    Path nodeDir = Files.createDirectories(dir.resolve("node"));
    try (ServerNode n = start(nodeDir, "appendfsync", "always")) {
      run(n, "SET", "a", "1");
      GatedWriter.install(n);
      run(n, "BGREWRITEAOF");
      run(n, "SET", "b", "2");
      before = digest(n);
      // What a kill -9 now leaves: the files as they are (the temp base is not in the manifest).
      Path src = nodeDir.resolve("appendonlydir");
      Files.createDirectories(copy.resolve("appendonlydir"));
      try (var s = Files.list(src)) {
        for (Path p : s.toList()) {
          Files.copy(p, copy.resolve("appendonlydir").resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    try (ServerNode n = start(copy)) {
      assertThat(digest(n)).isEqualTo(before);
    }
  }

  @Test
  void failedRewrite_keepsTheOldFiles_reportsErr() throws Exception {
    try (ServerNode n = start(dir)) {
      run(n, "SET", "a", "1");
      GatedWriter w = GatedWriter.install(n);
      w.failWith = new IOException("No space left on device");
      run(n, "BGREWRITEAOF");
      run(n, "SET", "b", "2");
      w.release();
      assertThat(infoField(n, "aof_last_bgrewrite_status")).isEqualTo("err");
      assertThat(infoField(n, "aof_rewrites_consecutive_failures")).isEqualTo("1");
      try (var s = Files.list(dir)) {
        assertThat(s.map(p -> p.getFileName().toString())).noneMatch(f -> f.startsWith("temp-rewriteaof"));
      }
    }
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "a", "b")).isEqualTo(List.of("1", "2"));
    }
  }

  @Test
  void bgrewriteaof_withAppendonlyNo_writesTheDirectoryBaseOnly() throws Exception {
    try (ServerNode n = start(dir, "appendonly", "no")) {
      run(n, "SET", "a", "1");
      assertThat(run(n, "BGREWRITEAOF")).isEqualTo("Background append only file rewriting started");
      await("rewrite done", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.aof seq 1 type b\n");
      assertThat(Files.readString(aofDir().resolve("appendonly.aof.1.base.aof"))).isEqualTo(cmd("SELECT", "0") + cmd("SET", "a", "1"));
    }
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "GET", "a")).isEqualTo("1");
    }
  }

  @Test
  void bgrewriteaof_whileAnotherBackgroundJobRuns_isScheduled_thenRunsFromTheCron() throws Exception {
    try (ServerNode n = start(dir)) {
      AtomicBoolean bgsave = new AtomicBoolean(true);
      n.call(() -> {
        n.aof().otherBackgroundJob(bgsave::get);
        return null;
      });
      assertThat(run(n, "BGREWRITEAOF")).isEqualTo("Background append only file rewriting scheduled");
      assertThat(infoField(n, "aof_rewrite_scheduled")).isEqualTo("1");
      assertThat(infoField(n, "aof_pending_rewrite")).isEqualTo("1");
      bgsave.set(false);
      await("scheduled rewrite ran", () -> "1".equals(infoField(n, "aof_rewrites")));
      assertThat(infoField(n, "aof_rewrite_scheduled")).isEqualTo("0");
    }
  }

  @Test
  void bgsave_whileARewriteRuns_isRefusedAsRedisRefusesItWithAnAofChild() throws Exception {
    try (ServerNode n = start(dir)) {
      GatedWriter w = GatedWriter.install(n);
      run(n, "BGREWRITEAOF");
      assertThatThrownBy(() -> run(n, "BGSAVE")).isInstanceOf(RedisException.class)
          .hasMessageContaining("Another child process is active (AOF?)");
      w.release();
    }
  }

  @Test
  void bgrewriteaof_insideMulti_isScheduled() throws Exception {
    try (ServerNode n = start(dir)) {
      run(n, "MULTI");
      run(n, "BGREWRITEAOF");
      assertThat(run(n, "EXEC")).isEqualTo(List.of("Background append only file rewriting scheduled"));
      await("scheduled rewrite ran", () -> "1".equals(infoField(n, "aof_rewrites")));
    }
  }

  @Test
  void automaticRewrite_onGrowthPastMinSize() throws Exception {
    try (ServerNode n = start(dir, "auto-aof-rewrite-min-size", "1kb", "auto-aof-rewrite-percentage", "100")) {
      for (int i = 0; i < 40; i++) {
        run(n, "SET", "key", "x".repeat(40)); // the same key over and over: the rewrite shrinks it
      }
      await("automatic rewrite", () -> "1".equals(infoField(n, "aof_rewrites")));
      await("rewrite done", () -> "0".equals(infoField(n, "aof_rewrite_in_progress")));
      assertThat(Long.parseLong(infoField(n, "aof_current_size"))).isLessThan(1024);
    }
  }

  @Test
  void configSetAppendonlyYes_atRuntime_writesBaseThenAppends_andNoStops() throws Exception {
    try (ServerNode n = start(dir, "appendonly", "no")) {
      run(n, "SET", "before", "1");
      GatedWriter w = GatedWriter.install(n);
      assertThat(run(n, "CONFIG", "SET", "appendonly", "yes")).isEqualTo("OK");
      assertThat(infoField(n, "aof_enabled")).isEqualTo("1");
      assertThat(infoField(n, "aof_rewrite_in_progress")).isEqualTo("1");
      run(n, "SET", "during", "2"); // goes to the temp incr file until the base exists
      assertThat(Files.exists(aofDir().resolve("temp-appendonly.aof.incr"))).isTrue();
      w.release();
      assertThat(n.call(() -> n.aof().state())).isEqualTo(AppendOnlyFile.State.ON);
      assertThat(manifest()).isEqualTo("file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n");
      run(n, "SET", "after", "3");
      assertThat(run(n, "CONFIG", "SET", "appendonly", "no")).isEqualTo("OK");
      assertThat(infoField(n, "aof_enabled")).isEqualTo("0");
      run(n, "SET", "off", "4");
    }
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "before", "during", "after", "off")).isEqualTo(java.util.Arrays.asList("1", "2", "3", null));
    }
  }

  @Test
  void configSetAppendonlyYes_whileAnotherJobRuns_isScheduled() throws Exception {
    try (ServerNode n = start(dir, "appendonly", "no")) {
      AtomicBoolean bgsave = new AtomicBoolean(true);
      n.call(() -> {
        n.aof().otherBackgroundJob(bgsave::get);
        return null;
      });
      assertThat(run(n, "CONFIG", "SET", "appendonly", "yes")).isEqualTo("OK");
      assertThat(infoField(n, "aof_rewrite_scheduled")).isEqualTo("1");
      run(n, "SET", "a", "1");
      bgsave.set(false);
      await("AOF on", () -> n.call(() -> n.aof().state()) == AppendOnlyFile.State.ON);
      run(n, "SET", "b", "2");
    }
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "MGET", "a", "b")).isEqualTo(List.of("1", "2"));
    }
  }

  @Test
  void shutdownWhileTheFirstAofIsBeingWritten_isRefusedUnlessForced() throws Exception {
    try (ServerNode n = start(dir, "appendonly", "no")) {
      GatedWriter.install(n);
      run(n, "CONFIG", "SET", "appendonly", "yes");
      assertThat(n.call(() -> n.aof().prepareShutdown(false))).isFalse();
      assertThat(n.call(() -> n.aof().prepareShutdown(true))).isTrue();
      assertThat(infoField(n, "aof_rewrite_in_progress")).isEqualTo("0");
    }
  }

  @Test
  void appendfsyncAlways_theWriteIsInTheFileBeforeItsReplyArrives() throws Exception {
    try (ServerNode n = start(dir, "appendfsync", "always")) {
      Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
      StringBuilder expected = new StringBuilder(cmd("SELECT", "0"));
      for (int i = 0; i < 20; i++) {
        run(n, "SET", "k" + i, "v");
        expected.append(cmd("SET", "k" + i, "v"));
        assertThat(Files.readString(incr)).isEqualTo(expected.toString());
      }
      assertThat(infoField(n, "aof_buffer_length")).isEqualTo("0");
    }
  }

  @Test
  void appendfsyncEverysec_writesBeforeReplying_andFsyncsInTheBackground() throws Exception {
    try (ServerNode n = start(dir)) {
      Path incr = aofDir().resolve("appendonly.aof.1.incr.aof");
      run(n, "SET", "k", "v");
      assertThat(Files.readString(incr)).isEqualTo(cmd("SELECT", "0") + cmd("SET", "k", "v"));
      await("background fsync", () -> "0".equals(infoField(n, "aof_pending_bio_fsync")));
    }
  }

  @Test
  void info_aofFields_asRedisPrintsThem_onAndOff() throws Exception {
    List<String> always = List.of("aof_enabled", "aof_rewrite_in_progress", "aof_rewrite_scheduled", "aof_last_rewrite_time_sec",
        "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_rewrites", "aof_rewrites_consecutive_failures",
        "aof_last_write_status", "aof_last_cow_size");
    List<String> whenOn = List.of("aof_current_size", "aof_base_size", "aof_pending_rewrite", "aof_buffer_length",
        "aof_pending_bio_fsync", "aof_delayed_fsync");
    try (ServerNode n = start(dir)) {
      assertThat(aofFields(n)).containsExactlyElementsOf(concat(always, whenOn));
      assertThat(infoField(n, "aof_last_rewrite_time_sec")).isEqualTo("-1");
      assertThat(infoField(n, "aof_last_write_status")).isEqualTo("ok");
    }
    try (ServerNode n = start(dir.resolve("off"), "appendonly", "no")) {
      assertThat(aofFields(n)).containsExactlyElementsOf(always);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new java.util.ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<String> aofFields(ServerNode n) {
    return java.util.Arrays.stream(AofTestSupport.info(n).split("\r\n")).filter(l -> l.startsWith("aof_"))
        .map(l -> l.substring(0, l.indexOf(':'))).toList();
  }

  @Test
  void config_aofParameters_validateAsRedis() {
    try (ServerNode n = start(dir)) {
      assertThat(run(n, "CONFIG", "GET", "appendfsync")).isEqualTo(List.of("appendfsync", "everysec"));
      assertThat(run(n, "CONFIG", "SET", "appendfsync", "always")).isEqualTo("OK");
      assertThatThrownBy(() -> run(n, "CONFIG", "SET", "appendfilename", "x")).hasMessageContaining("can't set immutable config");
      assertThatThrownBy(() -> run(n, "CONFIG", "SET", "appendfsync", "sometimes"))
          .hasMessage("ERR CONFIG SET failed (possibly related to argument 'appendfsync') - argument(s) must be one of the following: "
              + "everysec, always, no");
    }
    assertThatThrownBy(() -> start(dir.resolve("x"), "appenddirname", "a/b")).isInstanceOf(RedisException.class)
        .hasMessageContaining("appenddirname can't be a path, just a dirname");
    assertThatThrownBy(() -> start(dir.resolve("y"), "appendfilename", "")).isInstanceOf(RedisException.class)
        .hasMessageContaining("appendfilename can't be empty");
  }
}
