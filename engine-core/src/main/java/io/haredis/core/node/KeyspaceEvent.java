package io.haredis.core.node;

import static io.haredis.core.node.KeyspaceNotifier.EXPIRED;
import static io.haredis.core.node.KeyspaceNotifier.GENERIC;
import static io.haredis.core.node.KeyspaceNotifier.HASH;
import static io.haredis.core.node.KeyspaceNotifier.KEY_MISS;
import static io.haredis.core.node.KeyspaceNotifier.LIST;
import static io.haredis.core.node.KeyspaceNotifier.NEW;
import static io.haredis.core.node.KeyspaceNotifier.SET;
import static io.haredis.core.node.KeyspaceNotifier.STRING;
import static io.haredis.core.node.KeyspaceNotifier.ZSET;

import java.nio.charset.StandardCharsets;

/**
 * One keyspace event: its name (the message on {@code __keyspace@<db>__:<key>} and the tail of
 * {@code __keyevent@<db>__:<event>}) and the class that {@code notify-keyspace-events} must
 * enable for it to be published. Names and classes are Redis 7.0's; each name belongs to one
 * class there too.
 */
public final class KeyspaceEvent {

  // Generic (g)
  public static final KeyspaceEvent DEL = new KeyspaceEvent(GENERIC, "del");
  public static final KeyspaceEvent EXPIRE = new KeyspaceEvent(GENERIC, "expire");
  public static final KeyspaceEvent PERSIST = new KeyspaceEvent(GENERIC, "persist");
  public static final KeyspaceEvent RENAME_FROM = new KeyspaceEvent(GENERIC, "rename_from");
  public static final KeyspaceEvent RENAME_TO = new KeyspaceEvent(GENERIC, "rename_to");
  public static final KeyspaceEvent MOVE_FROM = new KeyspaceEvent(GENERIC, "move_from");
  public static final KeyspaceEvent MOVE_TO = new KeyspaceEvent(GENERIC, "move_to");
  public static final KeyspaceEvent COPY_TO = new KeyspaceEvent(GENERIC, "copy_to");
  public static final KeyspaceEvent RESTORE = new KeyspaceEvent(GENERIC, "restore");

  // Expired (x), key miss (m), new key (n)
  public static final KeyspaceEvent EXPIRED_EVENT = new KeyspaceEvent(EXPIRED, "expired");
  public static final KeyspaceEvent KEYMISS = new KeyspaceEvent(KEY_MISS, "keymiss");
  public static final KeyspaceEvent NEW_KEY = new KeyspaceEvent(NEW, "new");

  // Strings ($), bitmaps and HyperLogLog included
  public static final KeyspaceEvent SET_STRING = new KeyspaceEvent(STRING, "set");
  public static final KeyspaceEvent SETRANGE = new KeyspaceEvent(STRING, "setrange");
  public static final KeyspaceEvent INCRBY = new KeyspaceEvent(STRING, "incrby");
  public static final KeyspaceEvent INCRBYFLOAT = new KeyspaceEvent(STRING, "incrbyfloat");
  public static final KeyspaceEvent APPEND = new KeyspaceEvent(STRING, "append");
  public static final KeyspaceEvent SETBIT = new KeyspaceEvent(STRING, "setbit");
  public static final KeyspaceEvent PFADD = new KeyspaceEvent(STRING, "pfadd");

  // Lists (l)
  public static final KeyspaceEvent LPUSH = new KeyspaceEvent(LIST, "lpush");
  public static final KeyspaceEvent RPUSH = new KeyspaceEvent(LIST, "rpush");
  public static final KeyspaceEvent LPOP = new KeyspaceEvent(LIST, "lpop");
  public static final KeyspaceEvent RPOP = new KeyspaceEvent(LIST, "rpop");
  public static final KeyspaceEvent LINSERT = new KeyspaceEvent(LIST, "linsert");
  public static final KeyspaceEvent LSET = new KeyspaceEvent(LIST, "lset");
  public static final KeyspaceEvent LTRIM = new KeyspaceEvent(LIST, "ltrim");
  public static final KeyspaceEvent LREM = new KeyspaceEvent(LIST, "lrem");
  public static final KeyspaceEvent SORTSTORE = new KeyspaceEvent(LIST, "sortstore");

  // Hashes (h)
  public static final KeyspaceEvent HSET = new KeyspaceEvent(HASH, "hset");
  public static final KeyspaceEvent HDEL = new KeyspaceEvent(HASH, "hdel");
  public static final KeyspaceEvent HINCRBY = new KeyspaceEvent(HASH, "hincrby");
  public static final KeyspaceEvent HINCRBYFLOAT = new KeyspaceEvent(HASH, "hincrbyfloat");

  // Sets (s)
  public static final KeyspaceEvent SADD = new KeyspaceEvent(SET, "sadd");
  public static final KeyspaceEvent SREM = new KeyspaceEvent(SET, "srem");
  public static final KeyspaceEvent SPOP = new KeyspaceEvent(SET, "spop");
  public static final KeyspaceEvent SINTERSTORE = new KeyspaceEvent(SET, "sinterstore");
  public static final KeyspaceEvent SUNIONSTORE = new KeyspaceEvent(SET, "sunionstore");
  public static final KeyspaceEvent SDIFFSTORE = new KeyspaceEvent(SET, "sdiffstore");

  // Sorted sets (z)
  public static final KeyspaceEvent ZADD = new KeyspaceEvent(ZSET, "zadd");
  public static final KeyspaceEvent ZINCR = new KeyspaceEvent(ZSET, "zincr");
  public static final KeyspaceEvent ZREM = new KeyspaceEvent(ZSET, "zrem");
  public static final KeyspaceEvent ZREMRANGEBYRANK = new KeyspaceEvent(ZSET, "zremrangebyrank");
  public static final KeyspaceEvent ZREMRANGEBYSCORE = new KeyspaceEvent(ZSET, "zremrangebyscore");
  public static final KeyspaceEvent ZREMRANGEBYLEX = new KeyspaceEvent(ZSET, "zremrangebylex");
  public static final KeyspaceEvent ZPOPMIN = new KeyspaceEvent(ZSET, "zpopmin");
  public static final KeyspaceEvent ZPOPMAX = new KeyspaceEvent(ZSET, "zpopmax");
  public static final KeyspaceEvent ZUNIONSTORE = new KeyspaceEvent(ZSET, "zunionstore");
  public static final KeyspaceEvent ZINTERSTORE = new KeyspaceEvent(ZSET, "zinterstore");
  public static final KeyspaceEvent ZDIFFSTORE = new KeyspaceEvent(ZSET, "zdiffstore");
  public static final KeyspaceEvent ZRANGESTORE = new KeyspaceEvent(ZSET, "zrangestore");

  final int type;
  final byte[] name;

  private KeyspaceEvent(int type, String name) {
    this.type = type;
    this.name = name.getBytes(StandardCharsets.US_ASCII);
  }

  /** The class bit ({@link KeyspaceNotifier#GENERIC}, ...). */
  public int type() {
    return type;
  }

  /** The event name, e.g. {@code rename_from}. */
  public String name() {
    return new String(name, StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return name();
  }
}
