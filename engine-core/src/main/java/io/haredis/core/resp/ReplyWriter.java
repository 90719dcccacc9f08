package io.haredis.core.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes replies in the client's protocol (RESP2 or RESP3) into its output buffer. One per
 * connection, reused for every reply. Headers and small integers are written from pre-encoded
 * bytes or digit by digit; nothing here allocates per reply.
 *
 * <p>Under RESP2, RESP3-only types degrade as Redis degrades them: maps and sets become arrays,
 * doubles become bulk strings, booleans become integers, and both nulls become {@code $-1} /
 * {@code *-1}.
 */
public final class ReplyWriter {

  /** Where the bytes go, and what happens on errors (counted in INFO errorstats). */
  public interface Sink {
    /** The buffer to append to; allocated on first use after a flush. */
    ByteBuf out();

    /** An error reply is being written (text after the '-'). */
    void onError(CharSequence text);
  }

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_BULK2 = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL_ARRAY2 = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NULL3 = "_\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_ARRAY = "*0\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_BULK = "$0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO = ":0\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ONE = ":1\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE3 = "#t\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE3 = "#f\r\n".getBytes(StandardCharsets.US_ASCII);

  private final Sink sink;
  private RespVersion version = RespVersion.RESP2;
  private boolean suppressed;
  private final byte[] digits = new byte[24];
  private final byte[] headerDigits = new byte[24];

  public ReplyWriter(Sink sink) {
    this.sink = sink;
  }

  public RespVersion version() {
    return version;
  }

  public void version(RespVersion v) {
    this.version = v;
  }

  public boolean resp3() {
    return version == RespVersion.RESP3;
  }

  /** While suppressed (CLIENT REPLY OFF/SKIP) replies are dropped. */
  public void suppressed(boolean s) {
    this.suppressed = s;
  }

  public boolean suppressed() {
    return suppressed;
  }

  private ByteBuf out() {
    return sink.out();
  }

  public void ok() {
    raw(OK);
  }

  /** Writes pre-encoded RESP bytes verbatim. */
  public void raw(byte[] resp) {
    if (!suppressed) {
      out().writeBytes(resp);
    }
  }

  /** {@code +text}; text must not contain CR or LF. */
  public void simple(String text) {
    if (suppressed) {
      return;
    }
    ByteBuf o = out();
    o.writeByte('+');
    o.writeCharSequence(text, StandardCharsets.UTF_8);
    o.writeBytes(CRLF);
  }

  /** {@code -text}: the whole error text, prefix included ({@code "ERR ..."}). */
  public void error(String text) {
    sink.onError(text);
    if (suppressed) {
      return;
    }
    ByteBuf o = out();
    o.writeByte('-');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // addReplyErrorLength: a newline in an error would break the protocol
      o.writeByte(c == '\r' || c == '\n' ? ' ' : c < 0x80 ? c : '?');
    }
    o.writeBytes(CRLF);
  }

  public void integer(long v) {
    if (suppressed) {
      return;
    }
    if (v == 0) {
      out().writeBytes(ZERO);
    } else if (v == 1) {
      out().writeBytes(ONE);
    } else {
      header((byte) ':', v);
    }
  }

  /** RESP3 boolean; integer 1/0 under RESP2. */
  public void bool(boolean b) {
    if (suppressed) {
      return;
    }
    if (resp3()) {
      out().writeBytes(b ? TRUE3 : FALSE3);
    } else {
      integer(b ? 1 : 0);
    }
  }

  public void bulk(byte[] b) {
    bulk(b, 0, b.length);
  }

  public void bulk(byte[] b, int off, int len) {
    if (suppressed) {
      return;
    }
    if (len == 0) {
      out().writeBytes(EMPTY_BULK);
      return;
    }
    ByteBuf o = out();
    header(o, (byte) '$', len);
    o.writeBytes(b, off, len);
    o.writeBytes(CRLF);
  }

  /** A bulk string of a Java string's UTF-8 bytes (admin paths). */
  public void bulk(String s) {
    bulk(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A bulk string holding the decimal digits of {@code v}, without allocating. */
  public void bulkLong(long v) {
    if (suppressed) {
      return;
    }
    int n = Numbers.write(v, digits, 0);
    ByteBuf o = out();
    header(o, (byte) '$', n);
    o.writeBytes(digits, 0, n);
    o.writeBytes(CRLF);
  }

  /** RESP3 verbatim string ({@code =len\r\ntxt:...}); a bulk string under RESP2. */
  public void verbatim(String text) {
    if (!resp3()) {
      bulk(text);
      return;
    }
    if (suppressed) {
      return;
    }
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ByteBuf o = out();
    header(o, (byte) '=', b.length + 4);
    o.writeCharSequence("txt:", StandardCharsets.US_ASCII);
    o.writeBytes(b);
    o.writeBytes(CRLF);
  }

  /**
   * A double: RESP3 {@code ,} type, or a bulk string under RESP2. {@code text} is the number
   * already formatted the way the command formats it.
   */
  public void doubleText(String text) {
    if (!resp3()) {
      bulk(text);
      return;
    }
    if (suppressed) {
      return;
    }
    ByteBuf o = out();
    o.writeByte(',');
    o.writeCharSequence(text, StandardCharsets.US_ASCII);
    o.writeBytes(CRLF);
  }

  /** Null bulk string: {@code $-1} (RESP2) or {@code _} (RESP3). */
  public void nullBulk() {
    raw(resp3() ? NULL3 : NULL_BULK2);
  }

  /** Null array: {@code *-1} (RESP2) or {@code _} (RESP3). */
  public void nullArray() {
    raw(resp3() ? NULL3 : NULL_ARRAY2);
  }

  public void arrayLen(long n) {
    if (n == 0) {
      raw(EMPTY_ARRAY);
    } else if (!suppressed) {
      header((byte) '*', n);
    }
  }

  /** A map of {@code n} pairs: {@code %n} (RESP3) or an array of {@code 2n} (RESP2). */
  public void mapLen(long n) {
    if (suppressed) {
      return;
    }
    if (resp3()) {
      header((byte) '%', n);
    } else {
      arrayLen(n * 2);
    }
  }

  /** A set: {@code ~n} (RESP3) or an array (RESP2). */
  public void setLen(long n) {
    if (suppressed) {
      return;
    }
    if (resp3()) {
      header((byte) '~', n);
    } else {
      arrayLen(n);
    }
  }

  /** A push message header ({@code >n}, RESP3) or an array (RESP2). */
  public void pushLen(long n) {
    if (suppressed) {
      return;
    }
    if (resp3()) {
      header((byte) '>', n);
    } else {
      arrayLen(n);
    }
  }

  private void header(byte type, long n) {
    header(out(), type, n);
  }

  private void header(ByteBuf o, byte type, long n) {
    int len = Numbers.write(n, headerDigits, 0);
    o.writeByte(type);
    o.writeBytes(headerDigits, 0, len);
    o.writeBytes(CRLF);
  }
}
