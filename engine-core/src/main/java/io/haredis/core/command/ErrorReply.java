package io.haredis.core.command;

/** Error replies with Redis 7.0's exact texts ({@code shared.*err} in server.c and friends). */
public final class ErrorReply {
  public static final CommandError WRONGTYPE =
      new CommandError("WRONGTYPE Operation against a key holding the wrong kind of value");
  public static final CommandError SYNTAX = new CommandError("ERR syntax error");
  public static final CommandError NOT_INTEGER =
      new CommandError("ERR value is not an integer or out of range");
  public static final CommandError NOT_FLOAT = new CommandError("ERR value is not a valid float");
  public static final CommandError NO_SUCH_KEY = new CommandError("ERR no such key");
  public static final CommandError OUT_OF_RANGE = new CommandError("ERR index out of range");
  public static final CommandError DB_INDEX_OUT_OF_RANGE = new CommandError("ERR DB index is out of range");
  public static final CommandError SAME_OBJECT =
      new CommandError("ERR source and destination objects are the same");
  public static final CommandError NOAUTH = new CommandError("NOAUTH Authentication required.");
  public static final CommandError WRONGPASS =
      new CommandError("WRONGPASS invalid username-password pair or user is disabled.");
  public static final CommandError READONLY =
      new CommandError("READONLY You can't write against a read only replica.");
  public static final CommandError OVERFLOW = new CommandError("ERR increment or decrement would overflow");
  public static final CommandError STRING_TOO_LONG =
      new CommandError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
  public static final CommandError INVALID_EXPIRE_TIME_SET =
      new CommandError("ERR invalid expire time in 'set' command");
  public static final CommandError TIMEOUT_NOT_FLOAT =
      new CommandError("ERR timeout is not a float or out of range");

  private ErrorReply() {}

  /** {@code ERR wrong number of arguments for 'name' command}. */
  public static CommandError wrongArity(String fullName) {
    return new CommandError("ERR wrong number of arguments for '" + fullName + "' command");
  }

  /** {@code ERR invalid expire time in 'name' command}. */
  public static CommandError invalidExpireTime(String name) {
    return new CommandError("ERR invalid expire time in '" + name + "' command");
  }
}
