package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.core.commands.KeyCommandsRedisIT.Raw;
import io.haredis.core.node.ServerNode;
import io.haredis.testing.RealRedis;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Differential test of the replication stream: the same script runs on haredis and on a real
 * redis-server 7.0 that has a raw replica attached (SYNC); the commands each one propagates
 * must be the same, in the same order (relative expire times are normalized, PINGs dropped).
 */
class KeyPropagationRedisIT {

  private static final String[][] SCRIPT = {
      {"SET", "k", "v"},
      {"EXPIRE", "k", "100"},              // -> PEXPIREAT k <abs>
      {"EXPIRE", "k", "100", "nx"},        // condition fails: nothing
      {"EXPIRE", "k", "200", "gt"},        // -> PEXPIREAT k <abs> gt
      {"PEXPIRE", "k", "100000"},          // -> PEXPIREAT
      {"EXPIREAT", "k", "99999999999"},    // -> PEXPIREAT k 99999999999000
      {"pexpireat", "k", "99999999999999"}, // verbatim
      {"EXPIRE", "nokey", "10"},           // nothing
      {"EXPIRE", "k", "-1"},               // -> DEL k
      {"SET", "k2", "v"},
      {"EXPIREAT", "k2", "1"},             // -> DEL k2
      {"SET", "k3", "v"},
      {"PERSIST", "k3"},                   // nothing
      {"EXPIRE", "k3", "100"},
      {"PERSIST", "k3"},                   // verbatim
      {"RENAME", "k3", "k3"},              // nothing
      {"RENAME", "k3", "k4"},
      {"RENAMENX", "k4", "k4"},            // nothing
      {"RENAME", "nokey", "x"},            // error: nothing
      {"SWAPDB", "0", "0"},                // verbatim even though nothing moves
      {"MOVE", "k4", "1"},
      {"MOVE", "k4", "1"},                 // nothing
      {"COPY", "nokey", "x"},              // nothing
      {"SET", "k5", "1"},
      {"COPY", "k5", "k6", "db", "2"},
      {"DEL", "nokey"},                    // nothing
      {"UNLINK", "k5", "nokey"},
      {"TOUCH", "k6"},                     // read-only
      {"SELECT", "2"},
      {"DEL", "k6"},
      {"FLUSHDB"},                         // propagated although empty
      {"SELECT", "0"},
      {"SET", "a", "1"},
      {"FLUSHALL", "ASYNC"},
      {"FLUSHDB", "sync"},
      {"SET", "__end__", "1"},
  };

  @Test
  void script_propagatesSameCommandsAsRedis() throws IOException {
    List<List<String>> expected;
    try (RealRedis real = RealRedis.start(); Socket replica = new Socket(real.host(), real.port());
        Raw conn = new Raw(real.host(), real.port())) {
      replica.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(replica.getInputStream());
      replica.getOutputStream().write("SYNC\r\n".getBytes(StandardCharsets.US_ASCII));
      skipRdb(in);
      for (String[] cmd : SCRIPT) {
        conn.call(cmd);
      }
      expected = readUntilEnd(in);
    }
    List<List<String>> actual;
    try (RedisServer server = RedisServer.builder().port(0).start();
        Raw conn = new Raw(server.address().host(), server.address().port())) {
      ServerNode node = (ServerNode) server;
      long before = node.call(() -> node.replicationLog().masterOffset());
      for (String[] cmd : SCRIPT) {
        conn.call(cmd);
      }
      byte[] stream = node.call(() -> node.replicationLog().backlog().readFrom(before + 1));
      actual = parseStream(new java.io.ByteArrayInputStream(stream), Integer.MAX_VALUE);
    }
    assertThat(normalize(expected)).hasSizeGreaterThan(20).contains(List.of("DEL", "k"), List.of("FLUSHDB"));
    assertThat(normalize(actual)).isEqualTo(normalize(expected));
  }

  /** Skips the "$len\r\n<rdb>" payload of a SYNC (and the newlines sent while it is prepared). */
  private static void skipRdb(InputStream in) throws IOException {
    int c;
    while ((c = in.read()) == '\n') {
      // keepalive newline
    }
    if (c != '$') {
      throw new IOException("unexpected SYNC reply byte " + c);
    }
    StringBuilder len = new StringBuilder();
    while ((c = in.read()) != '\r') {
      len.append((char) c);
    }
    in.read(); // \n
    in.readNBytes(Integer.parseInt(len.toString()));
  }

  private static List<List<String>> readUntilEnd(InputStream in) throws IOException {
    List<List<String>> out = new ArrayList<>();
    while (true) {
      List<String> cmd = readCommand(in);
      out.add(cmd);
      if (cmd.size() == 3 && cmd.get(1).equals("__end__")) {
        return out;
      }
    }
  }

  private static List<List<String>> parseStream(InputStream in, int max) throws IOException {
    List<List<String>> out = new ArrayList<>();
    while (in.available() > 0 && out.size() < max) {
      out.add(readCommand(in));
    }
    return out;
  }

  private static List<String> readCommand(InputStream in) throws IOException {
    String head = line(in);
    if (!head.startsWith("*")) {
      throw new IOException("expected a multi-bulk, got " + head);
    }
    int n = Integer.parseInt(head.substring(1));
    List<String> argv = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int len = Integer.parseInt(line(in).substring(1));
      argv.add(new String(in.readNBytes(len), StandardCharsets.ISO_8859_1));
      in.readNBytes(2);
    }
    return argv;
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("stream ended");
      }
      b.write(c);
    }
    in.read();
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Drops PINGs and a leading SELECT; replaces absolute times near now by a placeholder. */
  private static List<List<String>> normalize(List<List<String>> cmds) {
    List<List<String>> out = new ArrayList<>();
    long now = System.currentTimeMillis();
    for (List<String> c : cmds) {
      if (c.get(0).equalsIgnoreCase("PING")) {
        continue;
      }
      if (out.isEmpty() && c.get(0).equalsIgnoreCase("SELECT") && c.get(1).equals("0")) {
        continue;
      }
      List<String> n = new ArrayList<>(c);
      if (n.get(0).equalsIgnoreCase("PEXPIREAT") && Math.abs(Long.parseLong(n.get(2)) - now) < 3_600_000) {
        n.set(2, "<now-relative>");
      }
      out.add(n);
    }
    return out;
  }
}
