package io.haredis.core.repl;

import io.haredis.core.resp.Numbers;
import io.haredis.core.resp.RequestArgs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The node's replication stream: every write, as RESP, in execution order, with the PSYNC2
 * identity that replicas and partial resyncs rely on.
 *
 * <h2>Identity</h2>
 * {@code replicationId} names this history; {@code masterOffset} counts its bytes. After a
 * promotion the old id survives as {@code replicationId2} up to {@code secondIdOffset}, so
 * replicas of the old master can continue (Redis's {@code shiftReplicationId}).
 *
 * <h2>Why always on</h2>
 * Redis creates its backlog when the first replica attaches. Here the log is the one stream of
 * truth for replicas, the AOF and WAIT from the start, so it always exists: the offset counts
 * from the first write even before a replica attaches.
 *
 * <h2>SELECT</h2>
 * The stream carries a SELECT whenever a write targets another database than the previous
 * one, as {@code replicationFeedSlaves} does; a new listener sees a SELECT before its first
 * command because {@link #forceSelect()} resets the tracking.
 */
public final class ReplicationLog {

  /** Receives every byte appended, in order (replica feeders, the AOF). */
  public interface Listener {
    void onAppend(byte[] b, int off, int len);
  }

  private final Backlog backlog;
  private final List<Listener> listeners = new ArrayList<>();
  private String replicationId;
  private String replicationId2 = "0000000000000000000000000000000000000000";
  private long secondIdOffset = -1;
  private long masterOffset;
  private int selectedDb = -1;
  private byte[] scratch = new byte[256];
  private int scratchLen;

  public ReplicationLog(int backlogSizeBytes, Random random) {
    this.backlog = new Backlog(backlogSizeBytes);
    this.replicationId = randomId(random);
    backlog.resetTo(1);
  }

  /** 40 random hex characters (Redis's {@code getRandomHexChars}). */
  public static String randomId(Random random) {
    char[] hex = "0123456789abcdef".toCharArray();
    char[] id = new char[40];
    for (int i = 0; i < id.length; i++) {
      id[i] = hex[random.nextInt(16)];
    }
    return new String(id);
  }

  public String replicationId() {
    return replicationId;
  }

  public String replicationId2() {
    return replicationId2;
  }

  public long secondIdOffset() {
    return secondIdOffset;
  }

  public long masterOffset() {
    return masterOffset;
  }

  public Backlog backlog() {
    return backlog;
  }

  public void addListener(Listener l) {
    listeners.add(l);
  }

  public void removeListener(Listener l) {
    listeners.remove(l);
  }

  /**
   * The database the stream is in (its last SELECT), or -1 before any: a listener that starts a
   * new stream of its own, such as the AOF opening a new incr file, begins it with this SELECT.
   */
  public int selectedDb() {
    return selectedDb;
  }

  /** Makes the next write emit a SELECT (a new replica or AOF file starts its stream). */
  public void forceSelect() {
    selectedDb = -1;
  }

  /** Appends one command from a request's arguments, preceded by a SELECT if needed. */
  public void append(int db, RequestArgs args) {
    select(db);
    scratchLen = 0;
    arrayHeader(args.argc());
    for (int i = 0; i < args.argc(); i++) {
      bulk(args.array(i), args.offset(i), args.length(i));
    }
    flushScratch();
  }

  /** Appends one command, preceded by a SELECT if needed; {@code db} -1 for none (MULTI, EXEC). */
  public void append(int db, byte[][] argv) {
    if (db >= 0) {
      select(db);
    }
    scratchLen = 0;
    arrayHeader(argv.length);
    for (byte[] a : argv) {
      bulk(a, 0, a.length);
    }
    flushScratch();
  }

  private void select(int db) {
    if (db == selectedDb) {
      return;
    }
    selectedDb = db;
    scratchLen = 0;
    arrayHeader(2);
    byte[] sel = {'S', 'E', 'L', 'E', 'C', 'T'};
    bulk(sel, 0, sel.length);
    byte[] n = Numbers.toBytes(db);
    bulk(n, 0, n.length);
    flushScratch();
  }

  private void arrayHeader(int n) {
    ensure(24);
    scratch[scratchLen++] = '*';
    scratchLen += Numbers.write(n, scratch, scratchLen);
    scratch[scratchLen++] = '\r';
    scratch[scratchLen++] = '\n';
  }

  private void bulk(byte[] b, int off, int len) {
    ensure(len + 28);
    scratch[scratchLen++] = '$';
    scratchLen += Numbers.write(len, scratch, scratchLen);
    scratch[scratchLen++] = '\r';
    scratch[scratchLen++] = '\n';
    System.arraycopy(b, off, scratch, scratchLen, len);
    scratchLen += len;
    scratch[scratchLen++] = '\r';
    scratch[scratchLen++] = '\n';
  }

  private void ensure(int more) {
    if (scratchLen + more > scratch.length) {
      scratch = java.util.Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLen + more));
    }
  }

  private void flushScratch() {
    appendRaw(scratch, 0, scratchLen);
    if (scratch.length > 1 << 20) {
      scratch = new byte[256]; // do not keep a huge scratch after one big value
    }
  }

  /** Appends bytes that are already RESP (a master's stream relayed by a replica). */
  public void appendRaw(byte[] b, int off, int len) {
    masterOffset += len;
    backlog.append(b, off, len, masterOffset);
    for (int i = 0; i < listeners.size(); i++) {
      listeners.get(i).onAppend(b, off, len);
    }
  }

  /**
   * Starts a new history (promotion to master): the current id becomes the secondary one, valid
   * up to the current offset. Mirrors {@code shiftReplicationId}.
   */
  public void shiftReplicationId(Random random) {
    replicationId2 = replicationId;
    secondIdOffset = masterOffset + 1;
    replicationId = randomId(random);
  }

  /** Adopts a master's identity after a full resync (the backlog restarts at its offset). */
  public void resetTo(String id, long offset) {
    replicationId = id;
    replicationId2 = "0000000000000000000000000000000000000000";
    secondIdOffset = -1;
    masterOffset = offset;
    backlog.resetTo(offset + 1);
    selectedDb = -1;
  }

  @Override
  public String toString() {
    return replicationId + ":" + masterOffset;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
