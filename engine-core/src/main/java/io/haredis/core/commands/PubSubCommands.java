package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;
import io.haredis.core.node.PubSub;
import io.haredis.core.node.PubSub.Kind;
import io.haredis.core.resp.ReplyWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pub/sub commands (Redis's pubsub.c): (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PUBLISH, SPUBLISH and
 * PUBSUB. Subscription confirmations are push messages in RESP3 and arrays in RESP2, where a
 * subscribed client may then only run the commands marked {@code allowedWhileSubscribed}.
 */
public final class PubSubCommands {

  private PubSubCommands() {}

  public static void register(CommandTable.Builder b) {
    b.add("subscribe", -2, PubSubCommands::subscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .allowedWhileSubscribed()
        .group("pubsub").since("2.0.0");
    b.add("unsubscribe", -1, PubSubCommands::unsubscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .allowedWhileSubscribed()
        .group("pubsub").since("2.0.0");
    b.add("psubscribe", -2, PubSubCommands::psubscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .allowedWhileSubscribed()
        .group("pubsub").since("2.0.0");
    b.add("punsubscribe", -1, PubSubCommands::punsubscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .allowedWhileSubscribed()
        .group("pubsub").since("2.0.0");
    b.add("publish", 3, PubSubCommands::publish)
        .flags("pubsub loading stale fast may_replicate")
        .acl("@pubsub @fast")
        .group("pubsub").since("2.0.0");
    CommandSpec.Builder pubsub = b.add("pubsub", -2, null)
        .acl("@slow")
        .group("pubsub").since("2.8.0");
    pubsub.sub("numsub", -2, PubSubCommands::pubsub_numsub)
        .flags("pubsub loading stale")
        .acl("@pubsub @slow")
        .group("pubsub").since("2.8.0");
    pubsub.sub("numpat", 2, PubSubCommands::pubsub_numpat)
        .flags("pubsub loading stale")
        .acl("@pubsub @slow")
        .group("pubsub").since("2.8.0");
    pubsub.sub("channels", -2, PubSubCommands::pubsub_channels)
        .flags("pubsub loading stale")
        .acl("@pubsub @slow")
        .group("pubsub").since("2.8.0");
    pubsub.sub("help", 2, PubSubCommands::pubsub_help)
        .flags("loading stale")
        .acl("@slow")
        .group("pubsub").since("6.2.0");
    pubsub.sub("shardchannels", -2, PubSubCommands::pubsub_shardchannels)
        .flags("pubsub loading stale")
        .acl("@pubsub @slow")
        .group("pubsub").since("7.0.0");
    pubsub.sub("shardnumsub", -2, PubSubCommands::pubsub_shardnumsub)
        .flags("pubsub loading stale")
        .acl("@pubsub @slow")
        .group("pubsub").since("7.0.0");
    b.add("ssubscribe", -2, PubSubCommands::ssubscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .keys(1, -1, 1, "not_key|index:1|range:-1,1,0")
        .allowedWhileSubscribed()
        .group("pubsub").since("7.0.0");
    b.add("sunsubscribe", -1, PubSubCommands::sunsubscribe)
        .flags("pubsub noscript loading stale")
        .acl("@pubsub @slow")
        .keys(1, -1, 1, "not_key|index:1|range:-1,1,0")
        .allowedWhileSubscribed()
        .group("pubsub").since("7.0.0");
    b.add("spublish", 3, PubSubCommands::spublish)
        .flags("pubsub loading stale fast may_replicate")
        .acl("@pubsub @fast")
        .keys(1, 1, 1, "not_key|index:1|range:0,1,0")
        .group("pubsub").since("7.0.0");
  }

  static void subscribe(Invocation c) {
    subscribeGeneric(c, Kind.CHANNEL);
  }

  static void psubscribe(Invocation c) {
    subscribeGeneric(c, Kind.PATTERN);
  }

  static void ssubscribe(Invocation c) {
    subscribeGeneric(c, Kind.SHARD);
  }

  static void unsubscribe(Invocation c) {
    unsubscribeGeneric(c, Kind.CHANNEL);
  }

  static void punsubscribe(Invocation c) {
    unsubscribeGeneric(c, Kind.PATTERN);
  }

  static void sunsubscribe(Invocation c) {
    unsubscribeGeneric(c, Kind.SHARD);
  }

  private static void subscribeGeneric(Invocation c, Kind kind) {
    ClientState client = c.client();
    PubSub ps = c.node().pubsub();
    for (int i = 1; i < c.argc(); i++) {
      byte[] name = c.argBytes(i);
      ps.subscribe(client, kind, name);
      confirm(c.reply(), kind.subscribeWord(), name, count(client, kind));
    }
  }

  private static void unsubscribeGeneric(Invocation c, Kind kind) {
    ClientState client = c.client();
    PubSub ps = c.node().pubsub();
    if (c.argc() == 1) {
      List<ByteBuffer> all = new ArrayList<>(client.subscriptions(kind));
      if (all.isEmpty()) {
        confirm(c.reply(), kind.unsubscribeWord(), null, count(client, kind));
        return;
      }
      for (ByteBuffer name : all) {
        ps.unsubscribe(client, kind, name.array());
        confirm(c.reply(), kind.unsubscribeWord(), name.array(), count(client, kind));
      }
      return;
    }
    for (int i = 1; i < c.argc(); i++) {
      byte[] name = c.argBytes(i);
      ps.unsubscribe(client, kind, name);
      confirm(c.reply(), kind.unsubscribeWord(), name, count(client, kind));
    }
  }

  private static int count(ClientState client, Kind kind) {
    return kind == Kind.SHARD ? client.shardSubscriptionCount() : client.subscriptionCount();
  }

  private static void confirm(ReplyWriter r, byte[] word, byte[] name, int count) {
    r.pushLen(3);
    r.bulk(word);
    if (name == null) {
      r.nullBulk();
    } else {
      r.bulk(name);
    }
    r.integer(count);
  }

  static void publish(Invocation c) {
    c.reply().integer(c.node().pubsub().publish(Kind.CHANNEL, c.argBytes(1), c.argBytes(2)));
  }

  static void spublish(Invocation c) {
    c.reply().integer(c.node().pubsub().publish(Kind.SHARD, c.argBytes(1), c.argBytes(2)));
  }

  static void pubsub_channels(Invocation c) {
    channels(c, Kind.CHANNEL);
  }

  static void pubsub_shardchannels(Invocation c) {
    channels(c, Kind.SHARD);
  }

  private static void channels(Invocation c, Kind kind) {
    if (c.argc() > 3) {
      throw io.haredis.core.command.ErrorReply.wrongArity(c.spec().fullName());
    }
    List<byte[]> names = c.node().pubsub().activeChannels(kind, c.argc() == 3 ? c.argBytes(2) : null);
    c.reply().arrayLen(names.size());
    for (byte[] n : names) {
      c.reply().bulk(n);
    }
  }

  static void pubsub_numsub(Invocation c) {
    numsub(c, Kind.CHANNEL);
  }

  static void pubsub_shardnumsub(Invocation c) {
    numsub(c, Kind.SHARD);
  }

  private static void numsub(Invocation c, Kind kind) {
    c.reply().mapLen(c.argc() - 2);
    for (int i = 2; i < c.argc(); i++) {
      byte[] name = c.argBytes(i);
      c.reply().bulk(name);
      c.reply().integer(c.node().pubsub().subscribers(kind, name));
    }
  }

  static void pubsub_numpat(Invocation c) {
    c.reply().integer(c.node().pubsub().patternCount());
  }

  private static final String[] HELP = {
    "PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
    "CHANNELS [<pattern>]",
    "    Return the currently active channels matching a <pattern> (default: '*').",
    "NUMPAT",
    "    Return number of subscriptions to patterns.",
    "NUMSUB [<channel> ...]",
    "    Return the number of subscribers for the specified channels, excluding",
    "    pattern subscriptions(default: no channels).",
    "SHARDCHANNELS [<pattern>]",
    "    Return the currently active shard level channels matching a <pattern> (default: '*').",
    "SHARDNUMSUB [<shardchannel> ...]",
    "    Return the number of subscribers for the specified shard level channel(s)",
    "HELP",
    "    Prints this help."
  };

  static void pubsub_help(Invocation c) {
    c.reply().arrayLen(HELP.length);
    for (String line : HELP) {
      c.reply().simple(line);
    }
  }
}
