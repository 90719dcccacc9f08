package io.haredis.core.resp;

/**
 * Decodes client requests, multibulk ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) or inline
 * ({@code GET k\r\n}), from a client's query buffer into {@link RequestArgs}.
 *
 * <h2>Design</h2>
 * A resumable state machine: {@link #decode} consumes as much as it can and remembers where
 * it stopped inside a multibulk request (arguments still expected, length of the bulk being
 * read), so bytes arriving one at a time are scanned once, as Redis's
 * {@code processMultibulkBuffer} does. Multibulk arguments are slices of the query buffer, not
 * copies: they stay valid until the caller compacts the buffer, which it does only between
 * requests. Inline arguments need unescaping, so they are written to a scratch array.
 *
 * <p>Errors use Redis's texts; after one the caller replies and closes the connection.
 */
public final class RequestDecoder {

  /** Result of {@link #decode}. */
  public enum Status {
    /** A whole request is in the args. */
    COMPLETE,
    /** An empty request (blank inline line or {@code *0}): nothing to run, keep decoding. */
    EMPTY,
    /** The buffer ends inside a request. */
    NEED_MORE,
    /** Malformed input; {@link #error()} says what, in Redis's words. */
    ERROR
  }

  private final QueryBuffer query;
  private final RequestArgs args;
  private long maxBulkLen = 512L * 1024 * 1024;
  private boolean authRequired;

  // State of a multibulk request in progress (Redis's c->multibulklen and c->bulklen).
  private int multibulkLen;
  private long bulkLen = -1;
  private int requestStart = -1;
  private int scanPos;
  private String error;
  private byte[] inlineScratch = new byte[64];

  public RequestDecoder(QueryBuffer query, RequestArgs args) {
    this.query = query;
    this.args = args;
  }

  /** {@code proto-max-bulk-len}. */
  public void maxBulkLen(long bytes) {
    this.maxBulkLen = bytes;
  }

  /** Whether the client has yet to authenticate (smaller limits apply, as in Redis). */
  public void authRequired(boolean required) {
    this.authRequired = required;
  }

  /** The protocol error text after {@link Status#ERROR}, e.g. {@code "Protocol error: invalid bulk length"}. */
  public String error() {
    return error;
  }

  /** Whether a request has been started but not finished. */
  public boolean inRequest() {
    return requestStart >= 0;
  }

  /**
   * Decodes the next request from the query buffer's unread bytes. On {@link Status#COMPLETE}
   * the buffer's read position is past the request.
   */
  public Status decode() {
    if (requestStart < 0) {
      if (query.readable() == 0) {
        return Status.NEED_MORE;
      }
      if (query.array()[query.readPos()] != '*') {
        return decodeInline();
      }
      requestStart = query.readPos();
      args.clear();
    }
    return decodeMultibulk();
  }

  private Status decodeMultibulk() {
    byte[] buf = query.array();
    int pos = multibulkLen == 0 ? requestStart : scanPos;
    int end = query.writePos();
    if (multibulkLen == 0) {
      int cr = indexOfCr(buf, pos, end);
      if (cr < 0 || cr + 1 >= end) {
        if (end - pos > RespLimits.INLINE_MAX_SIZE) {
          return fail("Protocol error: too big mbulk count string");
        }
        return Status.NEED_MORE;
      }
      long n = parseLong(buf, pos + 1, cr);
      if (n == Long.MIN_VALUE || n > Integer.MAX_VALUE) {
        return fail("Protocol error: invalid multibulk length");
      }
      if (n > RespLimits.UNAUTH_MULTIBULK_MAX && authRequired) {
        return fail("Protocol error: unauthenticated multibulk length");
      }
      pos = cr + 2;
      if (n <= 0) {
        query.readPos(pos);
        requestStart = -1;
        return Status.EMPTY;
      }
      multibulkLen = (int) n;
      args.ensureCapacity(Math.min(multibulkLen, 1024));
    }
    while (multibulkLen > 0) {
      if (bulkLen == -1) {
        int cr = indexOfCr(buf, pos, end);
        if (cr < 0 || cr + 1 >= end) {
          if (end - pos > RespLimits.INLINE_MAX_SIZE) {
            return fail("Protocol error: too big bulk count string");
          }
          break;
        }
        if (buf[pos] != '$') {
          return fail("Protocol error: expected '$', got '" + (char) (buf[pos] & 0xff) + "'");
        }
        long n = parseLong(buf, pos + 1, cr);
        if (n == Long.MIN_VALUE || n < 0 || n > maxBulkLen) {
          return fail("Protocol error: invalid bulk length");
        }
        if (n > RespLimits.UNAUTH_BULK_MAX && authRequired) {
          return fail("Protocol error: unauthenticated bulk length");
        }
        pos = cr + 2;
        bulkLen = n;
      }
      if (end - pos < bulkLen + 2) {
        break;
      }
      args.add(buf, pos, (int) bulkLen);
      pos += (int) bulkLen + 2; // like Redis, the two bytes after a bulk are not checked
      bulkLen = -1;
      multibulkLen--;
    }
    scanPos = pos;
    if (multibulkLen > 0) {
      return Status.NEED_MORE;
    }
    query.readPos(pos);
    requestStart = -1;
    return Status.COMPLETE;
  }

  private Status decodeInline() {
    byte[] buf = query.array();
    int start = query.readPos();
    int end = query.writePos();
    int lf = -1;
    for (int i = start; i < end; i++) {
      if (buf[i] == '\n') {
        lf = i;
        break;
      }
    }
    if (lf < 0) {
      if (end - start > RespLimits.INLINE_MAX_SIZE) {
        return fail("Protocol error: too big inline request");
      }
      return Status.NEED_MORE;
    }
    int lineEnd = (lf > start && buf[lf - 1] == '\r') ? lf - 1 : lf;
    args.clear();
    if (inlineScratch.length < lineEnd - start) {
      inlineScratch = new byte[lineEnd - start];
    }
    if (!InlineSplitter.split(buf, start, lineEnd, inlineScratch, args)) {
      return fail("Protocol error: unbalanced quotes in request");
    }
    query.readPos(lf + 1);
    return args.argc() == 0 ? Status.EMPTY : Status.COMPLETE;
  }

  private Status fail(String message) {
    error = message;
    return Status.ERROR;
  }

  /**
   * Compacts the query buffer before more bytes are appended, keeping the request in progress,
   * and makes room for {@code incoming} bytes. Arguments already sliced are moved with it.
   */
  public void prepareAppend(int incoming) {
    int keepFrom = requestStart >= 0 ? requestStart : query.readPos();
    byte[] before = query.array();
    int shift = query.compact(keepFrom, incoming);
    if (shift != 0 || before != query.array()) {
      if (requestStart >= 0) {
        requestStart -= shift;
        scanPos -= shift;
        args.rebase(before, query.array(), shift);
      }
    }
  }

  /** Forgets a partial request (after a protocol error, or RESET of the connection). */
  public void reset() {
    multibulkLen = 0;
    bulkLen = -1;
    requestStart = -1;
    error = null;
  }

  private static int indexOfCr(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** Parses a decimal long as Redis's string2ll does; {@link Long#MIN_VALUE} when malformed. */
  static long parseLong(byte[] buf, int from, int to) {
    return Numbers.parseLong(buf, from, to - from, Long.MIN_VALUE);
  }
}
