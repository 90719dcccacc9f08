package io.haredis.core.client;

import io.haredis.api.transport.Connection;
import io.haredis.core.keyspace.Database;
import io.haredis.core.resp.QueryBuffer;
import io.haredis.core.resp.ReplyWriter;
import io.haredis.core.resp.RequestArgs;
import io.haredis.core.resp.RequestDecoder;
import io.haredis.core.resp.RespVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Everything a node knows about one client connection (Redis's {@code client} struct): the
 * query buffer and decoder state, the selected database, protocol version, name, auth state,
 * reply mode and the pending output. Touched only on the node's loop.
 */
public final class ClientState implements ReplyWriter.Sink {

  /** Hook the node installs to count error replies. */
  public interface ErrorCounter {
    void count(CharSequence error);
  }

  private final long id;
  private final Connection connection;
  private final ByteBufAllocator alloc;
  private final ErrorCounter errorCounter;
  private final QueryBuffer query = new QueryBuffer();
  private final RequestArgs args = new RequestArgs();
  private final RequestDecoder decoder = new RequestDecoder(query, args);
  private final ReplyWriter reply = new ReplyWriter(this);
  private final long createdMillis;
  private ByteBuf out;
  private Database db;
  private String name;
  private boolean authenticated;
  private String user = "default";
  private ReplyMode replyMode = ReplyMode.ON;
  private boolean closeAfterReply;
  private boolean closed;
  private boolean noEvict;
  private boolean paused;
  private long lastInteractionMillis;
  private String lastCommand = "NULL";
  private long outputBytes;
  private long errorReplies;
  private Object attachment;
  private MultiState multi;
  private BlockState blockState;
  private long resumedDeadline = -1;
  private byte[] servedKey;
  private java.util.EnumMap<io.haredis.core.node.PubSub.Kind, java.util.Set<java.nio.ByteBuffer>> subscriptions;
  private boolean watchDirty;

  public ClientState(long id, Connection connection, ByteBufAllocator alloc, ErrorCounter errorCounter, long nowMillis) {
    this.id = id;
    this.connection = connection;
    this.alloc = alloc;
    this.errorCounter = errorCounter;
    this.createdMillis = nowMillis;
    this.lastInteractionMillis = nowMillis;
  }

  public long id() {
    return id;
  }

  /** The transport connection; {@code null} for the in-process client. */
  public Connection connection() {
    return connection;
  }

  public QueryBuffer query() {
    return query;
  }

  public RequestArgs args() {
    return args;
  }

  public RequestDecoder decoder() {
    return decoder;
  }

  public ReplyWriter reply() {
    return reply;
  }

  public RespVersion resp() {
    return reply.version();
  }

  public Database db() {
    return db;
  }

  public void db(Database db) {
    this.db = db;
  }

  public String name() {
    return name;
  }

  public void name(String n) {
    this.name = n;
  }

  public boolean authenticated() {
    return authenticated;
  }

  public void authenticated(boolean a) {
    this.authenticated = a;
  }

  public String user() {
    return user;
  }

  public void user(String u) {
    this.user = u;
  }

  public ReplyMode replyMode() {
    return replyMode;
  }

  public void replyMode(ReplyMode m) {
    this.replyMode = m;
  }

  public boolean closeAfterReply() {
    return closeAfterReply;
  }

  /** Closes the connection once pending replies are written (QUIT, protocol errors, KILL). */
  public void closeAfterReply(boolean c) {
    this.closeAfterReply = c;
  }

  public boolean closed() {
    return closed;
  }

  public void markClosed() {
    closed = true;
  }

  public boolean noEvict() {
    return noEvict;
  }

  public void noEvict(boolean n) {
    this.noEvict = n;
  }

  /** Whether processing of this client's input is postponed (CLIENT PAUSE). */
  public boolean paused() {
    return paused;
  }

  public void paused(boolean p) {
    this.paused = p;
  }

  public long createdMillis() {
    return createdMillis;
  }

  public long lastInteractionMillis() {
    return lastInteractionMillis;
  }

  public void lastInteractionMillis(long t) {
    this.lastInteractionMillis = t;
  }

  public String lastCommand() {
    return lastCommand;
  }

  public void lastCommand(String c) {
    this.lastCommand = c;
  }

  /** The client's subscriptions of one kind (created on first use; insertion-ordered). */
  public java.util.Set<java.nio.ByteBuffer> subscriptions(io.haredis.core.node.PubSub.Kind kind) {
    if (subscriptions == null) {
      subscriptions = new java.util.EnumMap<>(io.haredis.core.node.PubSub.Kind.class);
    }
    return subscriptions.computeIfAbsent(kind, k -> new java.util.LinkedHashSet<>());
  }

  /** Channels plus patterns (what SUBSCRIBE and UNSUBSCRIBE replies count). */
  public int subscriptionCount() {
    return subscriptions == null ? 0
        : subscriptions(io.haredis.core.node.PubSub.Kind.CHANNEL).size()
            + subscriptions(io.haredis.core.node.PubSub.Kind.PATTERN).size();
  }

  /** Shard channels (what SSUBSCRIBE and SUNSUBSCRIBE replies count). */
  public int shardSubscriptionCount() {
    return subscriptions == null ? 0 : subscriptions(io.haredis.core.node.PubSub.Kind.SHARD).size();
  }

  /** Whether the client has any subscription: RESP2 then only takes pub/sub commands. */
  public boolean subscribed() {
    return subscriptionCount() + shardSubscriptionCount() > 0;
  }

  /** Why the client is blocked, or {@code null}. A blocked client's further input waits. */
  public BlockState blockState() {
    return blockState;
  }

  public void blockState(BlockState b) {
    this.blockState = b;
  }

  public boolean blocked() {
    return blockState != null;
  }

  /**
   * The deadline of a blocked command being run again after its key became ready (so blocking
   * again keeps the original deadline); -1 on a first run.
   */
  public long resumedDeadline() {
    return resumedDeadline;
  }

  public void resumedDeadline(long d) {
    this.resumedDeadline = d;
  }

  /**
   * The key whose arrival a blocked command is being run again for, or {@code null}: like
   * Redis, which serves a blocked client from the key that became ready, the command pops
   * from that key only.
   */
  public byte[] servedKey() {
    return servedKey;
  }

  public void servedKey(byte[] key) {
    this.servedKey = key;
  }

  /** The open transaction, or {@code null} outside MULTI. */
  public MultiState multi() {
    return multi;
  }

  public void multi(MultiState m) {
    this.multi = m;
  }

  /** Whether a watched key changed since WATCH (Redis's {@code CLIENT_DIRTY_CAS}). */
  public boolean watchDirty() {
    return watchDirty;
  }

  public void watchDirty(boolean d) {
    this.watchDirty = d;
  }

  /** The node's per-connection driver. */
  public Object attachment() {
    return attachment;
  }

  public void attachment(Object a) {
    this.attachment = a;
  }

  public long errorReplies() {
    return errorReplies;
  }

  /** Bytes of replies waiting to be flushed (CLIENT LIST {@code omem}). */
  public int pendingOutputBytes() {
    return out == null ? 0 : out.readableBytes();
  }

  public long totalOutputBytes() {
    return outputBytes;
  }

  @Override
  public ByteBuf out() {
    if (out == null) {
      out = alloc.buffer(256);
    }
    return out;
  }

  @Override
  public void onError(CharSequence text) {
    errorReplies++;
    errorCounter.count(text);
  }

  /**
   * The pending output without taking it, for connection-less clients that read the replies and
   * then {@code clear()} the buffer, so it is reused instead of allocated per flush.
   */
  public ByteBuf peekOutput() {
    return out;
  }

  /** Takes the pending output (to write it to the connection); {@code null} if none. */
  public ByteBuf takeOutput() {
    ByteBuf o = out;
    out = null;
    if (o != null) {
      outputBytes += o.readableBytes();
      if (!o.isReadable()) {
        o.release();
        return null;
      }
    }
    return o;
  }

  /** Releases buffers when the connection closes. */
  public void release() {
    if (out != null) {
      out.release();
      out = null;
    }
  }
}
