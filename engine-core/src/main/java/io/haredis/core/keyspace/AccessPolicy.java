package io.haredis.core.keyspace;

/**
 * What each key's access field holds (Redis's 24-bit {@code robj.lru}), as {@code maxmemory-policy}
 * decides: under an LFU policy ({@code allkeys-lfu}, {@code volatile-lfu}) the minute of the last
 * decay in the high bits and an 8-bit logarithmic access counter in the low ones, tuned by
 * {@code lfu-log-factor} and {@code lfu-decay-time}; under any other policy the Unix second of the
 * last access. Eviction itself is not built; what the field holds is visible through OBJECT
 * FREQ and IDLETIME, DEBUG OBJECT, RESTORE's IDLETIME and FREQ, and the RDB's IDLE and FREQ
 * opcodes. Switching policy at runtime does not convert the fields, as in Redis: they read
 * oddly until keys are accessed again.
 *
 * <p>Set by the configuration on the node's loop; read there.
 */
public final class AccessPolicy {

  /** Redis's {@code LFU_INIT_VAL}: the counter of a new key, so it is not evicted at once. */
  public static final int LFU_INIT_VAL = 5;

  private boolean lfu;
  private boolean lru;
  private long logFactor = 10;
  private long decayMinutes = 1;

  /** Applies a {@code maxmemory-policy} value. */
  public void policy(String maxmemoryPolicy) {
    lfu = maxmemoryPolicy.endsWith("-lfu");
    lru = maxmemoryPolicy.endsWith("-lru");
  }

  public void logFactor(long factor) {
    this.logFactor = factor;
  }

  public void decayMinutes(long minutes) {
    this.decayMinutes = minutes;
  }

  /** Whether an LFU policy is selected (Redis's {@code MAXMEMORY_FLAG_LFU}). */
  public boolean lfu() {
    return lfu;
  }

  /** Whether an LRU policy is selected ({@code MAXMEMORY_FLAG_LRU}): RDB files then carry idle times. */
  public boolean lru() {
    return lru;
  }

  /**
   * The eviction hints an RDB file carries per key, as of one instant (Redis's
   * {@code rdbSaveKeyValuePair}): the idle time under an LRU policy, the decayed LFU counter under
   * an LFU one, nothing otherwise. Immutable, so a background writer thread can use it.
   */
  public record SaveHints(boolean lru, boolean lfu, long nowSeconds, int nowMinute, long decayMinutes) {

    public static final SaveHints NONE = new SaveHints(false, false, 0, 0, 0);

    /** The idle seconds to write for a key (an IDLE opcode), or -1. */
    public long idleSeconds(Dict.Entry e) {
      return lru ? Math.max(0, nowSeconds - e.lastAccessSeconds()) : -1;
    }

    /** The LFU counter to write for a key (a FREQ opcode), or -1. */
    public int lfuFreq(Dict.Entry e) {
      return lfu ? decayed(e.lru, nowMinute, decayMinutes) : -1;
    }
  }

  /** Redis's {@code LFUDecrAndReturn} on a raw field: the counter less one per decay period elapsed. */
  static int decayed(int field, int nowMinute, long decayMinutes) {
    int counter = field & 0xff;
    if (decayMinutes == 0) {
      return counter;
    }
    int lastMinute = (field >>> 8) & 0xffff;
    long elapsed = nowMinute >= lastMinute ? nowMinute - lastMinute : 65535 - lastMinute + nowMinute;
    long periods = elapsed / decayMinutes;
    return periods > counter ? 0 : (int) (counter - periods);
  }

  long logFactor() {
    return logFactor;
  }

  long decayMinutes() {
    return decayMinutes;
  }
}
