package io.haredis.core.commands;

import static io.haredis.core.commands.StringTestSupport.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.persist.Crc64;
import io.haredis.core.resp.ReplyParser;
import io.haredis.testing.CommandHarness;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DUMP and RESTORE: payload format, options, Redis's errors and what is propagated. */
class DumpCommandsTest {

  private static final String OK = "+OK\r\n";
  private static final String BUSYKEY = "-BUSYKEY Target key name already exists.\r\n";
  private static final String BAD_PAYLOAD = "-ERR DUMP payload version or checksum are wrong\r\n";
  private static final String BAD_DATA = "-ERR Bad data format\r\n";

  private final StringTestSupport.ManualClock clock = new StringTestSupport.ManualClock();
  private final CommandHarness h = StringTestSupport.harness(clock);

  @BeforeEach
  void warmup() {
    h.run("SET", "warmup", "1"); // the log's first write carries SELECT 0
  }

  @AfterEach
  void close() {
    h.close();
  }

  private byte[] dump(String key) {
    Object r = ReplyParser.parse(Unpooled.wrappedBuffer(h.node().executeRaw("DUMP", key)), true);
    return (byte[]) r;
  }

  private String digest(String key) {
    return h.run("DEBUG", "DIGEST-VALUE", key);
  }

  private List<String> log(Object... cmd) {
    long from = StringTestSupport.offset(h.node());
    h.run(cmd);
    return StringTestSupport.textSince(h.node(), from);
  }

  /** A payload with a correct footer around {@code body} (type byte + value). */
  private static byte[] payload(byte[] body, int version) {
    byte[] p = Arrays.copyOf(body, body.length + 10);
    p[body.length] = (byte) version;
    p[body.length + 1] = (byte) (version >>> 8);
    long crc = Crc64.update(0, p, 0, body.length + 2);
    for (int i = 0; i < 8; i++) {
      p[body.length + 2 + i] = (byte) (crc >>> (8 * i));
    }
    return p;
  }

  @Test
  void dump_missingKey_nil() {
    assertThat(h.run("DUMP", "nope")).isEqualTo("$-1\r\n");
  }

  @Test
  void dump_string_isRedisPayload() {
    h.run("SET", "k", "hello");
    // type 0, length 5, "hello", RDB version 10, CRC64 (the bytes of Redis 7.0's DUMP)
    byte[] expected = payload(new byte[] {0, 5, 'h', 'e', 'l', 'l', 'o'}, 10);
    assertThat(dump("k")).isEqualTo(expected);
    h.run("SET", "n", "-129");
    assertThat(dump("n")).isEqualTo(payload(new byte[] {0, (byte) 0xC1, 0x7f, (byte) 0xff}, 10));
  }

  @Test
  void dumpThenRestore_everyType_sameValue() {
    h.run("SET", "s", "x".repeat(100));
    h.run("RPUSH", "l", "a", "1", "b");
    h.run("SADD", "si", "1", "2", "3");
    h.run("SADD", "ss", "a", "b");
    h.run("HSET", "h", "f", "v", "n", "1");
    h.run("ZADD", "z", "1.5", "a", "2", "b");
    for (String k : new String[] {"s", "l", "si", "ss", "h", "z"}) {
      byte[] p = dump(k);
      assertThat(h.run("RESTORE", k + "2", "0", p)).isEqualTo(OK);
      assertThat(digest(k + "2")).as(k).isEqualTo(digest(k));
      assertThat(h.run("OBJECT", "ENCODING", k + "2")).isEqualTo(h.run("OBJECT", "ENCODING", k));
    }
  }

  @Test
  void restore_existingKey_busykeyUnlessReplace() {
    h.run("SET", "k", "v");
    h.run("SET", "other", "w");
    byte[] p = dump("other");
    assertThat(h.run("RESTORE", "k", "0", p)).isEqualTo(BUSYKEY);
    // BUSYKEY is checked before the TTL and the payload
    assertThat(h.run("RESTORE", "k", "abc", "junk")).isEqualTo(BUSYKEY);
    assertThat(h.run("RESTORE", "k", "0", p, "REPLACE")).isEqualTo(OK);
    assertThat(h.run("GET", "k")).isEqualTo("$1\r\nw\r\n");
  }

  @Test
  void restore_badTtl() {
    byte[] p = payload(new byte[] {0, 1, 'v'}, 10);
    assertThat(h.run("RESTORE", "k", "abc", p)).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(h.run("RESTORE", "k", "-1", p)).isEqualTo("-ERR Invalid TTL value, must be >= 0\r\n");
  }

