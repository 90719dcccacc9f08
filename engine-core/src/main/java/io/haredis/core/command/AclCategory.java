package io.haredis.core.command;

import java.util.Locale;

/** ACL categories as Redis 7.0 names them ({@code @keyspace}, {@code @read}, ...). */
public enum AclCategory {
  KEYSPACE, READ, WRITE, SET, SORTEDSET, LIST, HASH, STRING, BITMAP, HYPERLOGLOG, GEO, STREAM,
  PUBSUB, ADMIN, FAST, SLOW, BLOCKING, DANGEROUS, CONNECTION, TRANSACTION, SCRIPTING;

  /** The name COMMAND INFO prints, with its {@code @}. */
  public String redisName() {
    return "@" + name().toLowerCase(Locale.ROOT);
  }

  /** Looks a category up by its Redis name, with or without {@code @}. */
  public static AclCategory ofRedisName(String name) {
    String n = name.startsWith("@") ? name.substring(1) : name;
    return valueOf(n.toUpperCase(Locale.ROOT));
  }
}
