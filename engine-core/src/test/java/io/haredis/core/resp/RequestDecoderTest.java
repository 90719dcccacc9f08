package io.haredis.core.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The request decoder fed the way a socket feeds it: whole, one byte at a time, split at every
 * boundary, and in pipelines. Error texts were checked against redis-server 7.0.15 over a raw
 * socket (each one is followed by the connection being closed there; {@code ClientHandler} does
 * the closing here, covered by {@code MalformedRequestIT}).
 */
class RequestDecoderTest {

  /** A decoder with its own buffers, fed like ClientHandler feeds one. */
  static final class Feeder {
    final QueryBuffer query = new QueryBuffer();
    final RequestArgs args = new RequestArgs();
    final RequestDecoder decoder = new RequestDecoder(query, args);
    final List<List<String>> requests = new ArrayList<>();
    String error;
    int empty;

    Feeder feed(byte[] data, int off, int len) {
      decoder.prepareAppend(len);
      query.append(data, off, len);
      drain();
      return this;
    }

    Feeder feed(String s) {
      byte[] b = s.getBytes(ISO_8859_1);
      return feed(b, 0, b.length);
    }

    void drain() {
      while (error == null) {
        RequestDecoder.Status st = decoder.decode();
        switch (st) {
          case NEED_MORE:
            return;
          case EMPTY:
            empty++;
            break;
          case ERROR:
            error = decoder.error();
            decoder.reset();
            return;
          case COMPLETE:
            List<String> r = new ArrayList<>();
            for (int i = 0; i < args.argc(); i++) {
              r.add(new String(args.array(i), args.offset(i), args.length(i), ISO_8859_1));
            }
            requests.add(r);
            break;
          default:
            throw new AssertionError(st);
        }
      }
    }
  }

  private static Feeder whole(String s) {
    return new Feeder().feed(s);
  }

  private static Feeder byteByByte(String s) {
    Feeder f = new Feeder();
    byte[] b = s.getBytes(ISO_8859_1);
    for (int i = 0; i < b.length; i++) {
      f.feed(b, i, 1);
    }
    return f;
  }

