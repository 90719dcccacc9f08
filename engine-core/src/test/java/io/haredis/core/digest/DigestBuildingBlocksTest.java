package io.haredis.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.digest.DatasetDigest.Mixer;
import io.haredis.core.type.ValueType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The mixing primitives that the container types' digests will use, pinned against DEBUG
 * DIGEST-VALUE from redis-server 7.0.15 for: HSET h f v f2 12; SADD s a b 3; RPUSH l a b 7;
 * ZADD z 1.5 m 0.1 n 3 7.
 */
class DigestBuildingBlocksTest {

  private final Mixer m = new Mixer();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] start(ValueType t) {
    byte[] d = new byte[20];
    m.mix(d, DatasetDigest.int32(t.code()));
    return d;
  }

  private void pair(byte[] d, String a, String c) {
    m.xorPair(d, b(a), 0, b(a).length, b(c), 0, b(c).length);
  }

  @Test
  void hash_xorOfFieldValuePairs() {
    byte[] d = start(ValueType.HASH);
    pair(d, "f2", "12"); // order does not matter
    pair(d, "f", "v");
    assertThat(DatasetDigest.hex(d)).isEqualTo("444440e14aeb7badd23614cb2c9a9025704d3b42");
  }

  @Test
  void set_xorOfMembers() {
    byte[] d = start(ValueType.SET);
    for (String s : new String[] {"3", "b", "a"}) {
      m.xor(d, b(s), 0, s.length());
    }
    assertThat(DatasetDigest.hex(d)).isEqualTo("aa475a4a8f122ca5936aa41d911aacf8c93b827d");
  }

  @Test
  void list_mixInOrder() {
    byte[] d = start(ValueType.LIST);
    for (String s : new String[] {"a", "b", "7"}) {
      m.mix(d, b(s));
    }
    assertThat(DatasetDigest.hex(d)).isEqualTo("0f7e0c22324402ffb83715eb3be2870ba4e186e2");
  }

  @Test
  void zset_xorOfMemberScorePairs() {
    byte[] d = start(ValueType.ZSET);
    pair(d, "n", DatasetDigest.formatScore(0.1));
    pair(d, "m", DatasetDigest.formatScore(1.5));
    pair(d, "7", DatasetDigest.formatScore(3));
    assertThat(DatasetDigest.hex(d)).isEqualTo("13a0f19e7a968bc90bc967e4425a52536def28d2");
  }
}
