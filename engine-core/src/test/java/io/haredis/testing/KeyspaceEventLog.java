package io.haredis.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A connection subscribed to every keyspace notification ({@code PSUBSCRIBE __key*__:*}) of one
 * server, ours or a real redis-server. {@link #drain} returns what arrived since the last call:
 * it publishes a marker on a channel the same pattern matches and reads up to it, so nothing is
 * timed and nothing is missed (a server delivers messages to one subscriber in order).
 */
public final class KeyspaceEventLog implements AutoCloseable {

  /** The pattern every keyspace and keyevent channel matches (and so do the markers). */
  public static final String PATTERN = "__key*__:*";
  private static final String MARKER_PREFIX = "__keymarker__:";

  private final RawRespClient sub;
  private final RawRespClient publisher;
  private int markers;

  private KeyspaceEventLog(RawRespClient sub, RawRespClient publisher) {
    this.sub = sub;
    this.publisher = publisher;
  }

  /** Subscribes a new connection to {@code host:port}, speaking {@code resp} (2 or 3). */
  public static KeyspaceEventLog open(String host, int port, int resp) {
    RawRespClient sub = new RawRespClient(host, port);
    if (resp == 3) {
      sub.call("HELLO", "3");
    }
    sub.call("PSUBSCRIBE", PATTERN);
    return new KeyspaceEventLog(sub, new RawRespClient(host, port));
  }

  /**
   * The raw RESP bytes (ISO-8859-1 text) of every message delivered since the last call, the
   * marker excluded.
   */
  public List<String> drainRaw() {
    String marker = MARKER_PREFIX + (markers++);
    publisher.call("PUBLISH", marker, "m");
    List<String> out = new ArrayList<>();
    while (true) {
      String msg = sub.readReply();
      if (channel(msg).equals(marker)) {
        return out;
      }
      out.add(msg);
    }
  }

  /** Like {@link #drainRaw}, each message as {@code "<channel> <message>"}. */
  public List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String m : drainRaw()) {
      out.add(channel(m) + " " + message(m));
    }
    return out;
  }

  /**
   * Like {@link #drain}, shortened to the keyspace side: {@code "<db>:<key> <event>"} per event
   * (with K and E both on, each event arrives once per channel family; this keeps one).
   */
  public List<String> drainEvents() {
    List<String> out = new ArrayList<>();
    for (String m : drainRaw()) {
      String ch = channel(m);
      if (ch.startsWith("__keyspace@")) {
        int at = ch.indexOf("__:");
        out.add(ch.substring("__keyspace@".length(), at) + ":" + ch.substring(at + 3) + " " + message(m));
      }
    }
    return out;
  }

  /** The channel of a pmessage (RESP2 array or RESP3 push of four bulk strings). */
  public static String channel(String pmessage) {
    return bulk(pmessage, 2);
  }

  /** The message of a pmessage. */
  public static String message(String pmessage) {
    return bulk(pmessage, 3);
  }

  /** The n-th bulk string (0-based) of a flat aggregate of bulk strings. */
  private static String bulk(String resp, int n) {
    int pos = resp.indexOf("\r\n") + 2;
    for (int i = 0; ; i++) {
      int lineEnd = resp.indexOf("\r\n", pos);
      int len = Integer.parseInt(resp.substring(pos + 1, lineEnd));
      int start = lineEnd + 2;
      if (i == n) {
        return resp.substring(start, start + len);
      }
      pos = start + len + 2;
    }
  }

  @Override
  public void close() {
    sub.close();
    publisher.close();
  }
}
