package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DEBUG RELOAD [MERGE] [NOFLUSH] [NOSAVE]: the loop inserts while the I/O thread parses, in
 * batches; enough keys here for many batches to queue up behind a busy loop. Replies as
 * redis-server 7.0's (which exits on NOFLUSH with a duplicated key; we refuse the load).
 */
class DebugReloadTest {

  private static final String LOAD_ERROR = "-ERR Error trying to load the RDB dump, check server logs.\r\n";

  /** Strings, hashes, lists, sets and sorted sets over three databases, some with TTLs. */
  private static void fill(CommandHarness h, int keys) {
    Random r = new Random(7);
    for (int i = 0; i < keys; i++) {
      h.run("SELECT", Integer.toString(i % 3));
      String k = "key:" + i;
      switch (i % 5) {
        case 0 -> h.run("SET", k, "value-" + i + "-" + "x".repeat(r.nextInt(40)));
        case 1 -> h.run("HSET", k, "f1", "a" + i, "f2", Integer.toString(i));
        case 2 -> h.run("RPUSH", k, "x", Integer.toString(i), "z");
        case 3 -> h.run("SADD", k, Integer.toString(i), "m");
        default -> h.run("ZADD", k, Integer.toString(i), "m" + i, "1.5", "n");
      }
      if (i % 7 == 0) {
        h.run("PEXPIREAT", k, Long.toString(4_000_000_000_000L + i));
      }
    }
    h.run("SELECT", "0");
  }

  @Test
  void reload_savesThenLoads_sameDigestAndTtls() {
    try (CommandHarness h = new CommandHarness()) {
      fill(h, 30_000);
      String digest = h.run("DEBUG", "DIGEST");
      String ttl = h.run("PEXPIRETIME", "key:0");
      assertThat(h.run("DEBUG", "RELOAD")).isEqualTo("+OK\r\n");
      assertThat(h.run("DEBUG", "DIGEST")).isEqualTo(digest);
      assertThat(h.run("PEXPIRETIME", "key:0")).isEqualTo(ttl);
      assertThat(h.run("DBSIZE")).isEqualTo(":10000\r\n");
      assertThat(h.run("INFO", "persistence")).contains("loading:0\r\n");
    }
  }

  @Test
  void reloadNosave_loadsTheFileAsLastSaved() {
    try (CommandHarness h = new CommandHarness()) {
      fill(h, 12_000);
      assertThat(h.run("SAVE")).isEqualTo("+OK\r\n");
      String saved = h.run("DEBUG", "DIGEST");
      h.run("SET", "later", "1");
      h.run("DEL", "key:0");
      assertThat(h.run("DEBUG", "RELOAD", "NOSAVE")).isEqualTo("+OK\r\n");
      assertThat(h.run("DEBUG", "DIGEST")).isEqualTo(saved);
      assertThat(h.run("EXISTS", "later")).isEqualTo(":0\r\n");
    }
  }

  @Test
  void noflush_duplicateKeyRefused_mergeOverwrites() {
    try (CommandHarness h = new CommandHarness()) {
      h.run("SET", "a", "1");
      h.run("SAVE");
      h.run("SET", "b", "2");
      assertThat(h.run("DEBUG", "RELOAD", "NOFLUSH", "NOSAVE")).isEqualTo(LOAD_ERROR);
      h.run("SET", "a", "5");
      assertThat(h.run("DEBUG", "RELOAD", "NOFLUSH", "MERGE", "NOSAVE")).isEqualTo("+OK\r\n");
      assertThat(h.run("GET", "a")).isEqualTo("$1\r\n1\r\n");
      assertThat(h.run("GET", "b")).isEqualTo("$1\r\n2\r\n");
      assertThat(h.run("DEBUG", "RELOAD", "bogus"))
          .isEqualTo("-ERR DEBUG RELOAD only supports the MERGE, NOFLUSH and NOSAVE options.\r\n");
    }
  }
}
