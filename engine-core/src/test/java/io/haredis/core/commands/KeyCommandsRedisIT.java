package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Differential test: the same scripted commands against haredis and a real redis-server 7.0,
 * comparing reply bytes (KEYS and SCAN results as sets, since their order is the hash table's).
 */
class KeyCommandsRedisIT {

  private static RealRedis real;
  private static RedisServer ours;
  private static Raw realConn;
  private static Raw ourConn;

  @BeforeAll
  static void start() throws IOException {
    real = RealRedis.start();
    ours = RedisServer.builder().port(0).start();
    realConn = new Raw(real.host(), real.port());
    ourConn = new Raw(ours.address().host(), ours.address().port());
  }

  @AfterAll
  static void stop() throws IOException {
    if (realConn != null) {
      realConn.close();
    }
    if (ourConn != null) {
      ourConn.close();
    }
    if (ours != null) {
      ours.close();
    }
    if (real != null) {
      real.close();
    }
  }

  @BeforeEach
  void reset() {
    same("FLUSHALL");
    same("SELECT", "0");
  }

  /** Runs a command on both servers and asserts identical reply bytes; returns the reply. */
  private static String same(String... argv) {
    String expected = realConn.call(argv);
    String actual = ourConn.call(argv);
    assertThat(actual).as("reply to %s", String.join(" ", argv)).isEqualTo(expected);
    return actual;
  }

  /** Runs a command on both servers and compares the multi-bulk replies as sets. */
  private static Set<String> sameSet(String... argv) {
    Set<String> expected = Raw.parseFlatArray(realConn.call(argv));
    Set<String> actual = Raw.parseFlatArray(ourConn.call(argv));
    assertThat(actual).as("reply to %s", String.join(" ", argv)).isEqualTo(expected);
    return actual;
  }

  /** A full SCAN iteration with the given options, on one server. */
  private static Set<String> fullScan(Raw conn, String... options) {
    Set<String> keys = new HashSet<>();
    String cursor = "0";
    do {
      String[] argv = new String[2 + options.length];
      argv[0] = "SCAN";
      argv[1] = cursor;
      System.arraycopy(options, 0, argv, 2, options.length);
      String reply = conn.call(argv);
      Raw.Parsed p = Raw.parse(reply, 0);
      @SuppressWarnings("unchecked")
      List<Object> top = (List<Object>) p.value;
      cursor = (String) top.get(0);
      @SuppressWarnings("unchecked")
      List<Object> ks = (List<Object>) top.get(1);
      for (Object k : ks) {
        keys.add((String) k);
      }
    } while (!cursor.equals("0"));
    return keys;
  }

  @Test
  void script_basicKeyCommands_sameReplies() {
    same("SET", "a", "1");
    same("SET", "b", "hello");
    same("SET", "c", "12345678901");
    same("EXISTS", "a", "b", "c", "d", "a");
    same("TOUCH", "a", "nokey", "a");
    same("TYPE", "a");
    same("TYPE", "nokey");
    same("DEL", "a", "nokey", "a");
    same("UNLINK", "b", "b");
    same("DBSIZE");
    same("DEL");
    same("TYPE");
    same("RANDOMKEY");
    same("FLUSHDB");
    same("RANDOMKEY");
    same("DBSIZE");
  }

  @Test
  void script_expireFamily_sameReplies() {
    same("SET", "k", "v");
    same("EXPIRE", "k", "100", "nx", "xx");
    same("EXPIRE", "k", "100", "gt", "lt");
    same("EXPIRE", "k", "100", "nx", "gt");
    same("EXPIRE", "k", "100", "bogus");
    same("EXPIRE", "k", "abc");
    same("EXPIRE", "k", "9223372036854775807");
    same("EXPIRE", "k", "-9223372036854775808");
    same("PEXPIRE", "k", "9223372036854775807");
    same("EXPIREAT", "k", "9223372036854775807");
    same("PEXPIREAT", "k", "9223372036854775807", "XX");
    same("EXPIRE", "k", "100", "XX");
    same("EXPIRE", "k", "100", "GT");
    same("EXPIRE", "k", "100", "LT");
    same("TTL", "k");
    same("EXPIRE", "k", "50", "NX");
    same("EXPIRE", "k", "200", "GT");
    same("EXPIRE", "k", "150", "LT");
    same("TTL", "k");
    same("EXPIREAT", "k", "99999999999");
    same("EXPIRETIME", "k");
    same("PEXPIRETIME", "k");
    same("PEXPIREAT", "k", "99999999999499");
    same("EXPIRETIME", "k");
    same("PERSIST", "k");
    same("PERSIST", "k");
    same("TTL", "k");
    same("PTTL", "k");
    same("EXPIRETIME", "k");
    same("PEXPIRETIME", "nokey");
    same("EXPIRE", "nokey", "10");
    same("EXPIRE", "k", "-5");
    same("EXISTS", "k");
    same("SET", "k2", "v");
    same("PEXPIREAT", "k2", "1");
    same("GET", "k2");
    same("TTL", "k2");
    same("EXPIRE", "k");
  }

  @Test
  void script_scanAndKeys_sameSets() {
    for (int i = 0; i < 300; i++) {
      same("SET", "key:" + i, Integer.toString(i));
      same("SET", "other:" + i, "x" + i);
    }
    sameSet("KEYS", "*");
    sameSet("KEYS", "key:1*");
    sameSet("KEYS", "*:[0-2]?");
    sameSet("KEYS", "nomatch");
    assertThat(fullScan(ourConn)).isEqualTo(fullScan(realConn)).hasSize(600);
    assertThat(fullScan(ourConn, "MATCH", "key:*", "COUNT", "7")).isEqualTo(fullScan(realConn, "MATCH", "key:*", "COUNT", "7"));
    assertThat(fullScan(ourConn, "TYPE", "string")).isEqualTo(fullScan(realConn, "TYPE", "string"));
    assertThat(fullScan(ourConn, "TYPE", "list")).isEmpty();
    assertThat(fullScan(realConn, "TYPE", "list")).isEmpty();
    same("SCAN", " 0");
    same("SCAN", "0x1");
    same("SCAN", "-");
    same("SCAN", "18446744073709551616");
    same("SCAN", "0", "COUNT", "0");
    same("SCAN", "0", "COUNT", "-1");
    same("SCAN", "0", "COUNT", "x");
    same("SCAN", "0", "COUNT");
    same("SCAN", "0", "MATCH");
    same("SCAN", "0", "foo", "bar");
    same("FLUSHALL");
    same("SCAN", "0");
    same("SCAN", "");
    same("SCAN", "-1");
    same("SCAN", "18446744073709551615", "MATCH", "*", "TYPE", "hash");
    same("KEYS", "*");
  }

  @Test
  void keys_randomGlobPatterns_matchRedisExactly() {
    Random rnd = new Random(42);
    String alphabet = "ab-^]\\[*?";
    List<String> keys = new ArrayList<>();
    keys.add("");
    for (int i = 0; i < 200; i++) {
      keys.add(randomString(rnd, alphabet, 1 + rnd.nextInt(5)));
    }
    for (String k : keys) {
      same("SET", k, "1");
    }
    String patternAlphabet = "ab-^]\\[*?";
    for (int i = 0; i < 400; i++) {
      sameSet("KEYS", randomString(rnd, patternAlphabet, rnd.nextInt(7)));
    }
    sameSet("KEYS", "**");
    sameSet("KEYS", "");
  }

  private static String randomString(Random rnd, String alphabet, int len) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < len; i++) {
      sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  @Test
  void script_renameMoveCopy_sameReplies() {
    same("SET", "a", "1");
    same("PEXPIREAT", "a", "99999999999999");
    same("SET", "b", "2");
    same("RENAME", "nokey", "x");
    same("RENAME", "nokey", "nokey");
    same("RENAMENX", "nokey", "nokey");
    same("RENAME", "a", "a");
    same("RENAMENX", "a", "a");
    same("RENAMENX", "a", "b");
    same("RENAME", "a", "b");
    same("PEXPIRETIME", "b");
    same("GET", "b");
    same("EXISTS", "a");
    same("RENAMENX", "b", "c");
    same("PEXPIRETIME", "c");
    same("MOVE", "c", "0");
    same("MOVE", "c", "16");
    same("MOVE", "c", "-1");
    same("MOVE", "c", "x");
    same("MOVE", "c", "99999999999");
    same("MOVE", "nokey", "1");
    same("MOVE", "c", "1");
    same("MOVE", "c", "1");
    same("SELECT", "1");
    same("PEXPIRETIME", "c");
    same("SET", "d", "hello");
    same("COPY", "d", "d");
    same("COPY", "d", "d", "DB", "1");
    same("COPY", "d", "e", "db");
    same("COPY", "d", "e", "db", "20");
    same("COPY", "d", "e", "db", "x");
    same("COPY", "d", "e", "foo");
    same("COPY", "nokey", "e");
    same("COPY", "d", "e");
    same("COPY", "d", "e");
    same("COPY", "c", "e", "REPLACE");
    same("PEXPIRETIME", "e");
    same("COPY", "d", "d", "DB", "0", "replace");
    same("SELECT", "0");
    same("GET", "d");
    same("MOVE", "d", "1");
  }

  @Test
  void script_selectSwapdbFlush_sameReplies() {
    same("SELECT", "16");
    same("SELECT", "-1");
    same("SELECT", "abc");
    same("SELECT", "2147483648");
    same("SELECT", "");
    same("SET", "a", "1");
    same("SWAPDB", "a", "1");
    same("SWAPDB", "1", "b");
    same("SWAPDB", "2147483648", "1");
    same("SWAPDB", "0", "16");
    same("SWAPDB", "0", "0");
    same("SWAPDB", "0", "1");
    same("DBSIZE");
    same("SELECT", "1");
    same("GET", "a");
    same("FLUSHALL", "foo");
    same("FLUSHALL", "async", "x");
    same("FLUSHDB", "bar");
    same("FLUSHDB", "SYNC");
    same("DBSIZE");
    same("SET", "a", "1");
    same("FLUSHDB", "async");
    same("SET", "a", "1");
    same("FLUSHALL", "Sync");
    same("SELECT", "0");
    same("DBSIZE");
  }

  @Test
  void script_object_sameReplies() {
    same("SET", "small", "12");
    same("SET", "big", "10000");
    same("SET", "neg", "-1");
    same("SET", "str", "hello");
    same("SET", "long", "x".repeat(45));
    for (String k : new String[] {"small", "big", "neg", "str", "long", "nokey"}) {
      same("OBJECT", "ENCODING", k);
      same("OBJECT", "REFCOUNT", k);
      same("OBJECT", "FREQ", k);
    }
    same("OBJECT", "IDLETIME", "nokey");
    same("OBJECT", "IDLETIME", "str");
    same("OBJECT", "HELP");
    same("OBJECT", "help", "x");
    same("OBJECT", "foo");
    same("OBJECT", "ENCODING");
    same("OBJECT", "encoding", "a", "b");
    same("OBJECT");
  }

  // ---- a minimal RESP client that returns raw reply bytes ----------------------------------

  static final class Raw implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Raw(String host, int port) throws IOException {
      socket = new Socket(host, port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }

    /** Sends one command and returns its complete reply as ISO-8859-1 text. */
    String call(String... argv) {
      try {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write(("*" + argv.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String a : argv) {
          byte[] b = a.getBytes(StandardCharsets.ISO_8859_1);
          req.write(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
          req.write(b);
          req.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.write(req.toByteArray());
        out.flush();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        readReply(reply);
        return reply.toString(StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void readReply(ByteArrayOutputStream reply) throws IOException {
      String line = readLine(reply);
      char type = line.charAt(0);
      switch (type) {
        case '$' -> {
          int n = Integer.parseInt(line.substring(1));
          if (n >= 0) {
            reply.write(in.readNBytes(n + 2));
          }
        }
        case '*', '~', '>' -> {
          int n = Integer.parseInt(line.substring(1));
          for (int i = 0; i < n; i++) {
            readReply(reply);
          }
        }
        case '%' -> {
          int n = Integer.parseInt(line.substring(1));
          for (int i = 0; i < 2 * n; i++) {
            readReply(reply);
          }
        }
        default -> {
          // simple string, error, integer: the line is the whole reply
        }
      }
    }

    private String readLine(ByteArrayOutputStream reply) throws IOException {
      StringBuilder sb = new StringBuilder();
      int prev = -1;
      while (true) {
        int c = in.read();
        if (c < 0) {
          throw new IOException("connection closed");
        }
        reply.write(c);
        if (prev == '\r' && c == '\n') {
          return sb.substring(0, sb.length() - 1);
        }
        sb.append((char) c);
        prev = c;
      }
    }

    record Parsed(Object value, int end) {}

    /** Parses RESP2 text (bulk, array, simple, error, integer) for set comparisons. */
    static Parsed parse(String s, int pos) {
      int eol = s.indexOf("\r\n", pos);
      char type = s.charAt(pos);
      String head = s.substring(pos + 1, eol);
      switch (type) {
        case '$' -> {
          int n = Integer.parseInt(head);
          if (n < 0) {
            return new Parsed(null, eol + 2);
          }
          return new Parsed(s.substring(eol + 2, eol + 2 + n), eol + 4 + n);
        }
        case '*' -> {
          int n = Integer.parseInt(head);
          List<Object> items = new ArrayList<>();
          int p = eol + 2;
          for (int i = 0; i < n; i++) {
            Parsed item = parse(s, p);
            items.add(item.value);
            p = item.end;
          }
          return new Parsed(items, p);
        }
        default -> {
          return new Parsed(type + head, eol + 2);
        }
      }
    }

    /** The elements of a flat array reply as a set (an error reply becomes a one-element set). */
    static Set<String> parseFlatArray(String reply) {
      Object v = parse(reply, 0).value;
      Set<String> out = new HashSet<>();
      if (v instanceof List<?> l) {
        for (Object o : l) {
          out.add((String) o);
        }
        assertThat(out).as("duplicates in %s", reply).hasSize(l.size());
      } else {
        out.add(String.valueOf(v));
      }
      return out;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
