package io.haredis.core.type;

/** Redis's value types, with the names TYPE prints and their RDB/digest codes (OBJ_*). */
public enum ValueType {
  STRING("string", 0),
  LIST("list", 1),
  SET("set", 2),
  ZSET("zset", 3),
  HASH("hash", 4),
  STREAM("stream", 6);

  private final String redisName;
  private final int code;

  ValueType(String redisName, int code) {
    this.redisName = redisName;
    this.code = code;
  }

  public String redisName() {
    return redisName;
  }

  /** Redis's {@code OBJ_*} constant, used by DEBUG DIGEST. */
  public int code() {
    return code;
  }
}
