package io.haredis.core.persist;

/**
 * The encoding thresholds a loaded value is judged by, as Redis 7.0's {@code rdbLoadObject}
 * reads them from the server's config: a value takes the encoding those limits give it now,
 * not the one it had where it was saved. The list settings drive how a writer cuts lists into
 * quicklist nodes.
 */
public record EncodingLimits(
    long hashMaxListpackEntries,
    long hashMaxListpackValue,
    long setMaxIntsetEntries,
    long zsetMaxListpackEntries,
    long zsetMaxListpackValue,
    int listMaxListpackSize,
    int listCompressDepth) {

  /** Redis 7.0's defaults. */
  public static final EncodingLimits DEFAULTS = new EncodingLimits(512, 64, 512, 128, 64, -2, 0);

  /** The node's current thresholds (they decide the encodings of loaded and restored values). */
  public static EncodingLimits of(io.haredis.core.node.ServerSettings s) {
    return new EncodingLimits(s.hashMaxListpackEntries, s.hashMaxListpackValue, s.setMaxIntsetEntries,
        s.zsetMaxListpackEntries, s.zsetMaxListpackValue, s.listMaxListpackSize, s.listCompressDepth);
  }
}
