package io.haredis.core.commands;

import io.haredis.core.client.ClientState;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.QueryBuffer;
import io.haredis.core.resp.RequestArgs;
import java.util.Locale;

/**
 * One CLIENT LIST / CLIENT INFO line (Redis's {@code catClientInfoString}), every field in Redis
 * 7.0's order.
 *
 * <h2>Fields we approximate</h2>
 * Some fields describe Redis's C memory layout or state engine-core does not keep yet; they are
 * present with values of the same shape so parsers keep working:
 * <ul>
 *   <li>{@code fd}: there is no file descriptor to show; TCP clients get a stable small number
 *       derived from the id, in-process clients {@code -1} (Redis's fake clients).</li>
 *   <li>{@code qbuf}: unconsumed query bytes; for the client running the command the request
 *       itself counts too (as in Redis, which trims it after the call). {@code qbuf-free} is the
 *       rest of the buffer's capacity.</li>
 *   <li>{@code rbs}/{@code rbp}/{@code obl}/{@code oll}/{@code omem}: the pending output modelled
 *       as a 16 KiB reply buffer plus 16 KiB list blocks; {@code tot-mem} sums a fixed per-client
 *       overhead, the query buffer, the arguments and the output.</li>
 *   <li>{@code sub}/{@code psub}/{@code ssub}: the client's subscriptions; {@code multi}: commands
 *       queued, or -1 outside MULTI.</li>
 *   <li>{@code redir}: -1 (no client-side caching).</li>
 * </ul>
 */
final class ClientInfo {

  /** Redis's PROTO_REPLY_CHUNK_BYTES: the size of a client's static reply buffer. */
  private static final int REPLY_CHUNK = 16 * 1024;
  /** Roughly what Redis reports for an idle client besides its buffers. */
  private static final int CLIENT_OVERHEAD = 776;

  private ClientInfo() {}

  /** Client types, as CLIENT LIST TYPE and CLIENT KILL TYPE name them. */
  enum Type {
    NORMAL, SLAVE, PUBSUB, MASTER;

    /** By name ({@code replica} is {@code slave}), or {@code null} if unknown. */
    static Type byName(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "normal" -> NORMAL;
        case "slave", "replica" -> SLAVE;
        case "pubsub" -> PUBSUB;
        case "master" -> MASTER;
        default -> null;
      };
    }
  }

  /** The type of a client. Monitors are normal clients, as in Redis. */
  static Type typeOf(ServerNode node, ClientState c) {
    return Type.NORMAL;
  }

  /** Appends the line for {@code c}, without the trailing newline. */
  static StringBuilder append(StringBuilder sb, ServerNode node, ClientState c, ClientState caller) {
    long nowSec = node.clockMillis() / 1000;
    boolean running = c == caller;
    int argvMem = 0;
    int request = 0;
    if (running) {
      RequestArgs a = c.args();
      request = 1 + digits(a.argc()) + 2;
      for (int i = 0; i < a.argc(); i++) {
        argvMem += a.length(i);
        request += 1 + digits(a.length(i)) + 2 + a.length(i) + 2;
      }
    }
    QueryBuffer q = c.query();
    int qbuf = q.length() + request;
    int qbufFree = Math.max(0, q.capacity() - qbuf);
    int pending = c.pendingOutputBytes();
    int obl = Math.min(pending, REPLY_CHUNK);
    int omem = pending - obl;
    int oll = (omem + REPLY_CHUNK - 1) / REPLY_CHUNK;
    long totMem = CLIENT_OVERHEAD + REPLY_CHUNK + (long) q.capacity() + argvMem + omem;
    String name = c.name();
    sb.append("id=").append(c.id())
        .append(" addr=").append(node.clients().peerId(c))
        .append(" laddr=").append(node.clients().localId(c))
        .append(" fd=").append(c.connection() == null ? -1 : 7 + (c.id() % 1000))
        .append(" name=").append(name == null ? "" : name)
        .append(" age=").append(nowSec - c.createdMillis() / 1000)
        .append(" idle=").append(nowSec - c.lastInteractionMillis() / 1000)
        .append(" flags=").append(flags(node, c))
        .append(" db=").append(c.db().index())
        .append(" sub=").append(c.subscribed() ? c.subscriptions(io.haredis.core.node.PubSub.Kind.CHANNEL).size() : 0)
        .append(" psub=").append(c.subscribed() ? c.subscriptions(io.haredis.core.node.PubSub.Kind.PATTERN).size() : 0)
        .append(" ssub=").append(c.subscribed() ? c.subscriptions(io.haredis.core.node.PubSub.Kind.SHARD).size() : 0)
        .append(" multi=").append(c.multi() == null ? -1 : c.multi().commands().size())
        .append(" qbuf=").append(qbuf)
        .append(" qbuf-free=").append(qbufFree)
        .append(" argv-mem=").append(argvMem)
        .append(" multi-mem=0")
        .append(" rbs=").append(REPLY_CHUNK)
        .append(" rbp=").append(obl)
        .append(" obl=").append(obl)
        .append(" oll=").append(oll)
        .append(" omem=").append(omem)
        .append(" tot-mem=").append(totMem)
        .append(" events=").append(c.connection() == null ? "" : pending > 0 ? "rw" : "r")
        .append(" cmd=").append(c.lastCommand())
        .append(" user=").append(c.user())
        .append(" redir=-1")
        .append(" resp=").append(c.reply().resp3() ? 3 : 2);
    return sb;
  }

  /** The flags field, in Redis's letter order; {@code N} when none applies. */
  private static String flags(ServerNode node, ClientState c) {
    StringBuilder f = new StringBuilder(4);
    if (node.monitors().contains(c)) {
      f.append('O');
    }
    if (c.subscribed()) {
      f.append('P');
    }
    if (c.multi() != null) {
      f.append('x');
    }
    if (c.paused() || c.blocked()) {
      f.append('b'); // a postponed client is blocked in Redis's terms
    }
    if (c.watchDirty()) {
      f.append('d');
    }
    if (c.closeAfterReply()) {
      f.append('c');
    }
    if (c.noEvict()) {
      f.append('e');
    }
    return f.length() == 0 ? "N" : f.toString();
  }

  private static int digits(int n) {
    int d = 1;
    while (n >= 10) {
      n /= 10;
      d++;
    }
    return d;
  }
}
