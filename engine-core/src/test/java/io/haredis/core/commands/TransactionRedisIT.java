package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.testing.RandomCommands;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.RealRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MULTI/EXEC/DISCARD/WATCH scripts with two connections, run against our node and a real
 * redis-server 7.0; every reply must be the same bytes. Covers queueing errors (EXECABORT),
 * runtime errors inside EXEC, WATCH invalidated by another client, by FLUSHDB, SWAPDB and
 * expiry, and the commands that run at once inside MULTI.
 */
class TransactionRedisIT {

  private static RealRedis redis;
  private static RedisServer ours;

  @BeforeAll
  static void start() {
    redis = RealRedis.start();
    ours = RedisServer.builder().port(0).start();
  }

  @AfterAll
  static void stop() {
    ours.close();
    redis.close();
  }

  /** Steps: "A cmd args..." or "B cmd args..." (which connection), "SLEEP ms". */
  private static void script(String... steps) throws InterruptedException {
    try (RawRespClient a1 = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient b1 = new RawRespClient(ours.address().host(), ours.address().port());
         RawRespClient a2 = new RawRespClient(redis.host(), redis.port());
         RawRespClient b2 = new RawRespClient(redis.host(), redis.port())) {
      a1.call("FLUSHALL");
      a2.call("FLUSHALL");
      List<String> log = new ArrayList<>();
      for (String step : steps) {
        String[] w = step.split(" ");
        if (w[0].equals("SLEEP")) {
          Thread.sleep(Long.parseLong(w[1]));
          continue;
        }
        String[] args = java.util.Arrays.copyOfRange(w, 1, w.length);
        boolean onA = w[0].equals("A");
        String mine = (onA ? a1 : b1).call(args);
        String theirs = (onA ? a2 : b2).call(args);
        log.add(step + " -> " + RandomCommands.printable(theirs));
        assertThat(RandomCommands.printable(mine)).as("step '%s' after:\n  %s", step, String.join("\n  ", log))
            .isEqualTo(RandomCommands.printable(theirs));
      }
    }
  }

  @Test
  void multiExec_queuesAndRunsInOrder() throws Exception {
    script("A MULTI", "A SET k 1", "A INCR k", "A GET k", "A INCR nosuchcommand-no", "A EXEC",
        "A MULTI", "A SET k v", "A INCR k", "A GET k", "A EXEC");
  }

  @Test
  void queueingErrors_execAbort() throws Exception {
    script("A MULTI", "A SET k 1", "A NOSUCHCMD x", "A GET", "A EXEC", "A GET k",
        "A MULTI", "A SET k 2", "A SET", "A EXEC", "A EXEC", "A DISCARD");
  }

  @Test
  void immediateCommandsInsideMulti() throws Exception {
    script("A MULTI", "A WATCH x", "A MULTI", "A SET x 1", "A EXEC",
        "A MULTI", "A DISCARD", "A DISCARD", "A UNWATCH", "A MULTI", "A PING", "A ECHO hi", "A EXEC",
        "A MULTI", "A SHUTDOWN", "A EXEC");
  }

  @Test
  void watch_otherClientWrite_execReturnsNull() throws Exception {
    script("A SET k 1", "A WATCH k", "B SET k 2", "A MULTI", "A SET k 3", "A EXEC", "A GET k",
        "A WATCH k", "B GET k", "A MULTI", "A SET k 4", "A EXEC", "A GET k",
        "A WATCH k other", "B INCR other", "A MULTI", "A PING", "A EXEC",
        "A WATCH k", "A SET k own", "A MULTI", "A GET k", "A EXEC",
        "A WATCH k", "A UNWATCH", "B SET k x", "A MULTI", "A GET k", "A EXEC");
  }

  @Test
  void watch_noOpWritesDoNotInvalidate() throws Exception {
    script("A SET k 1", "A WATCH k", "B SETNX k 9", "B DEL nokey", "B EXPIRE nokey 10", "A MULTI", "A GET k", "A EXEC");
  }

  @Test
  void watch_flushSwapAndMove() throws Exception {
    script("A SET k 1", "A WATCH k", "B FLUSHDB", "A MULTI", "A PING", "A EXEC",
        "A WATCH missing", "B FLUSHALL", "A MULTI", "A PING", "A EXEC",
        "A SELECT 1", "A SET k 1", "A SELECT 0", "A WATCH k", "B SWAPDB 0 1", "A MULTI", "A PING", "A EXEC",
        "A SET m 1", "A WATCH m", "B SELECT 0", "B MOVE m 3", "A MULTI", "A PING", "A EXEC",
        "A SELECT 3", "A WATCH m", "B SET m2 1", "B COPY m2 m DB 3 REPLACE", "A MULTI", "A PING", "A EXEC");
  }

  @Test
  void watch_onlyKeysReallyChangedCount() throws Exception {
    // DEL of a watched key that does not exist, next to one that does; COPY into another db.
    script("A SET b 1", "A WATCH a", "B DEL a b", "A MULTI", "A PING", "A EXEC",
        "A SET k 1", "A SET src 2", "A WATCH k", "B COPY src k DB 1 REPLACE", "A MULTI", "A PING", "A EXEC",
        "A SELECT 1", "A WATCH k", "B COPY src k DB 1 REPLACE", "A MULTI", "A PING", "A EXEC");
  }

  @Test
  void watch_keyExpires_execFails() throws Exception {
    script("A SET k 1 PX 50", "A WATCH k", "SLEEP 120", "A MULTI", "A PING", "A EXEC",
        "A SET j 1 PX 50", "SLEEP 120", "A WATCH j", "A MULTI", "A PING", "A EXEC");
  }

  @Test
  void resetAndDiscard_clearTransactionAndWatches() throws Exception {
    script("A WATCH k", "A MULTI", "A SET k 1", "A RESET", "B SET k 2", "A EXEC", "A MULTI", "A GET k", "A EXEC",
        "A WATCH k", "A MULTI", "A DISCARD", "B SET k 3", "A MULTI", "A GET k", "A EXEC");
  }

  @Test
  void errorsInsideExec_doNotStopTheRest() throws Exception {
    script("A SET s abc", "A MULTI", "A INCR s", "A SET t 1", "A LCS s t x y", "A INCRBY t 5", "A EXEC",
        "A MULTI", "A GET t", "A GET none", "A EXEC", "A WATCH t", "B SET t 0", "A MULTI", "A GET t", "A EXEC",
        "A MULTI", "A SET q 1", "A QUIT");
  }
}
