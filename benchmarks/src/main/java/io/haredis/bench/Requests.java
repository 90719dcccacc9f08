package io.haredis.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Encodes requests as a client library would, for the benchmarks' input buffers. */
final class Requests {

  private Requests() {}

  static void multibulk(ByteArrayOutputStream out, String... args) {
    out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(b);
      out.writeBytes(new byte[] {'\r', '\n'});
    }
  }

  /** {@code n} pipelined {@code SET key:<i % 16> <16-byte value>} requests. */
  static byte[] sets(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      multibulk(out, "SET", "key:" + (i % 16), "value-0123456789");
    }
    return out.toByteArray();
  }

  /** {@code n} pipelined requests alternating SET and GET on 16 keys. */
  static byte[] setGetMix(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < n; i++) {
      if (i % 2 == 0) {
        multibulk(out, "SET", "key:" + (i % 16), "value-0123456789");
      } else {
        multibulk(out, "GET", "key:" + ((i - 1) % 16));
      }
    }
    return out.toByteArray();
  }
}
