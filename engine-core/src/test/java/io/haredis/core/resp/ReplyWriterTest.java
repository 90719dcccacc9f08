package io.haredis.core.resp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reply encoding in RESP2 and RESP3, byte for byte. */
class ReplyWriterTest {

  private final ByteBuf buf = Unpooled.buffer();
  private final List<String> errors = new ArrayList<>();
  private final ReplyWriter w = new ReplyWriter(new ReplyWriter.Sink() {
    @Override
    public ByteBuf out() {
      return buf;
    }

    @Override
    public void onError(CharSequence text) {
      errors.add(text.toString());
    }
  });

  @AfterEach
  void release() {
    buf.release();
  }

  private String written() {
    String s = buf.toString(ISO_8859_1);
    buf.clear();
    return s;
  }

  @Test
  void ok_simpleString() {
    w.ok();
    w.simple("PONG");
    assertThat(written()).isEqualTo("+OK\r\n+PONG\r\n");
  }

  @Test
  void integer_smallLargeNegative_decimal() {
    w.integer(0);
    w.integer(1);
    w.integer(-1);
    w.integer(12345);
    w.integer(Long.MAX_VALUE);
    w.integer(Long.MIN_VALUE);
    assertThat(written()).isEqualTo(":0\r\n:1\r\n:-1\r\n:12345\r\n:9223372036854775807\r\n:-9223372036854775808\r\n");
  }

  @Test
  void bulk_bytesSliceEmptyString_lengthPrefixed() {
    w.bulk("hello".getBytes(ISO_8859_1));
    w.bulk("xxabcxx".getBytes(ISO_8859_1), 2, 3);
    w.bulk(new byte[0]);
    w.bulk("a\r\nb");
    assertThat(written()).isEqualTo("$5\r\nhello\r\n$3\r\nabc\r\n$0\r\n\r\n$4\r\na\r\nb\r\n");
  }

  @Test
  void bulkLong_digitsAsBulk() {
    w.bulkLong(-42);
    w.bulkLong(Long.MIN_VALUE);
    assertThat(written()).isEqualTo("$3\r\n-42\r\n$20\r\n-9223372036854775808\r\n");
  }

  @Test
  void nulls_resp2_dollarAndStarMinusOne() {
    w.nullBulk();
    w.nullArray();
    assertThat(written()).isEqualTo("$-1\r\n*-1\r\n");
  }

  @Test
  void nulls_resp3_underscore() {
    w.version(RespVersion.RESP3);
    w.nullBulk();
    w.nullArray();
    assertThat(written()).isEqualTo("_\r\n_\r\n");
  }

  @Test
  void aggregates_resp2_degradeToArrays() {
    w.arrayLen(0);
    w.arrayLen(3);
    w.mapLen(2);
    w.setLen(5);
    w.pushLen(3);
    assertThat(written()).isEqualTo("*0\r\n*3\r\n*4\r\n*5\r\n*3\r\n");
  }

  @Test
  void aggregates_resp3_ownTypes() {
    w.version(RespVersion.RESP3);
    w.mapLen(2);
    w.setLen(5);
    w.pushLen(3);
    w.arrayLen(1);
    assertThat(written()).isEqualTo("%2\r\n~5\r\n>3\r\n*1\r\n");
  }

  @Test
  void bool_resp2Integer_resp3Boolean() {
    w.bool(true);
    w.bool(false);
    assertThat(written()).isEqualTo(":1\r\n:0\r\n");
    w.version(RespVersion.RESP3);
    w.bool(true);
    w.bool(false);
    assertThat(written()).isEqualTo("#t\r\n#f\r\n");
  }

  @Test
  void doubleAndVerbatim_resp2Bulk_resp3Typed() {
    w.doubleText("1.5");
    w.verbatim("hi");
    assertThat(written()).isEqualTo("$3\r\n1.5\r\n$2\r\nhi\r\n");
    w.version(RespVersion.RESP3);
    w.doubleText("1.5");
    w.verbatim("hi");
    assertThat(written()).isEqualTo(",1.5\r\n=6\r\ntxt:hi\r\n");
  }

  @Test
  void error_newlinesInText_replacedBySpaces() {
    w.error("ERR Protocol error: expected '$', got '\r'");
    w.error("ERR a\nb");
    assertThat(written()).isEqualTo("-ERR Protocol error: expected '$', got ' '\r\n-ERR a b\r\n");
    assertThat(errors).hasSize(2);
  }

  @Test
  void suppressed_nothingWritten_errorsStillCounted() {
    w.suppressed(true);
    w.ok();
    w.integer(7);
    w.bulk("x");
    w.nullBulk();
    w.arrayLen(2);
    w.arrayLen(0);
    w.mapLen(1);
    w.error("ERR x");
    assertThat(written()).isEmpty();
    assertThat(errors).containsExactly("ERR x");
  }

  @Test
  void roundTrip_writtenRepliesParseBack() {
    w.arrayLen(3);
    w.bulk("a");
    w.integer(5);
    w.nullBulk();
    Object parsed = ReplyParser.parse(buf, false);
    assertThat(parsed).isInstanceOf(List.class);
    assertThat((List<?>) parsed).hasSize(3);
  }
}
