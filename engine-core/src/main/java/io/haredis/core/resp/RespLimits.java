package io.haredis.core.resp;

/** Redis's request-parsing limits (networking.c). */
public final class RespLimits {
  /** Longest inline request or count line before a newline must appear (PROTO_INLINE_MAX_SIZE). */
  public static final int INLINE_MAX_SIZE = 64 * 1024;
  /** Largest multibulk count a client may announce before authenticating. */
  public static final int UNAUTH_MULTIBULK_MAX = 10;
  /** Largest bulk a client may send before authenticating. */
  public static final int UNAUTH_BULK_MAX = 16384;

  private RespLimits() {}
}
