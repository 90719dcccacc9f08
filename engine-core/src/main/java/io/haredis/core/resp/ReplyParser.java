package io.haredis.core.resp;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one complete RESP2/RESP3 reply into Java values (the in-process client, tests): simple
 * and bulk strings to {@link String} (or {@code byte[]} in binary mode), integers to
 * {@link Long}, nulls to {@code null}, arrays and pushes to {@link List}, maps to {@link Map},
 * sets to {@link Set}, doubles to {@link Double}, booleans to {@link Boolean}, and errors to
 * {@link ErrorValue}.
 */
public final class ReplyParser {

  /** An error reply. */
  public record ErrorValue(String message) {}

  private ReplyParser() {}

  /** Parses the reply at the reader index, advancing it; {@code null} result means RESP null. */
  public static Object parse(ByteBuf in, boolean binary) {
    byte type = in.readByte();
    String line;
    switch (type) {
      case '+':
        return readLine(in);
      case '-':
        return new ErrorValue(readLine(in));
      case ':':
        return Long.parseLong(readLine(in));
      case ',': {
        String d = readLine(in);
        return switch (d) {
          case "inf" -> Double.POSITIVE_INFINITY;
          case "-inf" -> Double.NEGATIVE_INFINITY;
          case "nan" -> Double.NaN;
          default -> Double.parseDouble(d);
        };
      }
      case '#':
        return readLine(in).equals("t");
      case '_':
        readLine(in);
        return null;
      case '(':
        return new java.math.BigInteger(readLine(in));
      case '$':
      case '=':
      case '!': {
        int len = Integer.parseInt(readLine(in));
        if (len < 0) {
          return null;
        }
        byte[] b = new byte[len];
        in.readBytes(b);
        in.skipBytes(2);
        if (type == '!') {
          return new ErrorValue(new String(b, StandardCharsets.UTF_8));
        }
        if (type == '=') {
          b = java.util.Arrays.copyOfRange(b, 4, b.length); // drop the "txt:" format prefix
        }
        return binary ? b : new String(b, StandardCharsets.UTF_8);
      }
      case '*':
      case '>':
      case '~': {
        int n = Integer.parseInt(readLine(in));
        if (n < 0) {
          return null;
        }
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          list.add(parse(in, binary));
        }
        return type == '~' ? new LinkedHashSet<>(list) : list;
      }
      case '%':
      case '|': {
        int n = Integer.parseInt(readLine(in));
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = parse(in, binary);
          if (k instanceof byte[] kb) {
            k = new String(kb, StandardCharsets.UTF_8);
          }
          map.put(k, parse(in, binary));
        }
        if (type == '|') {
          return parse(in, binary); // attributes precede the real reply
        }
        return map;
      }
      default:
        throw new IllegalArgumentException("not a RESP type byte: " + (char) type);
    }
  }

  private static String readLine(ByteBuf in) {
    int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    if (lf < 0) {
      throw new IllegalArgumentException("incomplete reply");
    }
    String s = in.toString(in.readerIndex(), lf - 1 - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(lf + 1);
    return s;
  }
}
