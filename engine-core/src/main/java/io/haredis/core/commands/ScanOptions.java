package io.haredis.core.commands;

import io.haredis.core.command.ErrorReply;
import io.haredis.core.command.Invocation;

/**
 * The options of the SCAN family (SCAN, HSCAN, SSCAN, ZSCAN), parsed as Redis's
 * {@code scanGenericCommand} parses them: COUNT must be at least 1, MATCH {@code *} means no
 * filtering, and TYPE is accepted by SCAN only.
 *
 * @param count COUNT, 10 by default
 * @param pattern MATCH, or {@code null} when every element matches
 * @param typeArg index of TYPE's argument, or -1
 */
record ScanOptions(long count, GlobPattern pattern, int typeArg) {

  private static final byte[] COUNT = Invocation.ascii("count");
  private static final byte[] MATCH = Invocation.ascii("match");
  private static final byte[] TYPE = Invocation.ascii("type");

  /** Parses options from argument {@code from} on. */
  static ScanOptions parse(Invocation c, int from, boolean allowType) {
    long count = 10;
    GlobPattern pattern = null;
    int typeArg = -1;
    for (int i = from; i < c.argc(); i += 2) {
      boolean hasValue = c.argc() - i >= 2;
      if (c.argIs(i, COUNT) && hasValue) {
        count = c.argLong(i + 1);
        if (count < 1) {
          throw ErrorReply.SYNTAX;
        }
      } else if (c.argIs(i, MATCH) && hasValue) {
        boolean star = c.argLength(i + 1) == 1 && c.argArray(i + 1)[c.argOffset(i + 1)] == '*';
        pattern = star ? null : GlobPattern.compile(c.argArray(i + 1), c.argOffset(i + 1), c.argLength(i + 1));
      } else if (allowType && c.argIs(i, TYPE) && hasValue) {
        typeArg = i + 1;
      } else {
        throw ErrorReply.SYNTAX;
      }
    }
    return new ScanOptions(count, pattern, typeArg);
  }

  /** Whether {@code element} passes MATCH. */
  boolean matches(byte[] element) {
    return pattern == null || pattern.matches(element);
  }
}
