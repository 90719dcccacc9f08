package io.haredis.core.type;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HyperLogLog format and estimator. Golden bytes and counts were taken from redis-server 7.0.15
 * (GET of the value after the same PFADD calls).
 */
class HyperLogLogTest {

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private static String bulk(byte[] b) {
    return "$" + b.length + "\r\n" + new String(b, StandardCharsets.ISO_8859_1) + "\r\n";
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Object[] pfadd(String key, String fmt, int from, int to) {
    List<Object> a = new ArrayList<>();
    a.add("PFADD");
    a.add(key);
    for (int i = from; i < to; i++) {
      a.add(String.format(fmt, i));
    }
    return a.toArray();
  }

  @Test
  void pfadd_newKeyNoElements_emptySparseWithStaleCache() {
    assertThat(h.run("PFADD", "h")).isEqualTo(":1\r\n");
    assertThat(h.run("GET", "h")).isEqualTo(bulk(hex("48594c4c01000000000000000000008" + "07fff")));
    assertThat(h.run("PFADD", "h")).isEqualTo(":0\r\n");
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":0\r\n");
  }

  @Test
  void pfadd_threeElements_bytesMatchRedis_thenPfcountCachesCardinality() {
    assertThat(h.run("PFADD", "h", "a", "b", "c")).isEqualTo(":1\r\n");
    byte[] stale = bytes("HYLL\u0001\0\0\0\0\0\0\0\0\0\0\u0080`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ");
    assertThat(h.run("GET", "h")).isEqualTo(bulk(stale));
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":3\r\n");
    byte[] cached = bytes("HYLL\u0001\0\0\0\u0003\0\0\0\0\0\0\0`\u00f3\u0080P\u00b1\u0084K\u00fb\u0080BZ");
    assertThat(h.run("GET", "h")).isEqualTo(bulk(cached));
    assertThat(h.run("PFADD", "h", "a", "b")).isEqualTo(":0\r\n");
    assertThat(h.run("GET", "h")).isEqualTo(bulk(cached));
  }

  @Test
  void pfadd_hundredElements_sparseBytesMatchRedis() {
    h.run(pfadd("h", "e%d", 0, 100));
    String golden = "48594c4c01000000000000000000008036843c8040a9a40e88409084406c9c048840e28041358840d380411d88"
        + "40898041168c419080098040e08040948041578440a280408384405d8440e1844199844081803c844047840780404e8040"
        + "8f840984405184268441258440d38042638040a280404b8c406f80420b8c41798041478041638040668440f98c01842188"
        + "11804182844062803088407984228040de8440d3884045800a88420090118440c184018041138440848c1684228040a884"
        + "40e180422a84410384168041178441658c414e802680058040598040ec882e88413c880380405b841b803f80409b802184"
        + "412e88408f90407e80408480415f8033844079844193844058902e80406a840d8039801380409a882880408c";
    assertThat(h.run("GET", "h")).isEqualTo(bulk(hex(golden)));
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":100\r\n");
  }

  @Test
  void pfadd_batchesOf300_promotesToDenseWhereRedisDoes() {
    long[] lengths = {688, 1201, 1703, 2209, 2696, 12304, 12304, 12304, 12304, 12304};
    for (int i = 0; i < 10; i++) {
      h.run(pfadd("h", "x%d", i * 300, i * 300 + 300));
      assertThat(h.run("STRLEN", "h")).as("batch %d", i).isEqualTo(":" + lengths[i] + "\r\n");
    }
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":2985\r\n");
    assertThat(h.run("PFDEBUG", "ENCODING", "h")).isEqualTo("+dense\r\n");
  }

  @Test
  void pfcount_twentyThousandElements_matchesRedis() {
    for (int i = 0; i < 20000; i += 500) {
      h.run(pfadd("h", "e%d", i, i + 500));
    }
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":19901\r\n");
    assertThat(h.run("STRLEN", "h")).isEqualTo(":12304\r\n");
  }

  @Test
  void sparseMaxBytes_configurable_lowLimitPromotesEarly() {
    assertThat(h.run("CONFIG", "GET", "hll-sparse-max-bytes")).isEqualTo("*2\r\n$20\r\nhll-sparse-max-bytes\r\n$4\r\n3000\r\n");
    assertThat(h.run("CONFIG", "SET", "hll-sparse-max-bytes", "30")).isEqualTo("+OK\r\n");
    h.run(pfadd("h", "e%d", 0, 3));
    assertThat(h.run("PFDEBUG", "ENCODING", "h")).isEqualTo("+sparse\r\n");
    h.run(pfadd("h", "e%d", 3, 20));
    assertThat(h.run("PFDEBUG", "ENCODING", "h")).isEqualTo("+dense\r\n");
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":20\r\n");
  }

  @Test
  void wrongType_nonHllStringsAndOtherTypes_errors() {
    h.run("SET", "s", "hello");
    h.run("SET", "i", "12345");
    h.run("SET", "short", "HYLL");
    h.run("RPUSH", "l", "x");
    String hllWrongType = "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n";
    assertThat(h.run("PFADD", "s", "a")).isEqualTo(hllWrongType);
    assertThat(h.run("PFADD", "i", "a")).isEqualTo(hllWrongType);
    assertThat(h.run("PFCOUNT", "short")).isEqualTo(hllWrongType);
    assertThat(h.run("PFMERGE", "d", "s")).isEqualTo(hllWrongType);
    assertThat(h.run("EXISTS", "d")).isEqualTo(":0\r\n");
    assertThat(h.run("PFADD", "l", "a")).startsWith("-WRONGTYPE Operation against");
    assertThat(h.run("PFCOUNT", "x", "l")).startsWith("-WRONGTYPE Operation against");
    // a dense header with the wrong length
    byte[] bad = hex("48594c4c00000000000000000000000000");
    h.run("SET", "bad", bad);
    assertThat(h.run("PFCOUNT", "bad")).isEqualTo(hllWrongType);
  }

  @Test
  void corruptSparse_registersShort_invalidObj() {
    // XZERO covering 16383 registers only, stale cache
    h.run("SET", "c", hex("48594c4c0100000000000000000000807ffe"));
    assertThat(h.run("PFCOUNT", "c")).isEqualTo("-INVALIDOBJ Corrupted HLL object detected\r\n");
    assertThat(h.run("PFCOUNT", "c", "other")).isEqualTo("-INVALIDOBJ Corrupted HLL object detected\r\n");
    assertThat(h.run("PFMERGE", "d", "c")).isEqualTo("-INVALIDOBJ Corrupted HLL object detected\r\n");
  }

  @Test
  void pfmerge_unionOfSparseAndDense_countMatchesPfcountOfKeys() {
    h.run(pfadd("a", "e%d", 0, 100));
    for (int i = 0; i < 5000; i += 500) {
      h.run(pfadd("b", "f%d", i, i + 500));
    }
    String union = h.run("PFCOUNT", "a", "b");
    assertThat(h.run("PFMERGE", "d", "a", "b")).isEqualTo("+OK\r\n");
    assertThat(h.run("PFCOUNT", "d")).isEqualTo(union);
    assertThat(h.run("PFDEBUG", "ENCODING", "d")).isEqualTo("+dense\r\n");
    assertThat(h.run("PFMERGE", "e", "a")).isEqualTo("+OK\r\n");
    assertThat(h.run("GET", "e")).isEqualTo(h.run("GET", "a"));
  }

  @Test
  void murmurHash64A_knownVector() {
    // Redis's register for "a": PFADD h a then PFDEBUG GETREG shows one register set
    int pat = HyperLogLog.patternOf(bytes("a"), 0, 1);
    assertThat(pat & 0xff).isBetween(1, 51);
  }

  @Test
  void estimate_emptyAndFull_edgeValues() {
    int[] histo = new int[64];
    histo[0] = HyperLogLog.REGISTERS;
    assertThat(HyperLogLog.estimate(histo)).isZero();
    histo[0] = 0;
    histo[1] = HyperLogLog.REGISTERS;
    assertThat(HyperLogLog.estimate(histo)).isPositive();
  }

  @Test
  void pfselftest_passes() {
    assertThat(h.run("PFSELFTEST")).isEqualTo("+OK\r\n");
  }

  @Test
  void pfcount_refreshingCache_touchesWatchedKey() {
    h.run("PFADD", "h", "a");
    h.run("WATCH", "h");
    h.run("PFCOUNT", "h");
    h.run("MULTI");
    h.run("PING");
    assertThat(h.run("EXEC")).isEqualTo("*-1\r\n");
    h.run("WATCH", "h");
    h.run("PFCOUNT", "h"); // cache valid now: no change
    h.run("MULTI");
    h.run("PING");
    assertThat(h.run("EXEC")).isEqualTo("*1\r\n+PONG\r\n");
  }

  @Test
  void pfdebug_subcommands_matchRedisReplies() {
    assertThat(h.run("PFDEBUG", "ENCODING", "nokey")).isEqualTo("-ERR The specified key does not exist\r\n");
    h.run("PFADD", "h", "a", "b", "c");
    assertThat(h.run("PFDEBUG", "DECODE", "h")).isEqualTo("$44\r\nZ:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603\r\n");
    assertThat(h.run("PFDEBUG", "ENCODING", "h")).isEqualTo("+sparse\r\n");
    assertThat(h.run("PFDEBUG", "TODENSE", "h")).isEqualTo(":1\r\n");
    assertThat(h.run("PFDEBUG", "TODENSE", "h")).isEqualTo(":0\r\n");
    assertThat(h.run("PFDEBUG", "DECODE", "h")).isEqualTo("-ERR HLL encoding is not sparse\r\n");
    assertThat(h.run("PFDEBUG", "nope", "h")).isEqualTo("-ERR Unknown PFDEBUG subcommand 'nope'\r\n");
    assertThat(h.run("PFCOUNT", "h")).isEqualTo(":3\r\n");
  }

  @Test
  void pfcount_craftedDenseRegistersAllHigh_repliesLongMinLikeRedis() {
    StringValue v = StringValue.raw(new byte[HyperLogLog.DENSE_SIZE], HyperLogLog.DENSE_SIZE);
    byte[] b = v.array();
    b[0] = 'H';
    b[1] = 'Y';
    b[2] = 'L';
    b[3] = 'L';
    b[15] = (byte) 0x80;
    for (int value : new int[] {50, 51, 63}) {
      for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
        HyperLogLog.denseSet(b, i, value);
      }
      h.run("SET", "x", v.toBytes());
      // redis-server 7.0.15 replies this for all three
      assertThat(h.run("PFCOUNT", "x")).isEqualTo(":-9223372036854775808\r\n");
      assertThat(h.run("PFCOUNT", "x", "nokey")).isEqualTo(":-9223372036854775808\r\n");
    }
    for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
      HyperLogLog.denseSet(b, i, 1);
    }
    h.run("SET", "x", v.toBytes());
    assertThat(h.run("PFCOUNT", "x")).isEqualTo(":23637\r\n");
  }
}
