package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.node.ServerNode;
import io.haredis.testing.RawRespClient;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Blocking list pops over two connections against our node and a real redis-server 7.0: the
 * blocked client's reply when another client pushes, timeouts, BLMOVE chains, EXEC, WRONGTYPE;
 * same bytes on both. Also what a served pop writes to the replication log.
 */
class BlockingListRedisIT extends TwoClientRedisComparison {

  @Test
  void blpop_servedByPushFromOtherClient() {
    script("A0 BLPOP l1 l2 0", "B1 RPUSH l2 a b", "A1", "B1 LRANGE l2 0 -1",
        "A1 BLPOP l2 0", "A0 BRPOP l3 0", "B1 LPUSH l3 x y z", "A1", "B1 LRANGE l3 0 -1");
  }

  @Test
  void transactionFillingTwoKeys_servesTheKeyThatBecameReadyFirst() {
    // Redis serves a blocked client from the ready key, not from its first non-empty key.
    script("A0 BLPOP a b 0", "B1 MULTI", "B1 RPUSH b x", "B1 RPUSH a y", "B1 EXEC", "A1",
        "B1 LRANGE a 0 -1", "B1 LRANGE b 0 -1",
        "A0 BLMPOP 0 2 c d LEFT COUNT 5", "B1 MULTI", "B1 RPUSH d 1 2", "B1 RPUSH c 3", "B1 EXEC", "A1",
        "B1 LRANGE c 0 -1");
  }

  @Test
  void timeouts_nullArrayInBothProtocols() {
    script("A1 BLPOP none 0.05", "A1 BRPOPLPUSH none d 0.05", "A1 BLMOVE none d LEFT RIGHT 0.05",
        "A1 BLMPOP 0.05 2 n1 n2 LEFT", "A1! HELLO 3", "A1 BLPOP none 0.05", "A1 BLMOVE none d LEFT LEFT 0.05");
  }

  @Test
  void blmoveAndBlmpop_served() {
    script("A0 BLMOVE src dst RIGHT LEFT 0", "B1 RPUSH src 1 2 3", "A1", "B1 LRANGE dst 0 -1",
        "A0 BLMPOP 0 2 q1 q2 RIGHT COUNT 2", "B1 RPUSH q2 a b c", "A1", "B1 LRANGE q2 0 -1",
        "A0 BRPOPLPUSH e1 e2 0", "B1 RPUSH e1 only", "A1", "B1 EXISTS e1", "B1 LRANGE e2 0 -1");
  }

  @Test
  void wrongTypeMultiAndErrors() {
    script("B1 SET s str", "A1 BLPOP s 0", "A1 BLPOP k -1", "A1 BLPOP k abc", "A1 BLPOP k 1e30",
        "A1 BLMPOP 0 0 k LEFT", "A1 BLMPOP 0 1 k UP", "A1 BLMPOP 0 1 k LEFT COUNT 0",
        "A1 MULTI", "A1 BLPOP none 0", "A1 BLMOVE none d LEFT LEFT 0", "A1 BLMPOP 0 1 none LEFT", "A1 EXEC",
        "A0 BLPOP s2 0", "B1 SET s2 notalist", "B1 DEL s2", "B1 RPUSH s2 v", "A1");
  }

  @Test
  void pipelinedCommandsWaitBehindTheBlockedOne() {
    script("A0 BLPOP w 0", "A0 PING", "B1 RPUSH w 1", "A2");
  }

  @Test
  void servedPop_isLoggedAsTheNonBlockingCommand() {
    ServerNode node = (ServerNode) ours;
    try (RawRespClient a = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b = new RawRespClient(ours.address().host(), ours.address().port())) {
      a.call("SET", "warm", "up");
      long before = node.call(() -> node.replicationLog().masterOffset());
      a.send("BLPOP".getBytes(StandardCharsets.US_ASCII), "lg".getBytes(StandardCharsets.US_ASCII), "0".getBytes(StandardCharsets.US_ASCII));
      b.call("RPUSH", "lg", "v");
      assertThat(a.readReply()).isEqualTo("*2\r\n$2\r\nlg\r\n$1\r\nv\r\n");
      String log = node.call(() -> new String(node.replicationLog().backlog().readFrom(before + 1), StandardCharsets.US_ASCII));
      assertThat(log).isEqualTo("*3\r\n$5\r\nRPUSH\r\n$2\r\nlg\r\n$1\r\nv\r\n*2\r\n$4\r\nLPOP\r\n$2\r\nlg\r\n");
      assertThat(node.call(() -> node.blocking().count())).isZero();
    }
  }

  @Test
  void waiters_servedFirstComeFirstServed_andClientUnblock() {
    try (RawRespClient first = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient second = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient pusher = new RawRespClient(ours.address().host(), ours.address().port())) {
      pusher.call("DEL", "fifo");
      first.send(bytes("BLPOP"), bytes("fifo"), bytes("0"));
      awaitBlocked(pusher, 1);
      second.send(bytes("BLPOP"), bytes("fifo"), bytes("0"));
      awaitBlocked(pusher, 2);
      pusher.call("RPUSH", "fifo", "1");
      assertThat(first.readReply()).isEqualTo("*2\r\n$4\r\nfifo\r\n$1\r\n1\r\n");
      pusher.call("RPUSH", "fifo", "2");
      assertThat(second.readReply()).isEqualTo("*2\r\n$4\r\nfifo\r\n$1\r\n2\r\n");

      String id = first.call("CLIENT", "ID").substring(1).trim();
      first.send(bytes("BLPOP"), bytes("never"), bytes("0"));
      awaitBlocked(pusher, 1);
      assertThat(pusher.call("CLIENT", "UNBLOCK", id)).isEqualTo(":1\r\n");
      assertThat(first.readReply()).isEqualTo("*-1\r\n");
      first.send(bytes("BLPOP"), bytes("never"), bytes("0"));
      awaitBlocked(pusher, 1);
      assertThat(pusher.call("CLIENT", "UNBLOCK", id, "ERROR")).isEqualTo(":1\r\n");
      assertThat(first.readReply()).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n");
      assertThat(pusher.call("CLIENT", "UNBLOCK", id)).isEqualTo(":0\r\n");
      assertThat(first.call("PING")).isEqualTo("+PONG\r\n");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void awaitBlocked(RawRespClient c, int n) {
    for (int i = 0; i < 500; i++) {
      if (c.call("INFO", "clients").contains("blocked_clients:" + n + "\r\n")) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
    }
    throw new AssertionError("not " + n + " blocked clients within 5 s");
  }
}