  private static String multibulk(String... args) {
    StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      sb.append('$').append(a.length()).append("\r\n").append(a).append("\r\n");
    }
    return sb.toString();
  }

  private static final String MIXED = multibulk("SET", "key", "va\r\nlue") + "GET key\r\n"
      + multibulk("PING") + "ECHO \"a b\" 'c d'\n" + "*0\r\n" + "\r\n" + multibulk("MSET", "", "x")
      + "*-1\r\n" + multibulk("GET", "key");

  private static final List<List<String>> MIXED_EXPECTED = List.of(
      List.of("SET", "key", "va\r\nlue"), List.of("GET", "key"), List.of("PING"), List.of("ECHO", "a b", "c d"),
      List.of("MSET", "", "x"), List.of("GET", "key"));

  @Test
  void decode_wholeMultibulk_complete() {
    Feeder f = whole(multibulk("SET", "k", "v"));
    assertThat(f.requests).containsExactly(List.of("SET", "k", "v"));
    assertThat(f.query.readable()).isZero();
    assertThat(f.decoder.inRequest()).isFalse();
  }

  @Test
  void decode_oneByteAtATime_sameRequests() {
    Feeder f = byteByByte(MIXED);
    assertThat(f.error).isNull();
    assertThat(f.requests).isEqualTo(MIXED_EXPECTED);
    assertThat(f.empty).isEqualTo(3);
  }

  @Test
  void decode_splitAtEveryBoundary_sameRequests() {
    byte[] b = MIXED.getBytes(ISO_8859_1);
    for (int split = 0; split <= b.length; split++) {
      Feeder f = new Feeder();
      f.feed(b, 0, split);
      f.feed(b, split, b.length - split);
      assertThat(f.error).as("split at %d", split).isNull();
      assertThat(f.requests).as("split at %d", split).isEqualTo(MIXED_EXPECTED);
    }
  }

  @Test
  void decode_splitAtEveryPairOfBoundaries_sameRequests() {
    byte[] b = MIXED.getBytes(ISO_8859_1);
    for (int i = 0; i <= b.length; i += 3) {
      for (int j = i; j <= b.length; j += 2) {
        Feeder f = new Feeder();
        f.feed(b, 0, i);
        f.feed(b, i, j - i);
        f.feed(b, j, b.length - j);
        assertThat(f.requests).as("splits at %d,%d", i, j).isEqualTo(MIXED_EXPECTED);
      }
    }
  }

  @Test
  void decode_randomChunks_sameRequests() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    byte[] b = MIXED.repeat(20).getBytes(ISO_8859_1);
    for (int round = 0; round < 50; round++) {
      Feeder f = new Feeder();
      int p = 0;
      while (p < b.length) {
        int n = Math.min(b.length - p, 1 + rnd.nextInt(40));
        f.feed(b, p, n);
        p += n;
      }
      assertThat(f.requests).as("seed %d", seed).hasSize(MIXED_EXPECTED.size() * 20);
      assertThat(f.requests.subList(0, MIXED_EXPECTED.size())).as("seed %d", seed).isEqualTo(MIXED_EXPECTED);
    }
  }

  @Test
  void decode_pipelineOfManyCommandsInOneBuffer_allDecodedInOrder() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      sb.append(multibulk("SET", "key:" + i, "value:" + i));
    }
    Feeder f = whole(sb.toString());
    assertThat(f.requests).hasSize(10_000);
    assertThat(f.requests.get(0)).containsExactly("SET", "key:0", "value:0");
    assertThat(f.requests.get(9_999)).containsExactly("SET", "key:9999", "value:9999");
    assertThat(f.query.readable()).isZero();
  }

  @Test
  void decode_pipelineOfInlineCommands_allDecoded() {
    Feeder f = whole("PING\r\nPING\nGET a\r\n\r\nSET a b\n");
    assertThat(f.requests).containsExactly(List.of("PING"), List.of("PING"), List.of("GET", "a"), List.of("SET", "a", "b"));
    assertThat(f.empty).isEqualTo(1);
  }

  @Test
  void decode_bigBulkAcrossManyReads_argumentIntact() {
    int size = 10 * 1024 * 1024;
    byte[] value = new byte[size];
    new Random(42).nextBytes(value);
    ByteArrayOutputStream req = new ByteArrayOutputStream();
    req.writeBytes(("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + size + "\r\n").getBytes(ISO_8859_1));
    req.writeBytes(value);
    req.writeBytes("\r\n*1\r\n$4\r\nPING\r\n".getBytes(ISO_8859_1));
    byte[] b = req.toByteArray();
    QueryBuffer query = new QueryBuffer();
    RequestArgs args = new RequestArgs();
    RequestDecoder d = new RequestDecoder(query, args);
    int p = 0;
    int completes = 0;
    boolean sawBig = false;
    while (p < b.length) {
      int n = Math.min(b.length - p, 16 * 1024);
      d.prepareAppend(n);
      query.append(b, p, n);
      p += n;
      RequestDecoder.Status st;
      while ((st = d.decode()) == RequestDecoder.Status.COMPLETE) {
        completes++;
        if (args.argc() == 3) {
          assertThat(args.length(2)).isEqualTo(size);
          assertThat(Arrays.equals(args.array(2), args.offset(2), args.offset(2) + size, value, 0, size)).isTrue();
          assertThat(args.string(1)).isEqualTo("big");
          sawBig = true;
        } else {
          assertThat(args.string(0)).isEqualTo("PING");
        }
      }
      assertThat(st).isEqualTo(RequestDecoder.Status.NEED_MORE);
    }
    assertThat(sawBig).isTrue();
    assertThat(completes).isEqualTo(2);
  }

  @Test
  void decode_bulkTrailingBytesNotCrlf_acceptedLikeRedis() {
    // Redis skips the two bytes after a bulk without looking at them.
    Feeder f = whole("*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n");
    assertThat(f.requests).containsExactly(List.of("PING"), List.of("PING"));
  }

  @Test
  void decode_nonPositiveMultibulkCount_emptyRequest() {
    Feeder f = whole("*0\r\n*-5\r\n" + multibulk("PING"));
    assertThat(f.empty).isEqualTo(2);
    assertThat(f.requests).containsExactly(List.of("PING"));
  }

  // ---- protocol errors, texts as redis-server 7.0.15 sends them -----------------------

  private static void assertError(String input, String expected) {
    assertThat(whole(input).error).as("whole %s", input).isEqualTo(expected);
    if (input.length() < 1000) {
      assertThat(byteByByte(input).error).as("byte by byte %s", input).isEqualTo(expected);
    }
  }

  @Test
  void decode_nonNumericMultibulkCount_invalidMultibulkLength() {
    assertError("*abc\r\n", "Protocol error: invalid multibulk length");
    assertError("*+1\r\n", "Protocol error: invalid multibulk length");
    assertError("*01\r\n", "Protocol error: invalid multibulk length");
    assertError("*\r\n", "Protocol error: invalid multibulk length");
  }

  @Test
  void decode_multibulkCountOverIntMax_invalidMultibulkLength() {
    assertError("*3000000000\r\n", "Protocol error: invalid multibulk length");
    assertError("*99999999999999999999999\r\n", "Protocol error: invalid multibulk length");
  }

  @Test
  void decode_badBulkLength_invalidBulkLength() {
    assertError("*1\r\n$-1\r\n", "Protocol error: invalid bulk length");
    assertError("*1\r\n$-0\r\n", "Protocol error: invalid bulk length");
    assertError("*1\r\n$abc\r\n", "Protocol error: invalid bulk length");
    assertError("*1\r\n$ 4\r\n", "Protocol error: invalid bulk length");
    assertError("*1\r\n$\r\n", "Protocol error: invalid bulk length");
  }

  @Test
  void decode_bulkOverProtoMaxBulkLen_invalidBulkLength() {
    assertError("*1\r\n$600000000\r\n", "Protocol error: invalid bulk length");
    Feeder f = new Feeder();
    f.decoder.maxBulkLen(10);
    f.feed("*1\r\n$11\r\n");
    assertThat(f.error).isEqualTo("Protocol error: invalid bulk length");
    Feeder ok = new Feeder();
    ok.decoder.maxBulkLen(10);
    ok.feed("*1\r\n$10\r\n0123456789\r\n");
    assertThat(ok.requests).containsExactly(List.of("0123456789"));
  }

  @Test
  void decode_argumentWithoutDollar_expectedDollarGotX() {
    assertError("*1\r\nx3\r\nfoo\r\n", "Protocol error: expected '$', got 'x'");
    assertError("*1\r\n:3\r\n", "Protocol error: expected '$', got ':'");
    assertError("*2\r\n$4\r\nPING\r\n*1\r\n", "Protocol error: expected '$', got '*'");
  }

  @Test
  void decode_emptyLineWhereBulkExpected_expectedDollarGotCr() {
    // Redis shows the CR as a space once the error reply is sanitised.
    assertError("*1\r\n\r\n", "Protocol error: expected '$', got '\r'");
  }

  @Test
  void decode_countLineOver64k_tooBigMbulkCountString() {
    assertError("*" + "1".repeat(70_000), "Protocol error: too big mbulk count string");
    Feeder partial = whole("*" + "1".repeat(60_000));
    assertThat(partial.error).isNull();
  }

  @Test
  void decode_bulkLengthLineOver64k_tooBigBulkCountString() {
    assertError("*1\r\n$" + "1".repeat(70_000), "Protocol error: too big bulk count string");
  }

  @Test
  void decode_inlineLineOver64k_tooBigInlineRequest() {
    assertError("a".repeat(70_000), "Protocol error: too big inline request");
    assertThat(whole("a".repeat(60_000)).error).isNull();
  }

  @Test
  void decode_inlineUnbalancedQuotes_error() {
    assertError("SET \"abc\r\n", "Protocol error: unbalanced quotes in request");
    assertError("SET \"a\"b\r\n", "Protocol error: unbalanced quotes in request");
    assertError("SET 'a'b\r\n", "Protocol error: unbalanced quotes in request");
    assertError("SET 'abc\n", "Protocol error: unbalanced quotes in request");
  }

  @Test
  void decode_unauthenticatedBigMultibulk_error() {
    Feeder f = new Feeder();
    f.decoder.authRequired(true);
    f.feed("*10\r\n");
    assertThat(f.error).isNull();
    Feeder g = new Feeder();
    g.decoder.authRequired(true);
    g.feed("*11\r\n");
    assertThat(g.error).isEqualTo("Protocol error: unauthenticated multibulk length");
  }

  @Test
  void decode_unauthenticatedBigBulk_error() {
    Feeder f = new Feeder();
    f.decoder.authRequired(true);
    f.feed("*1\r\n$16384\r\n");
    assertThat(f.error).isNull();
    Feeder g = new Feeder();
    g.decoder.authRequired(true);
    g.feed("*1\r\n$16385\r\n");
    assertThat(g.error).isEqualTo("Protocol error: unauthenticated bulk length");
  }

  @Test
  void decode_afterErrorAndReset_noRequestInProgress() {
    Feeder f = new Feeder();
    f.feed("*1\r\n$abc\r\n");
    assertThat(f.error).isNotNull();
    assertThat(f.decoder.inRequest()).isFalse();
  }

  @Test
  void decode_randomBytes_neverThrows() {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    byte[] alphabet = "*$\r\n0123456789-abc \"'\\x".getBytes(ISO_8859_1);
    for (int round = 0; round < 2_000; round++) {
      Feeder f = new Feeder();
      byte[] b = new byte[1 + rnd.nextInt(200)];
      for (int i = 0; i < b.length; i++) {
        b[i] = rnd.nextInt(4) == 0 ? (byte) rnd.nextInt(256) : alphabet[rnd.nextInt(alphabet.length)];
      }
      int p = 0;
      while (p < b.length && f.error == null) {
        int n = Math.min(b.length - p, 1 + rnd.nextInt(16));
        f.feed(b, p, n);
        p += n;
      }
      if (f.error != null) {
        assertThat(f.error).as("seed %d", seed).startsWith("Protocol error: ");
      }
    }
  }
}
