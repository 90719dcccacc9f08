package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.testing.CommandHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientCommandsTest {

  private static final List<String> FIELDS = List.of("id", "addr", "laddr", "fd", "name", "age", "idle", "flags",
      "db", "sub", "psub", "ssub", "multi", "qbuf", "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll",
      "omem", "tot-mem", "events", "cmd", "user", "redir", "resp");

  private final CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private long id() {
    String r = h.run("CLIENT", "ID");
    return Long.parseLong(r.substring(1, r.length() - 2));
  }

  /** The text of a bulk or verbatim reply. */
  private static String text(String reply) {
    String body = reply.substring(reply.indexOf("\r\n") + 2, reply.length() - 2);
    return reply.startsWith("=") ? body.substring(4) : body;
  }

  private static List<String> fieldNames(String line) {
    List<String> names = new ArrayList<>();
    for (String kv : line.split(" ")) {
      names.add(kv.substring(0, kv.indexOf('=')));
    }
    return names;
  }

  @Test
  void clientId_integerOfThisConnection() {
    assertThat(h.run("CLIENT", "ID")).matches(":\\d+\r\n");
    assertThat(h.run("CLIENT", "ID", "x")).isEqualTo("-ERR wrong number of arguments for 'client|id' command\r\n");
  }

  @Test
  void setname_validName_getnameReturnsIt() {
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
    assertThat(h.run("CLIENT", "SETNAME", "my-conn")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$7\r\nmy-conn\r\n");
    assertThat(h.run("CLIENT", "SETNAME", "")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
  }

  @Test
  void setname_spaceOrNonAscii_errorAndNameKept() {
    h.run("CLIENT", "SETNAME", "ok");
    for (String bad : new String[] {"a b", "a\nb", "\u00e9", "tab\t"}) {
      assertThat(h.run("CLIENT", "SETNAME", bad))
          .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
    }
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$2\r\nok\r\n");
    assertThat(h.run("CLIENT", "SETNAME")).isEqualTo("-ERR wrong number of arguments for 'client|setname' command\r\n");
  }

  @Test
  void info_everyFieldInRedisOrder() {
    h.run("CLIENT", "SETNAME", "x");
    String line = text(h.run("CLIENT", "INFO"));
    assertThat(line).endsWith("\n");
    line = line.substring(0, line.length() - 1);
    assertThat(fieldNames(line)).isEqualTo(FIELDS);
    assertThat(line).startsWith("id=" + id() + " addr=").contains(" name=x ").contains(" flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 ")
        .contains(" cmd=client|info user=default redir=-1 resp=2");
    assertThat(line).contains(" argv-mem=10 ");
  }

  @Test
  void info_resp3_verbatimString() {
    h.run("HELLO", "3");
    String r = h.run("CLIENT", "INFO");
    assertThat(r).startsWith("=").contains("\r\ntxt:id=").endsWith(" resp=3\n\r\n");
    int len = Integer.parseInt(r.substring(1, r.indexOf("\r\n")));
    assertThat(r.length()).isEqualTo(r.indexOf("\r\n") + 2 + len + 2);
  }

  @Test
  void list_filters() {
    long id = id();
    String all = text(h.run("CLIENT", "LIST"));
    assertThat(all).startsWith("id=" + id + " ").endsWith(" cmd=client|list user=default redir=-1 resp=2\n");
    assertThat(fieldNames(all.trim())).isEqualTo(FIELDS);
    assertThat(text(h.run("CLIENT", "LIST", "TYPE", "normal"))).startsWith("id=" + id + " ");
    assertThat(h.run("CLIENT", "LIST", "TYPE", "replica")).isEqualTo("$0\r\n\r\n");
    assertThat(h.run("CLIENT", "LIST", "TYPE", "pubsub")).isEqualTo("$0\r\n\r\n");
    assertThat(h.run("CLIENT", "LIST", "TYPE", "master")).isEqualTo("$0\r\n\r\n");
    assertThat(h.run("CLIENT", "LIST", "TYPE", "foo")).isEqualTo("-ERR Unknown client type 'foo'\r\n");
    assertThat(text(h.run("CLIENT", "LIST", "ID", "999", Long.toString(id), Long.toString(id))))
        .matches("(id=" + id + " [^\n]*\n){2}");
    assertThat(h.run("CLIENT", "LIST", "ID", "999")).isEqualTo("$0\r\n\r\n");
    assertThat(h.run("CLIENT", "LIST", "ID", "1", "x")).isEqualTo("-ERR Invalid client ID\r\n");
    assertThat(h.run("CLIENT", "LIST", "ID")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("CLIENT", "LIST", "TYPE", "normal", "x")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("CLIENT", "LIST", "foo")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void kill_errorsAndNoMatch() {
    assertThat(h.run("CLIENT", "KILL")).isEqualTo("-ERR wrong number of arguments for 'client|kill' command\r\n");
    assertThat(h.run("CLIENT", "KILL", "1.2.3.4:5")).isEqualTo("-ERR No such client\r\n");
    assertThat(h.run("CLIENT", "KILL", "ID", "0")).isEqualTo("-ERR client-id should be greater than 0\r\n");
    assertThat(h.run("CLIENT", "KILL", "ID", "x")).isEqualTo("-ERR client-id should be greater than 0\r\n");
    assertThat(h.run("CLIENT", "KILL", "ID", "999")).isEqualTo(":0\r\n");
    assertThat(h.run("CLIENT", "KILL", "TYPE", "x", "y")).isEqualTo("-ERR Unknown client type 'x'\r\n");
    assertThat(h.run("CLIENT", "KILL", "USER", "nope")).isEqualTo("-ERR No such user 'nope'\r\n");
    assertThat(h.run("CLIENT", "KILL", "SKIPME", "maybe")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("CLIENT", "KILL", "foo", "bar")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("CLIENT", "KILL", "ID", "5", "TYPE")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void kill_selfWithSkipmeDefault_notKilled() {
    long id = id();
    assertThat(h.run("CLIENT", "KILL", "ID", Long.toString(id))).isEqualTo(":0\r\n");
    assertThat(h.run("CLIENT", "KILL", "USER", "default")).isEqualTo(":0\r\n");
    assertThat(h.run("CLIENT", "KILL", "ID", Long.toString(id), "SKIPME", "no")).isEqualTo(":1\r\n");
  }

  @Test
  void pause_argumentErrors() {
    assertThat(h.run("CLIENT", "PAUSE")).isEqualTo("-ERR wrong number of arguments for 'client|pause' command\r\n");
    assertThat(h.run("CLIENT", "PAUSE", "-1")).isEqualTo("-ERR timeout is negative\r\n");
    assertThat(h.run("CLIENT", "PAUSE", "x")).isEqualTo("-ERR timeout is not an integer or out of range\r\n");
    assertThat(h.run("CLIENT", "PAUSE", "10", "foo")).isEqualTo("-ERR CLIENT PAUSE mode must be WRITE or ALL\r\n");
    assertThat(h.run("CLIENT", "PAUSE", "10", "write", "extra"))
        .isEqualTo("-ERR unknown subcommand or wrong number of arguments for 'PAUSE'. Try CLIENT HELP.\r\n");
    assertThat(h.run("CLIENT", "UNPAUSE", "x")).isEqualTo("-ERR wrong number of arguments for 'client|unpause' command\r\n");
  }

  @Test
  void pause_writeThenUnpause_readsStillServed() {
    assertThat(h.run("CLIENT", "PAUSE", "100000", "WRITE")).isEqualTo("+OK\r\n");
    assertThat(h.node().call(() -> h.node().pauses().scope().name())).isEqualTo("WRITE");
    assertThat(h.run("GET", "k")).isEqualTo("$-1\r\n");
    assertThat(h.run("CLIENT", "UNPAUSE")).isEqualTo("+OK\r\n");
    assertThat(h.node().call(() -> h.node().pauses().scope().name())).isEqualTo("NONE");
    assertThat(h.run("SET", "k", "v")).isEqualTo("+OK\r\n");
  }

  @Test
  void reply_offSkipOn_repliesDroppedAsRedisDoes() {
    assertThat(h.run("CLIENT", "REPLY", "OFF")).isEqualTo("");
    assertThat(h.run("PING")).isEqualTo("");
    assertThat(h.run("CLIENT", "REPLY", "SKIP")).isEqualTo("");
    assertThat(h.run("CLIENT", "REPLY", "ON")).isEqualTo("+OK\r\n");
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
    assertThat(h.run("CLIENT", "REPLY", "SKIP")).isEqualTo("");
    assertThat(h.run("PING")).isEqualTo("");
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
    assertThat(h.run("CLIENT", "REPLY", "SKIP")).isEqualTo("");
    assertThat(h.run("CLIENT", "REPLY", "ON")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "REPLY", "foo")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void noEvict_onOff_flagShown() {
    assertThat(h.run("CLIENT", "NO-EVICT", "ON")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "INFO")).contains(" flags=e ");
    assertThat(h.run("CLIENT", "NO-EVICT", "OFF")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "INFO")).contains(" flags=N ");
    assertThat(h.run("CLIENT", "NO-EVICT", "maybe")).isEqualTo("-ERR syntax error\r\n");
  }

  @Test
  void trackingOff_answers() {
    assertThat(h.run("CLIENT", "GETREDIR")).isEqualTo(":-1\r\n");
    assertThat(h.run("CLIENT", "TRACKINGINFO"))
        .isEqualTo("*6\r\n$5\r\nflags\r\n*1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n");
    h.run("HELLO", "3");
    assertThat(h.run("CLIENT", "TRACKINGINFO"))
        .isEqualTo("%3\r\n$5\r\nflags\r\n~1\r\n$3\r\noff\r\n$8\r\nredirect\r\n:-1\r\n$8\r\nprefixes\r\n*0\r\n");
  }

  @Test
  void unblock_noBlockedClient_zeroOrError() {
    assertThat(h.run("CLIENT", "UNBLOCK", "1")).isEqualTo(":0\r\n");
    assertThat(h.run("CLIENT", "UNBLOCK", "1", "foo")).isEqualTo("-ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR\r\n");
    assertThat(h.run("CLIENT", "UNBLOCK", "x")).isEqualTo("-ERR value is not an integer or out of range\r\n");
  }

  @Test
  void help_andUnknownSubcommand() {
    String help = h.run("CLIENT", "HELP");
    assertThat(help).startsWith("*48\r\n+CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n+CACHING (YES|NO)\r\n")
        .endsWith("+HELP\r\n+    Prints this help.\r\n");
    assertThat(help.split("\r\n")).hasSize(49);
    assertThat(h.run("CLIENT", "foo")).isEqualTo("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n");
    assertThat(h.run("CLIENT", "HELP", "x")).isEqualTo("-ERR wrong number of arguments for 'client|help' command\r\n");
  }

  @Test
  void monitor_inProcessClient_flagOAndSecondMonitorSilent() {
    assertThat(h.run("MONITOR")).isEqualTo("+OK\r\n");
    assertThat(h.run("MONITOR")).isEqualTo("");
    String info = h.run("CLIENT", "INFO");
    assertThat(info).contains(" flags=O ");
    // The monitor sees its own (non-admin) commands after their replies.
    assertThat(info).matches("(?s)\\$\\d+\r\nid=.*\n\r\n\\+\\d+\\.\\d{6} \\[0 127\\.0\\.0\\.1:0\\] \"CLIENT\" \"INFO\"\r\n");
  }

  @Test
  void monitorFeed_quote_escapesLikeSdscatrepr() {
    io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
    byte[] arg = {'a', '"', 'b', '\\', '\n', '\r', '\t', 7, '\b', 1, (byte) 0xff, ' ', (byte) 0xc3, (byte) 0xa9};
    MonitorFeed.quote(out, arg, 0, arg.length);
    assertThat(out.toString(java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("\"a\\\"b\\\\\\n\\r\\t\\a\\b\\x01\\xff \\xc3\\xa9\"");
    out.release();
  }
}
