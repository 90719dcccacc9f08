package io.haredis.api;

import java.util.List;

/**
 * Runs commands on a node without a socket, through the same parser, dispatcher and reply
 * encoder that network clients use. Thread-safe: calls from several threads run one at a time
 * on the node's loop; a call blocks until the reply is complete.
 *
 * <p>Replies map to Java as: simple and bulk strings to {@link String} (UTF-8), integers to
 * {@link Long}, null to {@code null}, arrays to {@link List}, RESP3 maps to
 * {@link java.util.Map}, doubles to {@link Double}; an error reply is thrown as
 * {@link RedisException}.
 */
public interface RedisClient {

  /**
   * Runs one command. Arguments are {@link String} (sent as UTF-8), {@code byte[]} or numbers.
   *
   * @throws RedisException if the node replies with an error, or has stopped
   */
  Object execute(Object... args);

  /** Like {@link #execute} but bulk strings come back as {@code byte[]}. */
  Object executeBinary(Object... args);
}
