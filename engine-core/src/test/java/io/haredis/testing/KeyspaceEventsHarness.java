package io.haredis.testing;

import io.haredis.core.node.ServerNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs commands on a node through its in-process client (no socket), with that client
 * subscribed to every keyspace notification under RESP3, so each call returns the command's
 * own notifications, in the order they were published relative to its reply. Unit tests of
 * the command families use it: {@code events("SET", "k", "v")} gives {@code ["0:k set"]}.
 */
public final class KeyspaceEventsHarness implements AutoCloseable {

  private final CommandHarness h;
  private String lastReply;

  /** A fresh node with {@code notify-keyspace-events} set to {@code classes}. */
  public KeyspaceEventsHarness(String classes) {
    this(new CommandHarness(), classes);
  }

  /** Over an existing node (a simulated one, say). */
  public KeyspaceEventsHarness(CommandHarness h, String classes) {
    this.h = h;
    h.run("CONFIG", "SET", "notify-keyspace-events", classes);
    h.run("HELLO", "3");
    h.run("PSUBSCRIBE", KeyspaceEventLog.PATTERN);
  }

  public ServerNode node() {
    return h.node();
  }

  /**
   * Runs a command and returns what it published on the keyspace channels, each as
   * {@code "<db>:<key> <event>"} (the keyevent side is the same information; see {@link #frames}
   * for everything).
   */
  public List<String> events(Object... cmd) {
    List<String> out = new ArrayList<>();
    for (String f : frames(cmd)) {
      if (f.startsWith(">")) {
        String ch = KeyspaceEventLog.channel(f);
        if (ch.startsWith("__keyspace@")) {
          int at = ch.indexOf("__:");
          out.add(ch.substring("__keyspace@".length(), at) + ":" + ch.substring(at + 3) + " "
              + KeyspaceEventLog.message(f));
        }
      }
    }
    return out;
  }

  /**
   * Runs a command and returns every frame it produced: pushes as {@code "<channel> <message>"}
   * and the reply as {@code "<reply>"}, in order.
   */
  public List<String> timeline(Object... cmd) {
    List<String> out = new ArrayList<>();
    for (String f : frames(cmd)) {
      out.add(f.startsWith(">") ? KeyspaceEventLog.channel(f) + " " + KeyspaceEventLog.message(f) : "<reply>");
    }
    return out;
  }

  /** Runs a command and returns the raw RESP3 frames it produced (pushes and the reply). */
  public List<String> frames(Object... cmd) {
    byte[] raw = h.node().executeRaw(cmd);
    List<String> frames = split(raw == null ? new byte[0] : raw);
    lastReply = null;
    for (String f : frames) {
      if (!f.startsWith(">")) {
        lastReply = f;
      }
    }
    return frames;
  }

  /** The reply of the last command run (RESP3 text). */
  public String lastReply() {
    return lastReply;
  }

  /** Runs a command, drops what it published, returns its reply. */
  public String run(Object... cmd) {
    frames(cmd);
    return lastReply;
  }

  /**
   * Splits concatenated RESP frames. A push met inside an aggregate (Redis 7.0 writes a client's
   * notifications about its own command where they happen, so inside a reply it is building,
   * e.g. MGET's keymiss) is taken out and listed before the reply it interrupted.
   */
  static List<String> split(byte[] raw) {
    ByteArrayInputStream in = new ByteArrayInputStream(raw);
    List<String> out = new ArrayList<>();
    while (in.available() > 0) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      readOne(in, b, out);
      out.add(b.toString(StandardCharsets.ISO_8859_1));
    }
    return out;
  }

  private static void readOne(ByteArrayInputStream in, ByteArrayOutputStream b, List<String> hoisted) {
    String l = readLine(in);
    char type = l.charAt(0);
    if (type == '>' && hoisted != null && b.size() > 0) {
      // a push inside an aggregate: list it apart, then read the element it stood in front of
      ByteArrayOutputStream push = new ByteArrayOutputStream();
      push.writeBytes((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      readBody(in, push, type, l, hoisted);
      hoisted.add(push.toString(StandardCharsets.ISO_8859_1));
      readOne(in, b, hoisted);
      return;
    }
    b.writeBytes((l + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    readBody(in, b, type, l, hoisted);
  }

  private static void readBody(ByteArrayInputStream in, ByteArrayOutputStream b, char type, String l,
      List<String> hoisted) {
    switch (type) {
      case '$', '=', '!' -> {
        int n = Integer.parseInt(l.substring(1));
        if (n >= 0) {
          byte[] body = new byte[n + 2];
          in.readNBytes(body, 0, body.length);
          b.write(body, 0, body.length);
        }
      }
      case '*', '~', '>' -> {
        int n = Integer.parseInt(l.substring(1));
        for (int i = 0; i < n; i++) {
          readOne(in, b, hoisted);
        }
      }
      case '%', '|' -> {
        int n = Integer.parseInt(l.substring(1));
        for (int i = 0; i < 2 * n; i++) {
          readOne(in, b, hoisted);
        }
      }
      default -> {
        // a simple type: the line was all of it
      }
    }
  }

  private static String readLine(ByteArrayInputStream in) {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
        return line.substring(0, line.length() - 1);
      }
      line.append((char) c);
    }
    throw new IllegalStateException("truncated RESP: " + line);
  }

  @Override
  public void close() {
    h.close();
  }
}
