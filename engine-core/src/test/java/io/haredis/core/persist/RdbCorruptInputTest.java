package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.keyspace.Keyspace;
import io.haredis.core.node.ServerNode;
import io.haredis.core.type.RedisValue;
import io.haredis.core.type.ZSetValue;
import io.haredis.testing.CommandHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Corrupt, truncated and hostile input: the reader either loads something consistent or throws
 * {@link RdbFormatException}; never another exception, never an allocation sized by a lying
 * length.
 */
class RdbCorruptInputTest {

  private static final Random SEEDS = new Random();

  /** Value payloads (type byte + value) of every encoding, from a dataset built by commands. */
  static List<byte[]> valuePayloads(long seed) throws Exception {
    try (CommandHarness h = new CommandHarness()) {
      for (byte[][] cmd : DatasetScript.build(seed, 1)) {
        h.run((Object[]) cmd);
      }
      ServerNode node = h.node();
      return node.call(() -> {
        List<byte[]> out = new ArrayList<>();
        Keyspace ks = node.keyspace();
        RdbOutput o = new RdbOutput(256);
        RdbWriter w = new RdbWriter(o, true);
        for (int i = 0; i < ks.databases(); i++) {
          ks.db(i).dict().forEach(e -> {
            o.clear();
            w.value(e.value());
            out.add(o.toByteArray());
          });
        }
        return out;
      });
    }
  }

  @Test
  void mutatedValuePayloads_loadConsistentlyOrFailWithFormatError() throws Exception {
    long seed = SEEDS.nextLong();
    Random r = new Random(seed);
    List<byte[]> payloads = valuePayloads(seed);
    int refused = 0;
    for (int round = 0; round < 20; round++) {
      for (byte[] good : payloads) {
        byte[] bad = mutate(good, r);
        try {
          RedisValue v = RdbReader.readValue(bad, 0, bad.length, EncodingLimits.DEFAULTS, r);
          assertConsistent(v);
        } catch (RdbFormatException expected) {
          refused++;
        } catch (RuntimeException | AssertionError e) {
          throw new AssertionError("seed=" + seed + " payload " + hex(bad), e);
        }
      }
    }
    assertThat(refused).as("seed=%d", seed).isGreaterThan(0);
  }

  @Test
  void mutatedFiles_loadOrFailWithFormatError() throws Exception {
    long seed = SEEDS.nextLong();
    Random r = new Random(seed);
    byte[] file = Files.readAllBytes(RdbFixtures.rdbDir().resolve("all-types-7.0-nostream.rdb"));
    for (int round = 0; round < 200; round++) {
      byte[] bad = mutate(file, r);
      try (InputStream in = new ByteArrayInputStream(bad)) {
        Keyspace ks = RdbFixtureLoadTest.keyspace();
        RdbLoad.loadInto(ks, in, false);
        DatasetDigest.dataset(ks);
      } catch (RdbFormatException expected) {
        // refused
      } catch (RuntimeException | AssertionError | IOException e) {
        throw new AssertionError("seed=" + seed + " round " + round, e);
      }
    }
  }

