package io.haredis.core.commands;

/**
 * Glob-style matching with the exact semantics of Redis's {@code stringmatchlen} (KEYS, SCAN
 * MATCH, and later PSUBSCRIBE, CONFIG GET and ACL key patterns).
 *
 * <h2>Syntax</h2>
 * <ul>
 *   <li>{@code ?} matches one byte; {@code *} matches any run of bytes (but see "empty subject").
 *   <li>{@code [abc]}, {@code [^abc]}, {@code [a-z]} match one byte from a set; a range whose ends
 *       are reversed ({@code [z-a]}) is swapped; inside a set {@code \x} is the literal {@code x}.
 *   <li>{@code \x} outside a set is the literal {@code x}; a trailing lone backslash is literal.
 * </ul>
 *
 * <h2>Redis's quirks, kept on purpose</h2>
 * Differential tests compare our KEYS and SCAN output with a real server, so the corner cases
 * behave as Redis's C code does rather than as a textbook glob:
 * <ul>
 *   <li>Bytes compare as signed values (C {@code char} on x86), which matters only for ranges
 *       whose ends or subject byte are {@code >= 0x80}.
 *   <li>An unterminated set ({@code "a[bc"}) is a set running to the end of the pattern; an empty
 *       set ({@code "[]"}) never matches.
 *   <li>A range is recognised whenever two more pattern bytes follow ({@code "[a-]"} is the range
 *       from {@code a} to {@code ]}, and the set then continues to the next {@code ]}).
 *   <li>An empty subject matches only the empty pattern: Redis checks the pattern only while both
 *       sides have bytes left, so {@code "*"} does not match the empty key (callers treat a lone
 *       {@code "*"} as "everything" before calling).
 *   <li>More than 1000 nested star groups never match (Redis's guard against abusive patterns).
 * </ul>
 * Case folding ({@code nocase}) is ASCII-only, as C's {@code tolower} in the C locale.
 *
 * <h2>Cost</h2>
 * Once the text after a star fails to match at every later position, no earlier star can help
 * either, so the search gives up instead of backtracking further (Redis's
 * {@code skipLongerMatches}); matching is polynomial, not exponential, in the number of stars.
 */
public final class GlobPattern {

  private static final int MAX_NESTING = 1000;

  private final byte[] pattern;
  private final int off;
  private final int len;
  private final boolean nocase;
  private final boolean matchesAll;

  private boolean giveUp; // skipLongerMatches of the current match() call

  private GlobPattern(byte[] pattern, int off, int len, boolean nocase) {
    this.pattern = pattern;
    this.off = off;
    this.len = len;
    this.nocase = nocase;
    this.matchesAll = len == 1 && pattern[off] == '*';
  }

  /** A case-sensitive pattern over {@code pattern[off, off+len)}; the array is not copied. */
  public static GlobPattern compile(byte[] pattern, int off, int len) {
    return new GlobPattern(pattern, off, len, false);
  }

  public static GlobPattern compile(byte[] pattern) {
    return new GlobPattern(pattern, 0, pattern.length, false);
  }

  /** A pattern that folds ASCII case (CONFIG GET, ACL). */
  public static GlobPattern compileNocase(byte[] pattern, int off, int len) {
    return new GlobPattern(pattern, off, len, true);
  }

  /** Whether the pattern is exactly {@code "*"} (callers skip matching altogether). */
  public boolean matchesAll() {
    return matchesAll;
  }

  public boolean matches(byte[] s) {
    return matches(s, 0, s.length);
  }

  /** Whether {@code s[soff, soff+slen)} matches. Not thread-safe (keeps per-call state). */
  public boolean matches(byte[] s, int soff, int slen) {
    giveUp = false;
    return match(off, off + len, s, soff, soff + slen, 0);
  }

  /** One-shot convenience: {@code stringmatchlen(pattern, s, nocase)}. */
  public static boolean matches(byte[] pattern, byte[] s, boolean nocase) {
    return new GlobPattern(pattern, 0, pattern.length, nocase).matches(s);
  }

  private int fold(int c) {
    return nocase && c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  /**
   * Matches pattern {@code [p, pend)} against subject {@code [s, send)}. The walk consumes one
   * pattern token per subject byte while both have bytes left; what remains decides.
   */
  private boolean match(int p, int pend, byte[] str, int s, int send, int nesting) {
    if (nesting > MAX_NESTING) {
      return false;
    }
    final byte[] pat = pattern;
    while (p < pend && s < send) {
      byte pc = pat[p];
      if (pc == '*') {
        while (p + 1 < pend && pat[p + 1] == '*') {
          p++; // a run of stars is one star
        }
        if (p + 1 == pend) {
          return true; // a trailing star takes the rest of the subject
        }
        for (int from = s; from < send; from++) {
          if (match(p + 1, pend, str, from, send, nesting + 1)) {
            return true;
          }
          if (giveUp) {
            return false;
          }
        }
        // The rest of the pattern matched nowhere in the rest of the subject: a longer match
        // for any earlier star would only start it later, so stop trying (skipLongerMatches).
        giveUp = true;
        return false;
      } else if (pc == '?') {
        s++;
      } else if (pc == '[') {
        p++;
        boolean negate = p < pend && pat[p] == '^';
        if (negate) {
          p++;
        }
        int c = str[s];
        boolean found = false;
        while (true) {
          if (p == pend) {
            p--; // unterminated set: stand on its last byte so the step below ends the pattern
            break;
          }
          byte b = pat[p];
          if (b == '\\' && pend - p >= 2) {
            p++;
            if (pat[p] == c) {
              found = true;
            }
          } else if (b == ']') {
            break;
          } else if (pend - p >= 3 && pat[p + 1] == '-') {
            int lo = pat[p];
            int hi = pat[p + 2];
            if (lo > hi) {
              int t = lo;
              lo = hi;
              hi = t;
            }
            int x = c;
            if (nocase) {
              lo = fold(lo);
              hi = fold(hi);
              x = fold(x);
            }
            if (x >= lo && x <= hi) {
              found = true;
            }
            p += 2;
          } else if (fold(b) == fold(c)) {
            found = true;
          }
          p++;
        }
        if (found == negate) {
          return false;
        }
        s++;
      } else {
        if (pc == '\\' && pend - p >= 2) {
          p++;
          pc = pat[p];
        }
        if (fold(pc) != fold(str[s])) {
          return false;
        }
        s++;
      }
      p++;
      if (s == send) {
        while (p < pend && pat[p] == '*') {
          p++; // trailing stars match the empty rest
        }
        break;
      }
    }
    return p == pend && s == send;
  }
}
