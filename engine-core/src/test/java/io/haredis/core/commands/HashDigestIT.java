package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * DEBUG DIGEST and DIGEST-VALUE of hashes equal redis-server 7.0's, for listpack and hashtable
 * encodings, binary fields and values, integers, empty strings and keys with a TTL.
 */
class HashDigestIT {

  @Test
  void randomHashes_digestsEqualRedis() {
    long seed = Long.getLong("seed", System.nanoTime());
    Random r = new Random(seed);
    try (RealRedis redis = RealRedis.start("--enable-debug-command", "yes");
        RedisServer ours = RedisServer.builder().port(0).start();
        RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
        RawRespClient b = new RawRespClient(redis.host(), redis.port())) {
      for (int k = 0; k < 60; k++) {
        String key = "h" + k;
        int fields = r.nextInt(4) == 0 ? 200 + r.nextInt(800) : 1 + r.nextInt(20);
        List<byte[]> cmd = new ArrayList<>();
        cmd.add("HSET".getBytes());
        cmd.add(key.getBytes());
        for (int i = 0; i < fields; i++) {
          cmd.add(bytes(r));
          cmd.add(bytes(r));
        }
        byte[][] args = cmd.toArray(new byte[0][]);
        assertThat(a.call(args)).isEqualTo(b.call(args));
        if (r.nextInt(5) == 0) {
          a.call("EXPIRE", key, "1000");
          b.call("EXPIRE", key, "1000");
        }
        assertThat(a.call("OBJECT", "ENCODING", key)).isEqualTo(b.call("OBJECT", "ENCODING", key));
        assertThat(a.call("DEBUG", "DIGEST-VALUE", key)).as("seed=%d key=%s", seed, key)
            .isEqualTo(b.call("DEBUG", "DIGEST-VALUE", key));
      }
      assertThat(a.call("DEBUG", "DIGEST")).as("seed=%d", seed).isEqualTo(b.call("DEBUG", "DIGEST"));
    }
  }

  private static byte[] bytes(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return String.valueOf(r.nextLong() >> r.nextInt(64)).getBytes();
      case 1:
        return new byte[0];
      case 2: {
        byte[] b = new byte[r.nextInt(100)];
        r.nextBytes(b);
        return b;
      }
      default:
        return ("f" + r.nextInt(500)).getBytes();
    }
  }
}