  @Test
  void truncatedFile_refusedAsUnexpectedEof() throws Exception {
    byte[] file = Files.readAllBytes(RdbFixtures.rdbDir().resolve("all-types-7.0-nostream.rdb"));
    for (int cut : new int[] {0, 5, 9, 100, file.length / 2, file.length - 9, file.length - 1}) {
      byte[] part = Arrays.copyOf(file, cut);
      assertThatThrownBy(() -> RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(part), false))
          .as("cut at %d", cut)
          .isInstanceOf(RdbFormatException.class)
          .hasMessageContaining(cut < 9 ? "Unexpected EOF" : "");
    }
  }

  @Test
  void flippedByteInFile_refusedByChecksum() throws Exception {
    byte[] file = Files.readAllBytes(RdbFixtures.rdbDir().resolve("all-types-7.0-nostream.rdb"));
    // a byte inside a long string value: still parses, only the CRC can tell
    int at = indexOf(file, "xxxxxxxxxx".getBytes());
    if (at < 0) {
      at = file.length - 30;
    }
    byte[] bad = file.clone();
    bad[at + 3] ^= 0x01;
    assertThatThrownBy(() -> RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(bad), false))
        .isInstanceOf(RdbFormatException.class);
  }

  @Test
  void wrongSignatureAndVersion_refused() {
    assertThatThrownBy(() -> load("RADIS0010".getBytes()))
        .hasMessageContaining("Wrong signature trying to load DB from file");
    assertThatThrownBy(() -> load("REDIS0011".getBytes()))
        .hasMessageContaining("Can't handle RDB format version 11");
  }

  @Test
  void lyingLengths_refusedWithoutHugeAllocation() throws Exception {
    // a string claiming 2^31-100 bytes in a tiny file; a set claiming 2^40 members
    byte[] hugeString = concat("REDIS0010".getBytes(), new byte[] {0, 0x05, 'k', 'e', 'y', 'x', 'y', (byte) 0x80, 0x7f,
        (byte) 0xff, (byte) 0xff, (byte) 0x9b, 'a', 'b'});
    assertThatThrownBy(() -> load(hugeString)).isInstanceOf(RdbFormatException.class)
        .hasMessageContaining("Unexpected EOF");
    byte[] hugeSet = concat("REDIS0010".getBytes(), new byte[] {2, 0x01, 's', (byte) 0x81, 0, 0, 0x01, 0, 0, 0, 0, 0, 1, 'a'});
    assertThatThrownBy(() -> load(hugeSet)).isInstanceOf(RdbFormatException.class);
    // an LZF string claiming to expand 1000x
    byte[] lzf = concat("REDIS0010".getBytes(), new byte[] {0, 0x01, 'k', (byte) 0xC3, 0x02, (byte) 0x80, 0x00, 0x01, (byte) 0x00,
        0x00, 0x00, 'a', 'b'});
    assertThatThrownBy(() -> load(lzf)).isInstanceOf(RdbFormatException.class)
        .hasMessageContaining("Invalid LZF compressed string");
  }

  @Test
  void moduleAndStreamTypes_refusedByName() {
    byte[] module = concat("REDIS0010".getBytes(), new byte[] {7, 0x01, 'm', (byte) 0x81, 0x12, 0x34, 0x56, 0x78, 0x12, 0x34, 0x56, 0x78});
    assertThatThrownBy(() -> load(module)).hasMessageContaining("module data I can't load")
        .hasMessageContaining("key 'm'");
    byte[] stream = concat("REDIS0010".getBytes(), new byte[] {19, 0x02, 's', 't', 0});
    assertThatThrownBy(() -> load(stream)).hasMessageContaining("'st'").hasMessageContaining("stream");
    byte[] moduleAux = concat("REDIS0010".getBytes(), new byte[] {(byte) 247, 0x05, 0x02, 0x02});
    assertThatThrownBy(() -> load(moduleAux)).hasMessageContaining("AUX module data I can't load");
  }

  @Test
  void functionLibraries_skipped() throws Exception {
    RdbOutput o = new RdbOutput(64);
    RdbWriter w = new RdbWriter(o, false);
    w.header();
    o.write(RdbWriter.OPCODE_FUNCTION2);
    byte[] lib = "#!lua name=mylib\nredis.register_function('f', function() return 1 end)".getBytes();
    w.writeString(lib, 0, lib.length);
    w.keyValue("k".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), -1);
    w.eof();
    o.writeLongLE(Crc64.update(0, o.array(), 0, o.length()));
    Keyspace ks = RdbFixtureLoadTest.keyspace();
    RdbLoad.Result res = RdbLoad.loadInto(ks, new ByteArrayInputStream(o.toByteArray()), false);
    assertThat(res.keysLoaded()).isEqualTo(1);
  }

  @Test
  void aofWithRdbPreamble_rdbThenTheRestOfTheStream() throws Exception {
    byte[] aof = Files.readAllBytes(RdbFixtures.rdbDir().resolve("redis-7.0-test-assets/rdb-preamble.aof"));
    java.util.List<String> keys = new java.util.ArrayList<>();
    RdbReader r = new RdbReader(new ByteArrayInputStream(aof), EncodingLimits.DEFAULTS, new Random(1));
    r.read((db, key, value, expireAtMs, idle, freq) -> keys.add(new String(key)));
    assertThat(keys).containsExactlyInAnyOrder("k1", "k2");
    long rdbBytes = r.bytesRead();
    byte[] tail = r.remaining().readAllBytes();
    assertThat(new String(tail, java.nio.charset.StandardCharsets.US_ASCII)).startsWith("*2\r\n$6\r\nSELECT");
    assertThat(rdbBytes + tail.length).isEqualTo(aof.length);
  }

  @Test
  void checksumZero_notChecked() throws Exception {
    RdbOutput o = new RdbOutput(64);
    RdbWriter w = new RdbWriter(o, false);
    w.header();
    w.keyValue("k".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), -1);
    w.eof();
    o.writeLongLE(0);
    assertThat(RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(o.toByteArray()), false)
        .keysLoaded()).isEqualTo(1);
  }

  @Test
  void duplicateKeyAndDatabaseOutOfRange_refused() {
    RdbOutput o = new RdbOutput(64);
    RdbWriter w = new RdbWriter(o, false);
    w.header();
    w.keyValue("k".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), -1);
    w.keyValue("k".getBytes(), io.haredis.core.type.StringValue.of("w".getBytes()), -1);
    w.eof();
    o.writeLongLE(0);
    assertThatThrownBy(() -> RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(o.toByteArray()), false))
        .hasMessageContaining("duplicated key 'k'");
    o.clear();
    w.header();
    w.selectDb(16);
    w.eof();
    o.writeLongLE(0);
    assertThatThrownBy(() -> RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(o.toByteArray()), false))
        .hasMessageContaining("more than 16 databases");
  }

  @Test
  void expiredKeys_discardedOnlyWhenAsked() throws Exception {
    RdbOutput o = new RdbOutput(64);
    RdbWriter w = new RdbWriter(o, false);
    w.header();
    w.keyValue("old".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), 1000);
    w.keyValue("new".getBytes(), io.haredis.core.type.StringValue.of("v".getBytes()), Long.MAX_VALUE / 2);
    w.eof();
    o.writeLongLE(Crc64.update(0, o.array(), 0, o.length()));
    Keyspace a = RdbFixtureLoadTest.keyspace();
    assertThat(RdbLoad.loadInto(a, new ByteArrayInputStream(o.toByteArray()), true))
        .isEqualTo(new RdbLoad.Result(1, 1, o.length()));
    Keyspace b = RdbFixtureLoadTest.keyspace();
    assertThat(RdbLoad.loadInto(b, new ByteArrayInputStream(o.toByteArray()), false))
        .isEqualTo(new RdbLoad.Result(2, 0, o.length()));
    assertThat(b.db(0).peek("old".getBytes(), 0, 3).expireAt()).isEqualTo(1000);
  }

  private static void load(byte[] b) throws Exception {
    RdbLoad.loadInto(RdbFixtureLoadTest.keyspace(), new ByteArrayInputStream(b), false);
  }

  private static void assertConsistent(RedisValue v) {
    if (v instanceof ZSetValue z) {
      assertThat(z.checkInvariants()).isTrue();
    } else if (v instanceof io.haredis.core.type.ListValue l) {
      assertThat(l.checkInvariants()).isTrue();
    }
    RdbOutput o = new RdbOutput(64);
    new RdbWriter(o, true).value(v); // whatever loaded can be written again
  }

  private static byte[] mutate(byte[] good, Random r) {
    byte[] b = good.clone();
    switch (r.nextInt(4)) {
      case 0 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      case 1 -> {
        for (int i = 0; i < 1 + r.nextInt(4); i++) {
          b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
        }
      }
      case 2 -> b = Arrays.copyOf(b, r.nextInt(b.length));
      default -> {
        int at = r.nextInt(b.length);
        b[at] = (byte) (r.nextBoolean() ? 0xff : 0x7f);
      }
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.length, 200); i++) {
      sb.append(String.format("%02x", b[i]));
    }
    return sb.toString();
  }
}
