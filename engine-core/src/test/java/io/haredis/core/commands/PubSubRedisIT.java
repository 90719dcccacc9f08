package io.haredis.core.commands;


import org.junit.jupiter.api.Test;

/**
 * Pub/sub scripts over two connections, against our node and a real redis-server 7.0: every
 * reply and every pushed message must be the same bytes, in RESP2 and RESP3.
 */
class PubSubRedisIT extends TwoClientRedisComparison {

  @Test
  void subscribe_publish_unsubscribe_resp2() {
    script("A0 UNSUBSCRIBE", "A1", "A1 PUNSUBSCRIBE", "A1 SUNSUBSCRIBE",
        "A2 SUBSCRIBE news sport", "A1 SUBSCRIBE news", "B1 PUBLISH news hello", "A1",
        "B1 PUBLISH nobody x", "A1 PING", "A1 PING hi", "A1 GET k", "A1 PUBSUB NUMSUB news",
        "B1 PUBSUB NUMSUB news sport none", "B1~ PUBSUB CHANNELS", "B1~ PUBSUB CHANNELS n*",
        "A1 UNSUBSCRIBE sport", "A1 UNSUBSCRIBE news", "A1 PING", "A1 GET k");
  }

  @Test
  void patterns_andShardChannels() {
    script("A2 PSUBSCRIBE news.* *.alert", "B1 PUBLISH news.tech x", "A1", "B1 PUBLISH db.alert y", "A1",
        "B1 PUBLISH news.alert both", "A2~", "B1 PUBSUB NUMPAT",
        "A1 SSUBSCRIBE shard1", "B1 SPUBLISH shard1 s", "A1", "B1 PUBLISH shard1 notshard",
        "B1~ PUBSUB SHARDCHANNELS", "B1 PUBSUB SHARDNUMSUB shard1", "A1 SUNSUBSCRIBE shard1",
        "A1 PUNSUBSCRIBE news.*", "A1 PUNSUBSCRIBE *.alert", "A1 PUNSUBSCRIBE", "B1 PUBSUB NUMPAT",
        "B1 PUBSUB NUMSUB", "B1 PUBSUB HELP", "B1 PUBSUB NOPE");
  }

  @Test
  void resp3_pushesAndNormalCommandsWhileSubscribed() {
    script("A1! HELLO 3 SETNAME x", "B1 SET k v", "A1 SUBSCRIBE c", "A1 GET k", "A1 PING",
        "B1 PUBLISH c m1", "A1", "A2 PUBLISH c self", "A1 UNSUBSCRIBE", "A1 RESET", "A1 PING");
  }

  @Test
  void reset_andMultiInteraction() {
    script("A1 SUBSCRIBE c", "A1 RESET", "B1 PUBLISH c gone", "A1 GET missing",
        "A1 MULTI", "A1 PUBLISH c x", "A1 EXEC", "A1 SUBSCRIBE c", "A1 MULTI");
  }
}
