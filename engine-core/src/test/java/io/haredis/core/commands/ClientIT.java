package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haredis.api.RedisServer;
import io.haredis.testing.RealRedis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.args.ClientPauseMode;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ClientKillParams;

/** CLIENT KILL / PAUSE / LIST and MONITOR across several TCP connections. */
class ClientIT {

  private RedisServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  @BeforeEach
  void start() {
    server = RedisServer.builder().port(0).start();
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    server.close();
  }

  private Jedis jedis() {
    return new Jedis(server.address().host(), server.address().port());
  }

  private ConnectionRawSocket raw() throws IOException {
    return new ConnectionRawSocket(server.address().host(), server.address().port());
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  private static String field(String infoLine, String name) {
    Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(name) + "=(\\S*)").matcher(infoLine);
    assertThat(m.find()).as(name + " in " + infoLine).isTrue();
    return m.group(1);
  }

  @Test
  void kill_byIdFromAnotherConnection_targetDisconnected() {
    try (Jedis victim = jedis(); Jedis killer = jedis()) {
      long id = victim.clientId();
      assertThat(killer.clientKill(new ClientKillParams().id(Long.toString(id)))).isEqualTo(1);
      assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
      assertThat(killer.clientList()).doesNotContain("id=" + id + " ");
      assertThat(killer.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void kill_oldAddrForm_okAndNoSuchClientAfterwards() {
    try (Jedis victim = jedis(); Jedis killer = jedis()) {
      String addr = field(victim.clientInfo(), "addr");
      assertThat(killer.clientKill(addr)).isEqualTo("OK");
      assertThatThrownBy(victim::ping).isInstanceOf(JedisConnectionException.class);
      assertThatThrownBy(() -> killer.clientKill(addr)).hasMessage("ERR No such client");
    }
  }

  @Test
  void kill_filtersCombineAndSkipme() throws IOException {
    try (Jedis a = jedis(); Jedis b = jedis(); ConnectionRawSocket me = raw()) {
      a.clientId();
      b.clientId();
      String laddr = field(a.clientInfo(), "laddr");
      // USER default + LADDR match everyone, SKIPME yes spares the caller.
      assertThat(me.call("CLIENT", "KILL", "USER", "default", "LADDR", laddr)).isEqualTo(":2\r\n");
      assertThat(me.call("PING")).isEqualTo("+PONG\r\n");
      assertThat(me.call("CLIENT", "KILL", "TYPE", "normal", "SKIPME", "no")).isEqualTo(":1\r\n");
      assertThat(me.closedByPeer()).isTrue();
    }
  }

  @Test
  void pauseWrite_setFromOtherConnectionPostponedUntilUnpause() throws Exception {
    try (Jedis admin = jedis(); Jedis writer = jedis(); Jedis reader = jedis()) {
      long writerId = writer.clientId();
      assertThat(admin.clientPause(60_000, ClientPauseMode.WRITE)).isEqualTo("OK");
      Future<String> set = executor.submit(() -> writer.set("k", "v"));
      await(() -> {
        String line = reader.clientList();
        return line.contains("id=" + writerId + " ") && field(line.substring(line.indexOf("id=" + writerId + " ")), "cmd").equals("set")
            && field(line.substring(line.indexOf("id=" + writerId + " ")), "flags").equals("b");
      }, "the SET to be postponed");
      // Reads are served during a WRITE pause; the SET has not run.
      assertThat(reader.get("k")).isNull();
      assertThat(set).isNotDone();
      assertThat(admin.clientUnpause()).isEqualTo("OK");
      assertThat(set.get(10, TimeUnit.SECONDS)).isEqualTo("OK");
      assertThat(reader.get("k")).isEqualTo("v");
    }
  }

  @Test
  void pauseAll_evenReadsWaitUntilTimeout() throws Exception {
    try (Jedis admin = jedis(); Jedis reader = jedis()) {
      assertThat(admin.clientPause(300)).isEqualTo("OK");
      assertThat(reader.get("k")).isNull(); // served once the pause times out
    }
  }

  @Test
  void monitor_seesOtherClientsCommandsInRedisFormat() throws Exception {
    try (ConnectionRawSocket monitor = raw(); ConnectionRawSocket other = raw()) {
      assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
      String otherAddr = field(other.call("CLIENT", "INFO"), "addr");
      assertThat(monitor.readLine()).matches("\\+\\d+\\.\\d{6} \\[0 " + Pattern.quote(otherAddr) + "\\] \"CLIENT\" \"INFO\"\r\n");
      assertThat(other.call("SET", "key", "a \"quoted\"\nvalue")).isEqualTo("+OK\r\n");
      assertThat(monitor.readLine())
          .matches("\\+\\d+\\.\\d{6} \\[0 " + Pattern.quote(otherAddr) + "\\] \"SET\" \"key\" \"a \\\\\"quoted\\\\\"\\\\nvalue\"\r\n");
      // Admin commands, unknown commands and refused requests are not shown; secrets are redacted.
      other.call("CLIENT", "LIST");
      other.call("NOSUCHCOMMAND");
      other.call("GET");
      assertThat(other.call("AUTH", "default", "secret")).isEqualTo("+OK\r\n");
      assertThat(monitor.readLine()).endsWith("] \"AUTH\" \"(redacted)\" \"(redacted)\"\r\n");
      other.call("HELLO", "3", "AUTH", "default", "pw", "SETNAME", "n");
      assertThat(monitor.readLine())
          .endsWith("] \"HELLO\" \"3\" \"AUTH\" \"(redacted)\" \"(redacted)\" \"SETNAME\" \"n\"\r\n");
      assertThat(monitor.call("CLIENT", "INFO")).contains(" flags=O ");
    }
  }

  @Test
  void monitor_jedisMonitorCallback_receivesCommands() throws Exception {
    java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
    Jedis monitor = jedis();
    executor.submit(() -> {
      try {
        monitor.monitor(new redis.clients.jedis.JedisMonitor() {
          @Override
          public void onCommand(String command) {
            seen.add(command);
          }
        });
      } catch (RuntimeException e) {
        seen.add("closed");
      }
    });
    io.haredis.core.node.ServerNode node = (io.haredis.core.node.ServerNode) server;
    await(() -> node.call(() -> node.monitors().size()) == 1, "MONITOR to be active");
    try (Jedis other = jedis()) {
      other.set("k", "v");
      String line;
      do {
        line = seen.poll(10, TimeUnit.SECONDS);
        assertThat(line).as("a monitor line").isNotNull();
      } while (!line.contains("\"SET\""));
      assertThat(line).matches("\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:\\d+\\] \"SET\" \"k\" \"v\"");
    } finally {
      monitor.disconnect();
    }
  }

  @Test
  void monitor_disconnected_leavesFeed() throws Exception {
    io.haredis.core.node.ServerNode node = (io.haredis.core.node.ServerNode) server;
    try (ConnectionRawSocket monitor = raw()) {
      assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
      assertThat(node.call(() -> node.monitors().size())).isEqualTo(1);
    }
    await(() -> node.call(() -> node.monitors().size()) == 0, "the closed monitor to leave the feed");
    try (Jedis other = jedis()) {
      assertThat(other.ping()).isEqualTo("PONG");
    }
  }

  @Test
  void monitor_timestampFromNodeClock() throws Exception {
    try (ConnectionRawSocket monitor = raw(); Jedis other = jedis()) {
      assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
      long before = System.currentTimeMillis() / 1000;
      other.ping();
      String line = monitor.readLine();
      long seconds = Long.parseLong(line.substring(1, line.indexOf('.')));
      assertThat(seconds).isBetween(before - 1, before + 60);
      assertThat(line).endsWith("\"PING\"\r\n");
    }
  }

  @Test
  void list_fieldNamesAndOrder_sameAsRealRedis() throws IOException {
    try (RealRedis real = RealRedis.start();
        ConnectionRawSocket theirs = new ConnectionRawSocket(real.host(), real.port());
        ConnectionRawSocket ours = raw()) {
      assertThat(names(ours.call("CLIENT", "LIST"))).isEqualTo(names(theirs.call("CLIENT", "LIST")));
      assertThat(names(ours.call("CLIENT", "INFO"))).isEqualTo(names(theirs.call("CLIENT", "INFO")));
      String line = ours.call("CLIENT", "INFO");
      assertThat(field(line, "fd")).matches("\\d+");
      assertThat(field(line, "events")).isEqualTo("r");
      assertThat(field(line, "qbuf")).isEqualTo(field(theirs.call("CLIENT", "INFO"), "qbuf"));
      assertThat(field(line, "argv-mem")).isEqualTo("10");
    }
  }

  /** Sends every command without waiting, then returns all bytes up to the final ECHO's reply. */
  private static String pipeline(ConnectionRawSocket s, String[][] cmds) throws IOException {
    for (String[] c : cmds) {
      s.send(c);
    }
    s.send("ECHO", "the-end");
    return s.readUntil("$7\r\nthe-end\r\n");
  }

  private static final String[][] REPLY_MODES = {
    {"CLIENT", "REPLY", "OFF"}, {"PING", "1"}, {"CLIENT", "REPLY", "SKIP"}, {"PING", "2"}, {"CLIENT", "REPLY", "ON"},
    {"PING", "3"}, {"CLIENT", "REPLY", "SKIP"}, {"PING", "4"}, {"PING", "5"}, {"CLIENT", "REPLY", "SKIP"},
    {"CLIENT", "REPLY", "SKIP"}, {"PING", "6"}, {"PING", "7"}, {"CLIENT", "REPLY", "SKIP"}, {"RESET"}, {"PING", "8"},
    {"CLIENT", "REPLY", "OFF"}, {"RESET"}, {"PING", "9"}, {"CLIENT", "REPLY", "SKIP"}, {"CLIENT", "REPLY", "ON"},
    {"CLIENT", "REPLY", "OFF"}, {"CLIENT", "REPLY", "SKIP"}, {"CLIENT", "REPLY", "ON"}, {"PING", "10"},
    {"CLIENT", "REPLY", "SKIP"}, {"NOSUCH"}, {"PING", "11"}, {"CLIENT", "REPLY", "SKIP"}, {"GET"}, {"PING", "12"},
    {"CLIENT", "REPLY", "OFF"}, {"NOSUCH"}, {"CLIENT", "NOSUCH"}, {"CLIENT", "REPLY", "ON"}, {"PING", "13"},
  };

  @Test
  void replyModes_pipelined_sameBytesAsRealRedis() throws IOException {
    try (RealRedis real = RealRedis.start();
        ConnectionRawSocket theirs = new ConnectionRawSocket(real.host(), real.port());
        ConnectionRawSocket ours = raw()) {
      assertThat(pipeline(ours, REPLY_MODES)).isEqualTo(pipeline(theirs, REPLY_MODES));
    }
  }

  private static final String[][] MONITORED = {
    {"SET", "k", "\u00e9\t\u0001 \"q\" \\"}, {"GET", "k"}, {"CLIENT", "SETNAME", "x"}, {"CLIENT", "KILL", "ID", "99999"},
    {"CONFIG", "GET", "port"}, {"nosuch"}, {"GET"}, {"AUTH", "a", "b", "c"}, {"AUTH", "x"}, {"AUTH", "default", "x"},
    {"HELLO", "2", "AUTH", "default", "p", "SETNAME", "y"}, {"HELLO", "2", "AUTH", "u"}, {"CLIENT", "PAUSE", "x"},
    {"ECHO", "x"}, {"PING"},
  };

  private static String monitorLines(ConnectionRawSocket monitor, ConnectionRawSocket other) throws IOException {
    assertThat(monitor.call("MONITOR")).isEqualTo("+OK\r\n");
    pipeline(other, MONITORED);
    String lines = monitor.readUntil("\"ECHO\" \"the-end\"\r\n");
    return lines.replaceAll("\\+\\d+\\.\\d{6} \\[(\\d+) 127\\.0\\.0\\.1:\\d+\\]", "+T [$1 ADDR]");
  }

  @Test
  void monitor_sameLinesAsRealRedis() throws IOException {
    try (RealRedis real = RealRedis.start();
        ConnectionRawSocket theirMonitor = new ConnectionRawSocket(real.host(), real.port());
        ConnectionRawSocket theirs = new ConnectionRawSocket(real.host(), real.port());
        ConnectionRawSocket ourMonitor = raw();
        ConnectionRawSocket ours = raw()) {
      String expected = monitorLines(theirMonitor, theirs);
      assertThat(expected).contains("+T [0 ADDR] \"GET\" \"k\"");
      assertThat(monitorLines(ourMonitor, ours)).isEqualTo(expected);
    }
  }

  private static List<String> names(String reply) {
    String body = reply.substring(reply.indexOf("\r\n") + 2);
    List<String> out = new ArrayList<>();
    for (String kv : body.split("\n")[0].split(" ")) {
      out.add(kv.substring(0, kv.indexOf('=')));
    }
    return out;
  }
}
