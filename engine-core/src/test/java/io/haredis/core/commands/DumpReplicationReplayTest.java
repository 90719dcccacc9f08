package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.repl.ReplicationLog;
import io.haredis.core.resp.ReplyParser;
import io.haredis.testing.CommandHarness;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RESTOREs on a master, its replication log replayed into a node whose clock is later: same
 * digest and the same absolute expiries (a relative TTL was logged as ABSTTL), and a RESTORE
 * whose TTL had already passed only deletes what REPLACE removed.
 */
class DumpReplicationReplayTest {

  @Test
  void restores_replayedLater_sameDataAndExpiries() {
    StringTestSupport.ManualClock masterClock = new StringTestSupport.ManualClock();
    StringTestSupport.ManualClock replayClock = new StringTestSupport.ManualClock();
    replayClock.millis.addAndGet(5_000);
    try (CommandHarness master = StringTestSupport.harness(masterClock);
        CommandHarness replay = StringTestSupport.harness(replayClock)) {
      master.run("RPUSH", "list", "a", "b", "1");
      master.run("HSET", "hash", "f", "v");
      master.run("ZADD", "zset", "1.5", "m", "2", "n");
      master.run("SADD", "set", "1", "2");
      master.run("SET", "str", "x".repeat(100));
      master.run("SET", "victim", "old");
      String[] keys = {"list", "hash", "zset", "set", "str"};
      for (String k : keys) {
        byte[] p = (byte[]) ReplyParser.parse(Unpooled.wrappedBuffer(master.node().executeRaw("DUMP", k)), true);
        assertThat(master.run("RESTORE", k + ":plain", "0", p)).isEqualTo("+OK\r\n");
        assertThat(master.run("RESTORE", k + ":ttl", "60000", p)).isEqualTo("+OK\r\n");
        assertThat(master.run("RESTORE", k + ":abs", Long.toString(StringTestSupport.NOW + 90_000), p, "ABSTTL"))
            .isEqualTo("+OK\r\n");
        assertThat(master.run("RESTORE", "victim", "0", p, "REPLACE")).isEqualTo("+OK\r\n");
      }
      byte[] p = (byte[]) ReplyParser.parse(Unpooled.wrappedBuffer(master.node().executeRaw("DUMP", "str")), true);
      assertThat(master.run("RESTORE", "victim", "1", p, "REPLACE", "ABSTTL")).isEqualTo("+OK\r\n");
      assertThat(master.run("EXISTS", "victim")).isEqualTo(":0\r\n");

      ReplicationLog log = master.node().replicationLog();
      byte[] stream = master.node().call(() -> log.backlog().readFrom(1));
      for (List<byte[]> cmd : StringTestSupport.parse(stream)) {
        String reply = replay.run(cmd.toArray());
        assertThat(reply).as(new String(cmd.get(0))).doesNotStartWith("-");
      }
      assertThat(replay.run("DEBUG", "DIGEST")).isEqualTo(master.run("DEBUG", "DIGEST"));
      for (String k : keys) {
        for (String suffix : new String[] {":plain", ":ttl", ":abs"}) {
          assertThat(replay.run("PEXPIRETIME", k + suffix)).as(k + suffix)
              .isEqualTo(master.run("PEXPIRETIME", k + suffix));
        }
      }
      assertThat(master.run("PEXPIRETIME", "str:ttl")).isEqualTo(":" + (StringTestSupport.NOW + 60_000) + "\r\n");
    }
  }
}
