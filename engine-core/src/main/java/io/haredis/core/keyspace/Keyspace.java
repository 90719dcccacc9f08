package io.haredis.core.keyspace;

import io.haredis.api.time.Clock;
import java.util.Random;

/**
 * The node's databases, the time they expire keys against, and the periodic work on them
 * (active expiry, incremental rehashing, shrinking). Touched only on the node's loop.
 *
 * <p>Expiry is judged against {@link #now()}, a snapshot the dispatcher takes once per command
 * (as Redis 7 judges a whole command, and a whole MULTI, at one instant) so a key cannot expire
 * half-way through a command.
 */
public final class Keyspace {

  /** Keys sampled per round of the active expiry cycle (ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP). */
  static final int KEYS_PER_LOOP = 20;
  /** Keep sampling a database while more than this percentage of samples were expired. */
  static final int ACCEPTABLE_STALE = 10;
  /** Share of one cron period the slow cycle may use (ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC). */
  static final int SLOW_TIME_PERC = 25;

  final KeyspaceStats stats = new KeyspaceStats();
  private final Database[] dbs;
  private final Clock clock;
  private final Random random;
  private AccessPolicy access = new AccessPolicy();
  private java.util.function.BooleanSupplier backgroundJob = () -> false;
  private KeyspaceListener listener = (db, key) -> {};
  private long now;
  private boolean expiryDeletes = true;
  private boolean activeExpireEnabled = true;
  private boolean loading;
  private int expireDbCursor;

  public Keyspace(int databases, Clock clock, Random random) {
    this.clock = clock;
    this.random = random;
    this.dbs = new Database[databases];
    for (int i = 0; i < databases; i++) {
      dbs[i] = new Database(i, this, random.nextInt());
    }
    this.now = clock.currentTimeMillis();
  }

  public void listener(KeyspaceListener l) {
    this.listener = l;
  }

  public int databases() {
    return dbs.length;
  }

  public Database db(int i) {
    return dbs[i];
  }

  public KeyspaceStats stats() {
    return stats;
  }

  public Random random() {
    return random;
  }

  /** The time expiry is judged against, in Unix ms. */
  public long now() {
    return now;
  }

  /** Takes a new time snapshot; called before each command and each cron run. */
  public long refreshNow() {
    now = clock.currentTimeMillis();
    return now;
  }

  /**
   * Whether lookups delete expired keys (masters) or only hide them (replicas, which wait for
   * the master's DEL, as Redis's {@code expireIfNeeded} does).
   */
  public void expiryDeletes(boolean deletes) {
    this.expiryDeletes = deletes;
  }

  public boolean expiryDeletes() {
    return expiryDeletes && !loading;
  }

  /**
   * While loading (an AOF being replayed), nothing expires: keys stay as the file builds them
   * and expire afterwards, as Redis's {@code keyIsExpired} returns 0 when {@code server.loading}.
   */
  public void loading(boolean loading) {
    this.loading = loading;
  }

  public boolean loading() {
    return loading;
  }

  /**
   * Whether the cron's active expiry cycle runs (DEBUG SET-ACTIVE-EXPIRE, Redis's
   * {@code server.active_expire_enabled}); lazy expiry on access is unaffected.
   */
  public void activeExpireEnabled(boolean enabled) {
    this.activeExpireEnabled = enabled;
  }

  public boolean activeExpireEnabled() {
    return activeExpireEnabled;
  }

  /** The LRU clock: Unix seconds of the command's time snapshot, kept as an unsigned int. */
  int lruClock() {
    return (int) (now / 1000);
  }

  /** Seconds since {@code lastAccessSeconds} by the LRU clock (OBJECT IDLETIME). */
  public long idleSeconds(Dict.Entry e) {
    return Math.max(0, Integer.toUnsignedLong(lruClock()) - e.lastAccessSeconds());
  }

  /** What the keys' access fields hold (the node shares its configured policy here). */
  public void accessPolicy(AccessPolicy policy) {
    this.access = policy;
  }

  public AccessPolicy accessPolicy() {
    return access;
  }

  /** What tells whether a background save or rewrite runs (Redis's hasActiveChildProcess). */
  public void backgroundJob(java.util.function.BooleanSupplier running) {
    this.backgroundJob = running;
  }

  /**
   * A key was read or written (Redis's lookupKey): its access time, or its LFU counter; neither
   * while a background save or rewrite runs, as in Redis.
   */
  void touch(Dict.Entry e) {
    if (backgroundJob.getAsBoolean()) {
      return;
    }
    if (access.lfu()) {
      e.lru = lfuField(lfuIncrement(lfuDecayed(e)));
    } else {
      e.lru = lruClock();
    }
  }

  /** A new key's access field (Redis's createObject). */
  void created(Dict.Entry e) {
    e.lru = access.lfu() ? lfuField(AccessPolicy.LFU_INIT_VAL) : lruClock();
  }

  /** A key got a new value: under LFU it keeps its counter (Redis's dbSetValue), else it is new. */
  void overwritten(Dict.Entry e) {
    if (!access.lfu()) {
      e.lru = lruClock();
    }
  }

  /**
   * Redis's {@code objectSetLRUOrLFU}: under an LFU policy a given frequency ({@code lfuFreq}
   * 0..255) becomes the counter; under another policy a given idle time is set. -1 gives none.
   */
  void setAccess(Dict.Entry e, long idleSeconds, int lfuFreq) {
    if (access.lfu()) {
      if (lfuFreq >= 0) {
        e.lru = lfuField(lfuFreq);
      }
    } else if (idleSeconds >= 0) {
      long clock = Integer.toUnsignedLong(lruClock());
      e.lru = (int) (clock - Math.min(idleSeconds, clock));
    }
  }

