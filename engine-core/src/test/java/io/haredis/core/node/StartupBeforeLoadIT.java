package io.haredis.core.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.haredis.api.RedisServer;
import io.haredis.api.transport.Listener;
import io.haredis.testing.RawRespClient;
import io.haredis.testing.TcpTransportWrapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that connects after the node listens but before its load from disk has begun gets
 * {@code -LOADING}, never answers from an empty dataset: redis-server reads its files before it
 * handles any client event.
 */
class StartupBeforeLoadIT {

  private static final String LOADING = "-LOADING Redis is loading the dataset in memory\r\n";

  @TempDir
  Path dir;

  /** TCP whose bind runs a client's requests to the end before start() goes on to load. */
  private static final class AskRightAfterBind extends TcpTransportWrapper {
    final List<String> replies = new ArrayList<>();

    @Override
    protected void bound(Listener l) {
      try (RawRespClient c = new RawRespClient(l.address().host(), l.address().port())) {
        replies.add(c.call("PING"));
        replies.add(c.call("DBSIZE"));
        replies.add(c.call("INFO", "persistence"));
      }
    }
  }

  private void writeDump(String appendonly) {
    try (RedisServer first = RedisServer.builder().port(0).dir(dir).config("appendonly", appendonly).start()) {
      var c = first.client();
      for (int i = 0; i < 100; i++) {
        c.execute("SET", "k" + i, "v" + i);
      }
      c.execute("SAVE");
    }
  }

  @Test
  void rdbStartup_clientBeforeTheLoad_getsLoading() {
    writeDump("no");
    AskRightAfterBind tcp = new AskRightAfterBind();
    try (RedisServer node = RedisServer.builder().port(0).dir(dir).transport(tcp).start()) {
      assertThat(tcp.replies.get(0)).isEqualTo(LOADING);
      assertThat(tcp.replies.get(1)).isEqualTo(LOADING);
      assertThat(tcp.replies.get(2)).contains("loading:1\r\n");
      assertThat(node.client().execute("DBSIZE")).isEqualTo(100L);
    }
  }

  @Test
  void aofStartup_clientBeforeTheLoad_getsLoading() {
    writeDump("yes");
    AskRightAfterBind tcp = new AskRightAfterBind();
    try (RedisServer node = RedisServer.builder().port(0).dir(dir).config("appendonly", "yes").transport(tcp).start()) {
      assertThat(tcp.replies.get(0)).isEqualTo(LOADING);
      assertThat(tcp.replies.get(1)).isEqualTo(LOADING);
      assertThat(node.client().execute("DBSIZE")).isEqualTo(100L);
    }
  }

  @Test
  void nothingToLoad_servedOnceStarted() {
    AskRightAfterBind tcp = new AskRightAfterBind();
    try (RedisServer node = RedisServer.builder().port(0).dir(dir).transport(tcp).start()) {
      assertThat(node.client().execute("PING")).isEqualTo("PONG");
      assertThat(node.client().execute("INFO", "persistence").toString()).contains("loading:0\r\n");
    }
  }
}
