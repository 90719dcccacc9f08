package io.haredis.core.persist.aof;

import io.haredis.core.client.ClientState;
import io.haredis.core.client.ReplyMode;
import io.haredis.core.command.CommandSpec;
import io.haredis.core.command.CommandTable;
import io.haredis.core.command.Invocation;
import io.haredis.core.node.ServerNode;
import io.haredis.core.resp.RequestArgs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Redis's fake AOF client ({@code createAOFClient}): runs the commands read from the AOF through
 * the command table with no connection and no replies, in database 0 at first, MULTI queued
 * until EXEC as {@code queueMultiCommand} does. Not in the client list.
 *
 * <p>While it exists the node is loading: nothing it runs is propagated (the commands are
 * already in the AOF), and keys do not expire half-way through the file.
 */
final class AofReplayClient implements AutoCloseable {

  /** What became of one command. */
  enum Outcome {
    RAN, QUEUED, UNKNOWN_COMMAND
  }

  private final ServerNode node;
  private final ClientState client;
  private final Invocation inv;
  private final CommandSpec multi;
  private final CommandSpec exec;

  AofReplayClient(ServerNode node) {
    this.node = node;
    this.client = new ClientState(-1, null, ByteBufAllocator.DEFAULT, (text) -> {}, node.clockMillis());
    client.db(node.db(0));
    client.authenticated(true);
    client.replyMode(ReplyMode.OFF); // Redis makes it a replica in WAIT_BGSAVE_START: no replies
    this.inv = new Invocation(node, client);
    CommandTable table = node.dispatcher().table();
    this.multi = table.lookup("multi");
    this.exec = table.lookup("exec");
    node.propagator().suppress(true);
    node.keyspace().loading(true);
  }

  /** Runs (or queues, inside MULTI) one command; {@code argv} is only read during the call. */
  Outcome run(byte[][] argv, int argc) {
    RequestArgs args = client.args();
    args.clear();
    for (int i = 0; i < argc; i++) {
      args.add(argv[i], 0, argv[i].length);
    }
    CommandSpec spec = node.dispatcher().lookup(client.args());
    if (spec == null) {
      return Outcome.UNKNOWN_COMMAND;
    }
    client.lastCommand(spec.fullName());
    if (client.multi() != null && spec != exec) {
      byte[][] copy = new byte[argc][];
      System.arraycopy(argv, 0, copy, 0, argc);
      client.multi().queue(spec, copy);
      return Outcome.QUEUED;
    }
    node.dispatcher().callAsLoader(client, inv, spec);
    discardOutput();
    return Outcome.RAN;
  }

  /** Each file is replayed by a fresh fake client in Redis: it starts in database 0. */
  void startFile() {
    client.db(node.db(0));
  }

  /** Whether {@code argv} names MULTI (the loader notes where a transaction began). */
  boolean isMulti(byte[][] argv) {
    return multi != null && node.dispatcher().table().lookup(argv[0], 0, argv[0].length) == multi;
  }

  /** Whether a MULTI is open (at the end of the files: a transaction cut short). */
  boolean inMulti() {
    return client.multi() != null;
  }

  /** Drops an unfinished transaction (its commands were only queued, never run). */
  void discardMulti() {
    client.multi(null);
  }

  /** The database the replayed stream has SELECTed. */
  int db() {
    return client.db().index();
  }

  private void discardOutput() {
    ByteBuf out = client.takeOutput();
    if (out != null) {
      out.release();
    }
  }

  @Override
  public void close() {
    node.propagator().suppress(false);
    node.keyspace().loading(false);
    discardOutput();
    client.markClosed();
    client.release();
  }
}