  /**
   * The LFU counter after the decay of the minutes since it was last decayed, without storing
   * it (Redis's {@code LFUDecrAndReturn}: OBJECT FREQ, the RDB's FREQ opcode).
   */
  public int lfuDecayed(Dict.Entry e) {
    return AccessPolicy.decayed(e.lru, lfuMinutes(), access.decayMinutes());
  }

  /** What an RDB written now carries per key besides its value (see {@link AccessPolicy.SaveHints}). */
  public AccessPolicy.SaveHints saveHints() {
    if (!access.lru() && !access.lfu()) {
      return AccessPolicy.SaveHints.NONE;
    }
    return new AccessPolicy.SaveHints(access.lru(), access.lfu(), Integer.toUnsignedLong(lruClock()), lfuMinutes(),
        access.decayMinutes());
  }

  /** Redis's {@code LFULogIncr}: the higher the counter, the less likely an access raises it. */
  private int lfuIncrement(int counter) {
    if (counter == 255) {
      return 255;
    }
    double r = random.nextDouble();
    long base = Math.max(0, counter - AccessPolicy.LFU_INIT_VAL);
    double p = 1.0 / (base * access.logFactor() + 1);
    return r < p ? counter + 1 : counter;
  }

  /** Redis's {@code LFUGetTimeInMinutes}: Unix minutes, 16 bits. */
  private int lfuMinutes() {
    return (int) ((now / 1000 / 60) & 0xffff);
  }

  private int lfuField(int counter) {
    return lfuMinutes() << 8 | counter;
  }

  /** Whether a key expiring at {@code expireAt} (Unix ms, -1 for none) is expired now. */
  public boolean isExpiredAt(long expireAt) {
    return expireAt >= 0 && expireAt < now && !loading;
  }

  boolean isExpired(long expireAt) {
    return expireAt < now && !loading; // keyIsExpired: a key is still alive at exactly its expiry time
  }

  int nextSeed() {
    return random.nextInt();
  }

  void onAdded(Database db, byte[] key) {
    listener.keyAdded(db, key);
  }

  void onExpired(Database db, byte[] key) {
    stats.expiredKeys++;
    listener.keyExpired(db, key);
  }

  /** Total keys over all databases. */
  public long totalKeys() {
    long n = 0;
    for (Database d : dbs) {
      n += d.size();
    }
    return n;
  }

  /** FLUSHALL: empties every database. */
  public void flushAll() {
    for (Database d : dbs) {
      d.clear();
    }
  }

  /** SWAPDB. */
  public void swap(int a, int b) {
    dbs[a].swapWith(dbs[b]);
  }

  // ---- cron work ------------------------------------------------------------------------

  /**
   * Redis's slow {@code activeExpireCycle}: samples keys with a TTL in each database, deleting
   * the expired ones, and keeps going in a database while more than 10% of a sample was stale,
   * within a time budget of 25% of one cron period.
   */
  public void activeExpireCycle(int hz) {
    if (!expiryDeletes || !activeExpireEnabled || loading) {
      return;
    }
    refreshNow();
    long start = clock.nanoTime();
    long budgetNanos = 1_000_000_000L * SLOW_TIME_PERC / hz / 100;
    long sampledTotal = 0;
    long expiredTotal = 0;
    for (int n = 0; n < dbs.length; n++) {
      Database db = dbs[expireDbCursor];
      expireDbCursor = (expireDbCursor + 1) % dbs.length;
      int iteration = 0;
      while (true) {
        int count = db.expiresCount();
        if (count == 0) {
          db.avgTtl = 0;
          break;
        }
        int sampled = 0;
        int expired = 0;
        long ttlSum = 0;
        int ttlSamples = 0;
        int toSample = Math.min(KEYS_PER_LOOP, count);
        while (sampled < toSample && db.expiresCount() > 0) {
          if (db.expireCursor >= db.expiresCount()) {
            db.expireCursor = 0;
          }
          Dict.Entry e = db.expiringAt(db.expireCursor);
          sampled++;
          if (e.ttl.at < now) {
            db.deleteExpired(e); // the last entry moved into this index: look at it next
            expired++;
          } else {
            ttlSum += e.ttl.at - now;
            ttlSamples++;
            db.expireCursor++;
          }
        }
        if (ttlSamples > 0) {
          long avg = ttlSum / ttlSamples;
          db.avgTtl = db.avgTtl == 0 ? avg : (db.avgTtl / 50) * 49 + (avg / 50);
        }
        sampledTotal += sampled;
        expiredTotal += expired;
        if ((++iteration & 0xf) == 0 && clock.nanoTime() - start > budgetNanos) {
          stats.expiredTimeCapReachedCount++;
          break;
        }
        if (sampled == 0 || expired * 100 / sampled <= ACCEPTABLE_STALE) {
          break;
        }
      }
    }
    double current = sampledTotal == 0 ? 0 : (double) expiredTotal / sampledTotal;
    stats.expiredStalePerc = current * 0.05 + stats.expiredStalePerc * 0.95;
  }

  /** Redis's {@code databasesCron} resize work: shrink sparse tables, rehash for up to 1 ms. */
  public void rehashCron() {
    for (Database d : dbs) {
      d.dict().shrinkIfSparse();
    }
    long start = clock.nanoTime();
    for (Database d : dbs) {
      while (d.dict().rehash(100)) {
        if (clock.nanoTime() - start > 1_000_000) {
          return;
        }
      }
    }
  }
}
