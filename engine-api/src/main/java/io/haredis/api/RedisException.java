package io.haredis.api;

/**
 * An error from a node: an error reply ({@code getMessage()} is the reply's text, e.g.
 * {@code "WRONGTYPE Operation against a key holding the wrong kind of value"}), or a node that
 * cannot start (bad configuration, port in use).
 */
public class RedisException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RedisException(String message) {
    super(message);
  }

  public RedisException(String message, Throwable cause) {
    super(message, cause);
  }
}
