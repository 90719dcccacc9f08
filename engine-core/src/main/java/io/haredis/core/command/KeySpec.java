package io.haredis.core.command;

import java.util.List;

/**
 * Where a command's keys are, in two forms: Redis's legacy triple (first key, last key, step;
 * what COMMAND INFO prints in positions 4-6 and what key extraction uses), and the 7.0 key
 * specifications ({@code begin_search}/{@code find_keys}) printed in position 9.
 *
 * <p>Specs are written compactly, one string each:
 * {@code "RW ACCESS UPDATE|index:1|range:0,1,0"}, {@code "RO ACCESS|keyword:STREAMS,1|range:-1,1,2"},
 * {@code "RW INSERT|index:1|keynum:0,1,1"}; the parts are the flags, the begin_search and the
 * find_keys, with Redis's field order.
 *
 * @param firstKey position of the first key, 0 if the command takes none
 * @param lastKey position of the last key, negative counting from the end
 * @param step distance between keys
 * @param specs the 7.0 key specifications in the compact form above
 */
public record KeySpec(int firstKey, int lastKey, int step, List<String> specs) {

  /** A command without keys. */
  public static final KeySpec NONE = new KeySpec(0, 0, 0, List.of());

  public KeySpec {
    specs = List.copyOf(specs);
  }

  /** Whether the command has keys at fixed positions. */
  public boolean hasKeys() {
    return firstKey > 0;
  }

  /**
   * The positions of the keys in a request of {@code argc} arguments, by the legacy triple.
   * Returns the number of positions written to {@code out}.
   */
  public int keyPositions(int argc, int[] out) {
    if (firstKey <= 0) {
      return 0;
    }
    int last = lastKey >= 0 ? lastKey : argc + lastKey;
    int n = 0;
    for (int i = firstKey; i <= last && i < argc; i += step) {
      out[n++] = i;
    }
    return n;
  }
}
