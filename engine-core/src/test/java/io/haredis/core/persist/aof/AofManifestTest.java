package io.haredis.core.persist.aof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.core.persist.aof.AofManifest.Entry;
import io.haredis.core.persist.aof.AofManifest.Type;
import java.util.List;
import org.junit.jupiter.api.Test;

class AofManifestTest {

  @Test
  void parse_redisWrittenManifest_baseHistoryIncrInOrder() throws Exception {
    AofManifest m = AofManifest.parse("""
        file appendonly.aof.2.base.rdb seq 2 type b
        file appendonly.aof.1.incr.aof seq 1 type h
        file appendonly.aof.2.incr.aof seq 2 type h
        file appendonly.aof.3.incr.aof seq 3 type i
        file appendonly.aof.4.incr.aof seq 4 type i
        """);
    assertThat(m.base()).isEqualTo(new Entry("appendonly.aof.2.base.rdb", 2, Type.BASE));
    assertThat(m.history()).extracting(Entry::fileName).containsExactly("appendonly.aof.1.incr.aof", "appendonly.aof.2.incr.aof");
    assertThat(m.loadOrder()).extracting(Entry::fileName)
        .containsExactly("appendonly.aof.2.base.rdb", "appendonly.aof.3.incr.aof", "appendonly.aof.4.incr.aof");
    assertThat(m.dirty()).isFalse();
    // The next files continue both sequences.
    AofManifest c = m.copy();
    assertThat(c.newIncr("appendonly.aof")).isEqualTo("appendonly.aof.5.incr.aof");
    assertThat(c.newBase("appendonly.aof", false)).isEqualTo("appendonly.aof.3.base.aof");
    assertThat(m.incr()).hasSize(2); // the copy changed, not the original
  }

  @Test
  void format_parse_roundTrip_andTheFixtureFormat() throws Exception {
    String text = "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n";
    assertThat(AofManifest.parse(text).format()).isEqualTo(text);
  }

  @Test
  void parse_keysAnyCaseAnyOrder_extraPairsIgnored_commentsSkipped() throws Exception {
    AofManifest m = AofManifest.parse("# written by hand\nTYPE b SEQ 7 FILE base.rdb future 1\n");
    assertThat(m.base()).isEqualTo(new Entry("base.rdb", 7, Type.BASE));
  }

  @Test
  void format_quotesNamesAsSdscatrepr_andParseReadsThemBack() throws Exception {
    AofManifest m = new AofManifest();
    m.newBase("my aof\"x", true);
    m.newIncr("my aof\"x");
    String text = m.format();
    assertThat(text).isEqualTo("file \"my aof\\\"x.1.base.rdb\" seq 1 type b\nfile \"my aof\\\"x.1.incr.aof\" seq 1 type i\n");
    assertThat(AofManifest.parse(text).loadOrder()).extracting(Entry::fileName)
        .containsExactly("my aof\"x.1.base.rdb", "my aof\"x.1.incr.aof");
  }

  @Test
  void rewriteBookkeeping_asRedisOrdersHistory() {
    AofManifest m = new AofManifest();
    m.newBase("a", true); // a.1.base.rdb
    m.newIncr("a");
    m.newIncr("a"); // the rewrite opened a.2.incr.aof
    m.newBase("a", true); // the rewrite's base
    m.markRewrittenIncrAsHistory(true);
    assertThat(m.format()).isEqualTo("""
        file a.2.base.rdb seq 2 type b
        file a.1.incr.aof seq 1 type h
        file a.1.base.rdb seq 1 type h
        file a.2.incr.aof seq 2 type i
        """);
    m.clearHistory();
    assertThat(m.history()).isEmpty();
    // With the AOF off every incr file is covered by the new base.
    m.markRewrittenIncrAsHistory(false);
    assertThat(m.incr()).isEmpty();
    assertThat(m.lastIncrOrNew("a")).isEqualTo("a.3.incr.aof");
  }

  @Test
  void parse_errors_useRedisReasons() {
    expectError("", "Found an empty AOF manifest", 0, null);
    expectError("file a seq 1 type b", "The AOF manifest file contains too long line", 1, null); // no final newline
    expectError("file " + "x".repeat(1100) + " seq 1 type b\n", "The AOF manifest file contains too long line", 1, null);
    expectError("\n", "Invalid AOF manifest file format", 1, "");
    expectError("file a seq 1\n", "Invalid AOF manifest file format", 1, "file a seq 1");
    expectError("file a seq 1 type b x\n", "Invalid AOF manifest file format", 1, "file a seq 1 type b x");
    expectError("file \"a seq 1 type b\n", "Invalid AOF manifest file format", 1, "file \"a seq 1 type b");
    expectError("file a seq x type b\n", "Invalid AOF manifest file format", 1, "file a seq x type b");
    expectError("file a seq 1 other b x y\n", "Invalid AOF manifest file format", 1, "file a seq 1 other b x y");
    expectError("file dir/a seq 1 type b\n", "File can't be a path, just a filename", 1, "file dir/a seq 1 type b");
    expectError("file a seq 1 type x\n", "Unknown AOF file type", 1, "file a seq 1 type x");
    expectError("file a seq 1 type b\nfile b seq 2 type b\n", "Found duplicate base file information", 2, "file b seq 2 type b");
    expectError("file a seq 2 type i\nfile b seq 2 type i\n", "Found a non-monotonic sequence number", 2, "file b seq 2 type i");
  }

  @Test
  void parse_onlyComments_isAnEmptyManifestNotAnError() throws Exception {
    assertThat(AofManifest.parse("# nothing here\n").isEmpty()).isTrue();
  }

  @Test
  void parse_seqLikeAtoll_leadingDigitsCount() throws Exception {
    assertThat(AofManifest.parse("file a seq 12abc type i\n").incr()).containsExactly(new Entry("a", 12, Type.INCR));
  }

  private static void expectError(String text, String reason, int line, String shownLine) {
    assertThatThrownBy(() -> AofManifest.parse(text)).isInstanceOfSatisfying(AofManifestException.class, e -> {
      assertThat(e.reason()).isEqualTo(reason);
      assertThat(e.lineNumber()).isEqualTo(line);
      assertThat(e.line()).isEqualTo(shownLine);
    });
  }

  @Test
  void names_asRedisBuildsThem() {
    assertThat(AofManifest.manifestName("appendonly.aof")).isEqualTo("appendonly.aof.manifest");
    assertThat(AofManifest.tempManifestName("appendonly.aof")).isEqualTo("temp-appendonly.aof.manifest");
    assertThat(AofManifest.tempIncrName("appendonly.aof")).isEqualTo("temp-appendonly.aof.incr");
    assertThat(List.of(new AofManifest().newBase("x", false))).containsExactly("x.1.base.aof");
  }
}
