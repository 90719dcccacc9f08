package io.haredis.core.node;

import io.haredis.core.keyspace.Database;
import io.haredis.core.node.PubSub.Kind;

/**
 * Keyspace notifications (Redis's {@code notify.c}): when a command or the expiry machinery
 * changes a key, the node publishes {@code __keyspace@<db>__:<key>} with the event name as the
 * message and {@code __keyevent@<db>__:<event>} with the key as the message, through ordinary
 * pub/sub, so every kind of subscriber (RESP2, RESP3, patterns) receives them exactly as it
 * receives a PUBLISH.
 *
 * <h2>Classes</h2>
 * {@code notify-keyspace-events} selects event classes by letter ({@code g $ l s h z x e t m d
 * n}, {@code A} for all but {@code m} and {@code n}) and the two channel families
 * ({@code K}, {@code E}); nothing is published unless the event's class and at least one family
 * are on. The bits and the text forms are Redis's ({@code keyspaceEventsStringToFlags} and
 * {@code keyspaceEventsFlagsToString}), quirks included: {@code n} is not printed when
 * {@code A} is.
 *
 * <h2>Cost when off</h2>
 * Call sites run on every write; {@link #notify} returns after one {@code int} test when the
 * event's class is off, and builds channel names only when someone asked for them.
 * Loop-confined.
 */
public final class KeyspaceNotifier {

  public static final int KEYSPACE = 1; // K
  public static final int KEYEVENT = 1 << 1; // E
  public static final int GENERIC = 1 << 2; // g
  public static final int STRING = 1 << 3; // $
  public static final int LIST = 1 << 4; // l
  public static final int SET = 1 << 5; // s
  public static final int HASH = 1 << 6; // h
  public static final int ZSET = 1 << 7; // z
  public static final int EXPIRED = 1 << 8; // x
  public static final int EVICTED = 1 << 9; // e
  public static final int STREAM = 1 << 10; // t
  /** {@code m}: left out of {@code A} on purpose, as in Redis (misses are frequent). */
  public static final int KEY_MISS = 1 << 11;
  public static final int MODULE = 1 << 13; // d
  /** {@code n}: left out of {@code A}, as in Redis. */
  public static final int NEW = 1 << 14;
  /** What {@code A} stands for. */
  public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

  private static final byte[] KEYSPACE_PREFIX = {'_', '_', 'k', 'e', 'y', 's', 'p', 'a', 'c', 'e', '@'};
  private static final byte[] KEYEVENT_PREFIX = {'_', '_', 'k', 'e', 'y', 'e', 'v', 'e', 'n', 't', '@'};

  private final ServerSettings settings;
  private final PubSub pubsub;

  KeyspaceNotifier(ServerSettings settings, PubSub pubsub) {
    this.settings = settings;
    this.pubsub = pubsub;
  }

  /** Whether events of class {@code type} are published now. */
  public boolean enabled(int type) {
    return (settings.notifyKeyspaceEvents & type) != 0;
  }

  /** Whether {@code event} is published now: the one test call sites make before any work. */
  public boolean enabled(KeyspaceEvent event) {
    return (settings.notifyKeyspaceEvents & event.type) != 0;
  }

  /** Publishes {@code event} for a whole-array key in {@code db}. */
  public void notify(KeyspaceEvent event, byte[] key, int db) {
    if ((settings.notifyKeyspaceEvents & event.type) != 0) {
      publish(event, key, 0, key.length, db);
    }
  }

  /** Publishes {@code event} for the key {@code key[off, off+len)} in {@code db}. */
  public void notify(KeyspaceEvent event, byte[] key, int off, int len, int db) {
    if ((settings.notifyKeyspaceEvents & event.type) != 0) {
      publish(event, key, off, len, db);
    }
  }

  public void notify(KeyspaceEvent event, byte[] key, Database db) {
    notify(event, key, db.index());
  }