  @Test
  void restore_badFooter_versionOrChecksumError() {
    byte[] good = payload(new byte[] {0, 1, 'v'}, 10);
    assertThat(h.run("RESTORE", "k", "0", "short")).isEqualTo(BAD_PAYLOAD);
    byte[] badCrc = good.clone();
    badCrc[badCrc.length - 1] ^= 1;
    assertThat(h.run("RESTORE", "k", "0", badCrc)).isEqualTo(BAD_PAYLOAD);
    byte[] flipped = good.clone();
    flipped[2] = 'w';
    assertThat(h.run("RESTORE", "k", "0", flipped)).isEqualTo(BAD_PAYLOAD);
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {0, 1, 'v'}, 11))).isEqualTo(BAD_PAYLOAD);
    // older RDB versions are accepted
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {0, 1, 'v'}, 6))).isEqualTo(OK);
  }

  @Test
  void restore_badData() {
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {42, 1, 'v'}, 10))).isEqualTo(BAD_DATA);
    // a string longer than the payload (reading runs into the footer, then out of bytes)
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {0, 30, 'v'}, 10))).isEqualTo(BAD_DATA);
    // an empty list is not a value
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {18, 0}, 10))).isEqualTo(BAD_DATA);
    // a stream cannot be restored yet
    assertThat(h.run("RESTORE", "k", "0", payload(new byte[] {19, 0}, 10))).isEqualTo(BAD_DATA);
    // a listpack hash with a duplicate field
    h.run("HSET", "h", "a", "1", "b", "2");
    byte[] p = dump("h");
    byte[] body = Arrays.copyOf(p, p.length - 10);
    for (int i = 0; i < body.length - 1; i++) {
      if (body[i] == (byte) 0x81 && body[i + 1] == 'b') {
        body[i + 1] = 'a';
      }
    }
    assertThat(h.run("RESTORE", "h2", "0", payload(body, 10))).isEqualTo(BAD_DATA);
    assertThat(h.run("EXISTS", "k", "h2")).isEqualTo(":0\r\n");
  }

  @Test
  void restore_options() {
    byte[] p = payload(new byte[] {0, 1, 'v'}, 10);
    assertThat(h.run("RESTORE", "k", "0", p, "IDLETIME", "-1")).isEqualTo("-ERR Invalid IDLETIME value, must be >= 0\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "FREQ", "256")).isEqualTo("-ERR Invalid FREQ value, must be >= 0 and <= 255\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "IDLETIME", "1", "FREQ", "2")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "FREQ", "2", "IDLETIME", "1")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "IDLETIME")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "BOGUS")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "IDLETIME", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
    assertThat(h.run("RESTORE", "k", "0", p, "replace", "absttl", "freq", "5")).isEqualTo(OK);
    assertThat(h.run("RESTORE", "idle", "0", p, "IDLETIME", "1000")).isEqualTo(OK);
    String idle = h.run("OBJECT", "IDLETIME", "idle");
    assertThat(Long.parseLong(idle.substring(1, idle.length() - 2))).isBetween(1000L, 1002L);
  }

  @Test
  void restore_ttl_relativeAndAbsolute() {
    byte[] p = payload(new byte[] {0, 1, 'v'}, 10);
    assertThat(h.run("RESTORE", "a", "5000", p)).isEqualTo(OK);
    assertThat(h.run("PEXPIRETIME", "a")).isEqualTo(":" + (NOW + 5000) + "\r\n");
    assertThat(h.run("RESTORE", "b", Long.toString(NOW + 7000), p, "ABSTTL")).isEqualTo(OK);
    assertThat(h.run("PEXPIRETIME", "b")).isEqualTo(":" + (NOW + 7000) + "\r\n");
    assertThat(h.run("RESTORE", "c", "0", p)).isEqualTo(OK);
    assertThat(h.run("PTTL", "c")).isEqualTo(":-1\r\n");
  }

  @Test
  void restore_ttlAlreadyPast_createsNothing() {
    byte[] p = payload(new byte[] {0, 1, 'v'}, 10);
    assertThat(log("RESTORE", "gone", "1", p, "ABSTTL")).isEmpty();
    assertThat(h.run("EXISTS", "gone")).isEqualTo(":0\r\n");
    h.run("SET", "old", "x");
    assertThat(log("RESTORE", "old", "1", p, "ABSTTL", "REPLACE")).containsExactly("DEL old");
    assertThat(h.run("EXISTS", "old")).isEqualTo(":0\r\n");
  }

  @Test
  void restore_propagation() {
    byte[] p = payload(new byte[] {0, 1, 'v'}, 10);
    String ps = new String(p, StandardCharsets.ISO_8859_1);
    assertThat(log("RESTORE", "a", "0", p)).containsExactly("RESTORE a 0 " + ps);
    assertThat(log("RESTORE", "b", "100", p, "REPLACE"))
        .containsExactly("RESTORE b " + (NOW + 100) + " " + ps + " REPLACE ABSTTL");
    assertThat(log("RESTORE", "c", Long.toString(NOW + 100), p, "ABSTTL"))
        .containsExactly("RESTORE c " + (NOW + 100) + " " + ps + " ABSTTL");
    assertThat(log("RESTORE", "a", "0", p)).isEmpty(); // BUSYKEY
  }

  @Test
  void debugObject_serializedLength() {
    h.run("SET", "s", "hello");
    assertThat(h.run("DEBUG", "OBJECT", "s")).contains("serializedlength:6 ");
    h.run("SET", "n", "12345");
    assertThat(h.run("DEBUG", "OBJECT", "n")).contains("serializedlength:3 ");
    h.run("SET", "big", "a".repeat(1000));
    // LZF makes a long run of one byte tiny, as in Redis (rdbcompression yes)
    String lzf = h.run("DEBUG", "OBJECT", "big");
    h.run("CONFIG", "SET", "rdbcompression", "no");
    assertThat(h.run("DEBUG", "OBJECT", "big")).contains("serializedlength:1002 ");
    assertThat(lzf).doesNotContain("serializedlength:1002 ");
  }
}
