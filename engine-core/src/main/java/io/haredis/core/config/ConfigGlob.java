package io.haredis.core.config;

/**
 * Glob matching as Redis's {@code stringmatchlen} does it for CONFIG GET: {@code *}, {@code ?},
 * {@code [abc]}, {@code [^a-z]} and {@code \} escapes, optionally ignoring ASCII case. A small
 * private matcher until a shared one exists.
 */
final class ConfigGlob {

  private ConfigGlob() {}

  static boolean matches(String pattern, String s, boolean nocase) {
    return match(pattern, 0, s, 0, nocase, 0);
  }

  private static boolean match(String p, int pi, String s, int si, boolean nocase, int depth) {
    if (depth > 1000) {
      return false; // Redis also bounds the recursion
    }
    while (pi < p.length()) {
      char pc = p.charAt(pi);
      switch (pc) {
        case '*' -> {
          while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
            pi++;
          }
          if (pi + 1 == p.length()) {
            return true;
          }
          for (int k = si; k <= s.length(); k++) {
            if (match(p, pi + 1, s, k, nocase, depth + 1)) {
              return true;
            }
          }
          return false;
        }
        case '?' -> {
          if (si >= s.length()) {
            return false;
          }
          si++;
        }
        case '[' -> {
          if (si >= s.length()) {
            return false;
          }
          pi++;
          boolean not = pi < p.length() && p.charAt(pi) == '^';
          if (not) {
            pi++;
          }
          boolean hit = false;
          char c = fold(s.charAt(si), nocase);
          while (pi < p.length() && p.charAt(pi) != ']') {
            if (p.charAt(pi) == '\\' && pi + 1 < p.length()) {
              pi++;
              hit |= fold(p.charAt(pi), nocase) == c;
            } else if (pi + 2 < p.length() && p.charAt(pi + 1) == '-') {
              char a = fold(p.charAt(pi), nocase);
              char b = fold(p.charAt(pi + 2), nocase);
              if (a > b) {
                char t = a;
                a = b;
                b = t;
              }
              hit |= c >= a && c <= b;
              pi += 2;
            } else {
              hit |= fold(p.charAt(pi), nocase) == c;
            }
            pi++;
          }
          if (not == hit) {
            return false;
          }
          si++;
        }
        case '\\' -> {
          if (pi + 1 < p.length()) {
            pi++;
          }
          if (si >= s.length() || fold(p.charAt(pi), nocase) != fold(s.charAt(si), nocase)) {
            return false;
          }
          si++;
        }
        default -> {
          if (si >= s.length() || fold(pc, nocase) != fold(s.charAt(si), nocase)) {
            return false;
          }
          si++;
        }
      }
      pi++;
    }
    return si == s.length();
  }

  private static char fold(char c, boolean nocase) {
    return nocase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
  }
}
