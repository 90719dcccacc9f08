package io.haredis.core.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.core.client.ClientState;
import io.haredis.testing.CommandHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConnectionCommandsTest {

  private CommandHarness h = new CommandHarness();

  @AfterEach
  void close() {
    h.close();
  }

  private long id() {
    String r = h.run("CLIENT", "ID");
    return Long.parseLong(r.substring(1, r.length() - 2));
  }

  private static String helloReply(String header, int proto, long id) {
    return header + "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto
        + "\r\n$2\r\nid\r\n:" + id + "\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n"
        + "$7\r\nmodules\r\n*0\r\n";
  }

  private ClientState harnessClient() {
    long id = id();
    return h.node().call(() -> h.node().clients().get(id));
  }

  @Test
  void ping_noArgument_pong() {
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
    assertThat(h.run("ping", "hi")).isEqualTo("$2\r\nhi\r\n");
    assertThat(h.run("PING", "a", "b")).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
  }

  @Test
  void echo_argument_bulk() {
    assertThat(h.run("ECHO", "")).isEqualTo("$0\r\n\r\n");
    assertThat(h.run("ECHO", "x y")).isEqualTo("$3\r\nx y\r\n");
    assertThat(h.run("ECHO")).isEqualTo("-ERR wrong number of arguments for 'echo' command\r\n");
  }

  @Test
  void quit_anyState_okThenClose() {
    assertThat(h.run("QUIT")).isEqualTo("+OK\r\n");
  }

  @Test
  void hello_noArguments_resp2MapOfSevenPairs() {
    assertThat(h.run("HELLO")).isEqualTo(helloReply("*14\r\n", 2, id()));
  }

  @Test
  void hello_3_switchesToResp3() {
    long id = id();
    assertThat(h.run("HELLO", "3")).isEqualTo(helloReply("%7\r\n", 3, id));
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("_\r\n");
    assertThat(h.run("HELLO")).isEqualTo(helloReply("%7\r\n", 3, id));
    assertThat(h.run("HELLO", "2")).isEqualTo(helloReply("*14\r\n", 2, id));
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
  }

  @Test
  void hello_badVersion_errors() {
    assertThat(h.run("HELLO", "4")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
    assertThat(h.run("HELLO", "1")).isEqualTo("-NOPROTO unsupported protocol version\r\n");
    assertThat(h.run("HELLO", "x")).isEqualTo("-ERR Protocol version is not an integer or out of range\r\n");
  }

  @Test
  void hello_badOption_syntaxErrorAfterEarlierOptionsApplied() {
    assertThat(h.run("HELLO", "3", "SETNAME", "a", "b")).isEqualTo("-ERR Syntax error in HELLO option 'b'\r\n");
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$1\r\na\r\n"); // still RESP2: the error came first
    assertThat(h.run("HELLO", "3", "foo")).isEqualTo("-ERR Syntax error in HELLO option 'foo'\r\n");
    assertThat(h.run("HELLO", "2", "AUTH", "x")).isEqualTo("-ERR Syntax error in HELLO option 'AUTH'\r\n");
    assertThat(h.run("HELLO", "2", "SETNAME")).isEqualTo("-ERR Syntax error in HELLO option 'SETNAME'\r\n");
    assertThat(h.run("HELLO", "2", "SETNAME", "a b"))
        .isEqualTo("-ERR Client names cannot contain spaces, newlines or special characters.\r\n");
  }

  @Test
  void hello_setname_setsName() {
    long id = id();
    assertThat(h.run("HELLO", "3", "SETNAME", "conn1")).isEqualTo(helloReply("%7\r\n", 3, id));
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$5\r\nconn1\r\n");
  }

  @Test
  void hello_authWithoutRequirepass_anyPasswordOfDefaultUser() {
    long id = id();
    assertThat(h.run("HELLO", "3", "AUTH", "default", "whatever")).isEqualTo(helloReply("%7\r\n", 3, id));
    assertThat(h.run("HELLO", "3", "AUTH", "nobody", "x"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
  }

  @Test
  void auth_withoutRequirepass_errors() {
    assertThat(h.run("AUTH", "x")).isEqualTo("-ERR AUTH <password> called without any password configured for "
        + "the default user. Are you sure your configuration is correct?\r\n");
    assertThat(h.run("AUTH", "default", "x")).isEqualTo("+OK\r\n");
    assertThat(h.run("AUTH", "foo", "x")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("AUTH", "a", "b", "c")).isEqualTo("-ERR syntax error\r\n");
    assertThat(h.run("AUTH")).isEqualTo("-ERR wrong number of arguments for 'auth' command\r\n");
  }

  @Test
  void auth_requirepass_gatesCommandsUntilAuthenticated() {
    h.close();
    h = CommandHarness.with("requirepass", "pw");
    assertThat(h.run("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
    assertThat(h.run("CLIENT", "ID")).isEqualTo("-NOAUTH Authentication required.\r\n");
    assertThat(h.run("HELLO", "3")).isEqualTo("-NOAUTH HELLO must be called with the client already authenticated, "
        + "otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP "
        + "protocol version at the same time\r\n");
    assertThat(h.run("AUTH", "bad")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("AUTH", "default", "bad")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("AUTH", "Default", "pw")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("AUTH", "pw")).isEqualTo("+OK\r\n");
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
    // A failed AUTH does not log an authenticated connection out.
    assertThat(h.run("AUTH", "bad")).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
    assertThat(h.run("RESET")).isEqualTo("+RESET\r\n");
    assertThat(h.run("PING")).isEqualTo("-NOAUTH Authentication required.\r\n");
    assertThat(h.run("HELLO", "3", "AUTH", "default", "bad"))
        .isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
    assertThat(h.run("HELLO", "3", "AUTH", "default", "pw", "SETNAME", "x")).startsWith("%7\r\n");
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$1\r\nx\r\n");
  }

  @Test
  void reset_changedState_backToFreshConnection() {
    assertThat(h.run("HELLO", "3", "SETNAME", "n")).startsWith("%7");
    ClientState c = harnessClient();
    h.node().call(() -> {
      c.db(h.node().db(3));
      return null;
    });
    assertThat(h.run("CLIENT", "NO-EVICT", "ON")).isEqualTo("+OK\r\n");
    assertThat(h.run("CLIENT", "REPLY", "OFF")).isEqualTo("");
    assertThat(h.run("RESET")).isEqualTo("+RESET\r\n");
    assertThat(h.run("CLIENT", "GETNAME")).isEqualTo("$-1\r\n");
    assertThat(h.run("CLIENT", "INFO")).contains(" db=0 ").contains(" resp=2\n").contains(" flags=e ");
    assertThat(h.node().call(() -> c.db().index())).isZero();
  }

  @Test
  void reset_afterReplySkip_replyStillSkipped() {
    assertThat(h.run("CLIENT", "REPLY", "SKIP")).isEqualTo("");
    assertThat(h.run("RESET")).isEqualTo("");
    assertThat(h.run("PING")).isEqualTo("+PONG\r\n");
  }

  @Test
  void reset_monitor_leavesMonitorMode() {
    assertThat(h.run("MONITOR")).isEqualTo("+OK\r\n");
    assertThat(h.node().call(() -> h.node().monitors().size())).isEqualTo(1);
    assertThat(h.run("RESET")).isEqualTo("+RESET\r\n");
    assertThat(h.node().call(() -> h.node().monitors().size())).isZero();
  }
}