  /**
   * Publishes {@code event} (Redis's {@code notifyKeyspaceEvent} past its class test): on the
   * keyspace channel if {@code K} is on, then on the keyevent channel if {@code E} is. Callers
   * test {@link #enabled(KeyspaceEvent)} first.
   */
  public void publish(KeyspaceEvent event, byte[] key, int off, int len, int db) {
    if (!pubsub.anySubscriber()) {
      return; // nobody could receive it: skip building the channel names
    }
    int flags = settings.notifyKeyspaceEvents;
    byte[] dbDigits = Integer.toString(db).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    if ((flags & KEYSPACE) != 0) {
      pubsub.publish(Kind.CHANNEL, channel(KEYSPACE_PREFIX, dbDigits, key, off, len), event.name);
    }
    if ((flags & KEYEVENT) != 0) {
      byte[] k = off == 0 && len == key.length ? key : java.util.Arrays.copyOfRange(key, off, off + len);
      pubsub.publish(Kind.CHANNEL, channel(KEYEVENT_PREFIX, dbDigits, event.name, 0, event.name.length), k);
    }
  }

  /** {@code prefix + db + "__:" + suffix}. */
  private static byte[] channel(byte[] prefix, byte[] db, byte[] suffix, int off, int len) {
    byte[] c = new byte[prefix.length + db.length + 3 + len];
    System.arraycopy(prefix, 0, c, 0, prefix.length);
    int p = prefix.length;
    System.arraycopy(db, 0, c, p, db.length);
    p += db.length;
    c[p++] = '_';
    c[p++] = '_';
    c[p++] = ':';
    System.arraycopy(suffix, off, c, p, len);
    return c;
  }

  // ---- the config value ------------------------------------------------------------------

  /**
   * The class bits of a {@code notify-keyspace-events} value, or -1 if it holds a character
   * that names no class (Redis's {@code keyspaceEventsStringToFlags}).
   */
  public static int parseFlags(String classes) {
    int flags = 0;
    for (int i = 0; i < classes.length(); i++) {
      int bit = switch (classes.charAt(i)) {
        case 'A' -> ALL;
        case 'g' -> GENERIC;
        case '$' -> STRING;
        case 'l' -> LIST;
        case 's' -> SET;
        case 'h' -> HASH;
        case 'z' -> ZSET;
        case 'x' -> EXPIRED;
        case 'e' -> EVICTED;
        case 'K' -> KEYSPACE;
        case 'E' -> KEYEVENT;
        case 't' -> STREAM;
        case 'm' -> KEY_MISS;
        case 'd' -> MODULE;
        case 'n' -> NEW;
        default -> -1;
      };
      if (bit == -1) {
        return -1;
      }
      flags |= bit;
    }
    return flags;
  }

  /**
   * The text CONFIG GET prints for {@code flags} (Redis's {@code keyspaceEventsFlagsToString}):
   * {@code A} or the single classes in a fixed order, then {@code K}, {@code E}, {@code m}.
   * Like Redis it drops {@code n} when it prints {@code A}, so the text does not always carry
   * every bit.
   */
  public static String formatFlags(int flags) {
    StringBuilder b = new StringBuilder();
    if ((flags & ALL) == ALL) {
      b.append('A');
    } else {
      appendIf(b, flags, GENERIC, 'g');
      appendIf(b, flags, STRING, '$');
      appendIf(b, flags, LIST, 'l');
      appendIf(b, flags, SET, 's');
      appendIf(b, flags, HASH, 'h');
      appendIf(b, flags, ZSET, 'z');
      appendIf(b, flags, EXPIRED, 'x');
      appendIf(b, flags, EVICTED, 'e');
      appendIf(b, flags, STREAM, 't');
      appendIf(b, flags, MODULE, 'd');
      appendIf(b, flags, NEW, 'n');
    }
    appendIf(b, flags, KEYSPACE, 'K');
    appendIf(b, flags, KEYEVENT, 'E');
    appendIf(b, flags, KEY_MISS, 'm');
    return b.toString();
  }

  private static void appendIf(StringBuilder b, int flags, int bit, char c) {
    if ((flags & bit) != 0) {
      b.append(c);
    }
  }
}
