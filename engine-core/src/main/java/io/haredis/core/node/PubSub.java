package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import io.haredis.core.commands.GlobPattern;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channel, pattern and shard-channel subscriptions of a node (Redis's {@code pubsub.c}): who
 * listens where, and delivery of published messages into the subscribers' output buffers.
 * Shard channels are a namespace of their own, as in Redis 7 (in a cluster they follow slots).
 * Loop-confined.
 */
public final class PubSub {

  /** Which namespace a subscription lives in. */
  public enum Kind {
    CHANNEL("subscribe", "unsubscribe", "message"),
    PATTERN("psubscribe", "punsubscribe", "pmessage"),
    SHARD("ssubscribe", "sunsubscribe", "smessage");

    final byte[] subscribeWord;
    final byte[] unsubscribeWord;
    final byte[] messageWord;

    Kind(String sub, String unsub, String message) {
      this.subscribeWord = sub.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      this.unsubscribeWord = unsub.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      this.messageWord = message.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public byte[] subscribeWord() {
      return subscribeWord;
    }

    public byte[] unsubscribeWord() {
      return unsubscribeWord;
    }
  }

  private final ServerNode node;
  private final Map<ByteBuffer, Set<ClientState>> channels = new LinkedHashMap<>();
  private final Map<ByteBuffer, Set<ClientState>> shardChannels = new LinkedHashMap<>();
  private final Map<ByteBuffer, Set<ClientState>> patterns = new LinkedHashMap<>();
  private final Map<ByteBuffer, GlobPattern> compiled = new LinkedHashMap<>();

  PubSub(ServerNode node) {
    this.node = node;
  }

  private Map<ByteBuffer, Set<ClientState>> table(Kind kind) {
    return switch (kind) {
      case CHANNEL -> channels;
      case PATTERN -> patterns;
      case SHARD -> shardChannels;
    };
  }

  /** Adds a subscription; false if the client already had it. */
  public boolean subscribe(ClientState c, Kind kind, byte[] name) {
    ByteBuffer key = ByteBuffer.wrap(name);
    if (!c.subscriptions(kind).add(key)) {
      return false;
    }
    table(kind).computeIfAbsent(key, k -> new LinkedHashSet<>()).add(c);
    if (kind == Kind.PATTERN) {
      compiled.computeIfAbsent(key, k -> GlobPattern.compile(name));
    }
    return true;
  }

  /** Removes a subscription; false if the client did not have it. */
  public boolean unsubscribe(ClientState c, Kind kind, byte[] name) {
    ByteBuffer key = ByteBuffer.wrap(name);
    if (!c.subscriptions(kind).remove(key)) {
      return false;
    }
    Map<ByteBuffer, Set<ClientState>> t = table(kind);
    Set<ClientState> subs = t.get(key);
    subs.remove(c);
    if (subs.isEmpty()) {
      t.remove(key);
      compiled.remove(key);
    }
    return true;
  }

  /** Drops every subscription of a client (disconnect, RESET) without replying. */
  public void unsubscribeAll(ClientState c) {
    for (Kind kind : Kind.values()) {
      for (ByteBuffer name : new ArrayList<>(c.subscriptions(kind))) {
        unsubscribe(c, kind, name.array());
      }
    }
  }

  /**
   * Delivers a message to the channel's subscribers, then to the clients whose patterns match
   * it (shard messages to shard subscribers only), and returns how many deliveries were made.
   */
  public long publish(Kind kind, byte[] channel, byte[] message) {
    long receivers = 0;
    Set<ClientState> direct = (kind == Kind.SHARD ? shardChannels : channels).get(ByteBuffer.wrap(channel));
    if (direct != null) {
      for (ClientState c : direct) {
        receivers++;
        if (c.replyMode() == io.haredis.core.client.ReplyMode.OFF) {
          continue; // counted, not sent: CLIENT REPLY OFF silences pushes too
        }
        c.reply().pushLen(3);
        c.reply().bulk(kind == Kind.SHARD ? Kind.SHARD.messageWord : Kind.CHANNEL.messageWord);
        c.reply().bulk(channel);
        c.reply().bulk(message);
        deliver(c);
      }
    }
    if (kind == Kind.CHANNEL && !patterns.isEmpty()) {
      for (Map.Entry<ByteBuffer, Set<ClientState>> p : patterns.entrySet()) {
        if (!compiled.get(p.getKey()).matches(channel)) {
          continue;
        }
        for (ClientState c : p.getValue()) {
          receivers++;
          if (c.replyMode() == io.haredis.core.client.ReplyMode.OFF) {
            continue;
          }
          c.reply().pushLen(4);
          c.reply().bulk(Kind.PATTERN.messageWord);
          c.reply().bulk(p.getKey().array());
          c.reply().bulk(channel);
          c.reply().bulk(message);
          deliver(c);
        }
      }
    }
    return receivers;
  }

  private void deliver(ClientState c) {
    node.flushOutputLater(c);
  }

  /** Whether any client subscribes to a channel or a pattern (shard channels aside). */
  public boolean anySubscriber() {
    return !channels.isEmpty() || !patterns.isEmpty();
  }

  /** Active channels (or shard channels) matching {@code pattern} (all when null). */
  public List<byte[]> activeChannels(Kind kind, byte[] pattern) {
    GlobPattern g = pattern == null ? null : GlobPattern.compile(pattern);
    List<byte[]> out = new ArrayList<>();
    for (ByteBuffer name : table(kind).keySet()) {
      if (g == null || g.matches(name.array())) {
        out.add(name.array());
      }
    }
    return out;
  }

  /** Subscribers of one channel (or shard channel). */
  public int subscribers(Kind kind, byte[] name) {
    Set<ClientState> s = table(kind).get(ByteBuffer.wrap(name));
    return s == null ? 0 : s.size();
  }

  /** Distinct patterns subscribed to by any client (PUBSUB NUMPAT). */
  public int patternCount() {
    return patterns.size();
  }

  /** Channels with at least one subscriber (INFO {@code pubsub_channels}). */
  public int channelCount() {
    return channels.size();
  }

  /** Shard channels with at least one subscriber (INFO {@code pubsubshard_channels}). */
  public int shardChannelCount() {
    return shardChannels.size();
  }
}
