package io.haredis.core.node;

import io.haredis.core.client.BlockState;
import io.haredis.core.client.ClientState;
import io.haredis.core.command.Invocation;
import io.haredis.core.keyspace.Database;
import io.haredis.core.keyspace.Dict.Entry;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Clients blocked on keys (BLPOP and friends; Redis's blocked.c).
 *
 * <h2>Waking</h2>
 * A key becomes <em>ready</em> when it is created ({@code Database.add}, as Redis's
 * {@code dbAdd} signals it). After the command that created it, {@link #serveReadyKeys} takes the
 * clients blocked on each ready key in the order they blocked (FIFO) and runs their command
 * again, with their original arguments and deadline, while the key holds the type they wait
 * for. A command that still finds nothing blocks again, at the back of the queue. Serving can
 * make more keys ready (BLMOVE pushes into its destination); those are served in the same pass.
 *
 * <h2>Timeouts</h2>
 * Each blocked client has a timer on the node's scheduler; when it fires the client gets the
 * command's timeout reply (a null array, as Redis 7.0 gives for every list pop) and its pending
 * input is processed again. Loop-confined.
 */
public final class BlockedClients {

  record Key(int db, ByteBuffer key) {}

  private final ServerNode node;
  private final Map<Key, ArrayDeque<ClientState>> waiters = new HashMap<>();
  private final LinkedHashSet<Key> ready = new LinkedHashSet<>();
  private int blockedCount;
  private boolean serving;

  BlockedClients(ServerNode node) {
    this.node = node;
  }

  /** Clients currently blocked (INFO {@code blocked_clients}). */
  public int count() {
    return blockedCount;
  }

  /** Whether anyone waits on anything. */
  public boolean any() {
    return !waiters.isEmpty();
  }

  /** Blocks {@code c} as {@code state} describes; the command must not have replied. */
  public void block(ClientState c, BlockState state) {
    assert c.blockState() == null;
    c.blockState(state);
    blockedCount++;
    for (ByteBuffer k : state.keys()) {
      waiters.computeIfAbsent(new Key(state.db(), k), x -> new ArrayDeque<>()).addLast(c);
    }
    if (state.deadlineMillis() > 0) {
      long delay = Math.max(0, state.deadlineMillis() - node.clockMillis());
      state.timer(node.context().loop().schedule(() -> timeout(c, state), delay, TimeUnit.MILLISECONDS));
    }
  }

  /** Removes {@code c} from every queue (served, timed out, unblocked, disconnected). */
  public BlockState unblock(ClientState c) {
    BlockState state = c.blockState();
    if (state == null) {
      return null;
    }
    state.cancelTimer();
    for (ByteBuffer k : state.keys()) {
      Key key = new Key(state.db(), k);
      ArrayDeque<ClientState> q = waiters.get(key);
      if (q != null) {
        q.remove(c);
        if (q.isEmpty()) {
          waiters.remove(key);
        }
      }
    }
    c.blockState(null);
    blockedCount--;
    return state;
  }

  /** A key was created in {@code db}: blocked clients may be served after this command. */
  public void signalKeyAsReady(Database db, byte[] key) {
    if (waiters.isEmpty()) {
      return;
    }
    Key k = new Key(db.index(), ByteBuffer.wrap(key));
    if (waiters.containsKey(k)) {
      ready.add(k);
    }
  }

  /** Whether keys are waiting to be served. */
  public boolean hasReadyKeys() {
    return !ready.isEmpty();
  }

  /** Serves the clients blocked on keys that became ready (Redis's handleClientsBlockedOnKeys). */
  public void serveReadyKeys() {
    if (serving) {
      return; // a served command made keys ready: the outer loop picks them up
    }
    serving = true;
    try {
      while (!ready.isEmpty()) {
        List<Key> batch = new ArrayList<>(ready);
        ready.clear();
        for (Key k : batch) {
          serveKey(k);
        }
      }
    } finally {
      serving = false;
    }
  }

  private void serveKey(Key k) {
    ArrayDeque<ClientState> q = waiters.get(k);
    if (q == null) {
      return;
    }
    Database db = node.db(k.db());
    byte[] key = k.key().array();
    // Only the clients waiting now: one that blocks again goes to the back and waits for the next push.
    int turns = q.size();
    while (turns-- > 0) {
      ArrayDeque<ClientState> current = waiters.get(k);
      if (current == null || current.isEmpty()) {
        return;
      }
      ClientState c = current.peekFirst();
      Entry e = db.lookup(key, 0, key.length);
      if (e == null || e.value().type() != c.blockState().wakeOn()) {
        return;
      }
      BlockState state = unblock(c);
      runAgain(c, state, key);
    }
  }

  private void runAgain(ClientState c, BlockState state, byte[] readyKey) {
    c.db(node.db(state.db()));
    c.args().set(state.argv());
    c.resumedDeadline(state.deadlineMillis());
    c.servedKey(readyKey);
    try {
      node.dispatcher().callBlocked(c, new Invocation(node, c), state.spec());
    } finally {
      c.resumedDeadline(-1);
      c.servedKey(null);
    }
    if (c.blockState() == null) {
      node.flushOutputLater(c);
      node.resume(c);
    }
  }

  private void timeout(ClientState c, BlockState state) {
    if (c.blockState() != state || c.closed()) {
      return;
    }
    unblock(c);
    replyTimeout(c, state);
  }

  /** Lets an unblocked client that already got its reply go on with its pending input. */
  public void release(ClientState c) {
    node.flushOutputLater(c);
    node.resume(c);
  }

  /** Gives a blocked client its timeout reply and lets it go on (timeout, CLIENT UNBLOCK). */
  public void replyTimeout(ClientState c, BlockState state) {
    if (state.timeoutReply() == BlockState.TimeoutReply.NULL_BULK) {
      c.reply().nullBulk();
    } else {
      c.reply().nullArray();
    }
    release(c);
  }
}
