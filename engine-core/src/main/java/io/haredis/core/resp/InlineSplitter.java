package io.haredis.core.resp;

/**
 * Splits an inline request line into arguments the way Redis's {@code sdssplitargs} does:
 * blanks separate arguments, {@code "..."} understands {@code \n \r \t \b \a \\ \" \xHH},
 * {@code '...'} understands {@code \'}, and a closing quote must be followed by a blank or
 * the end of the line. A NUL byte ends the line, as it ends Redis's C string.
 */
final class InlineSplitter {

  private InlineSplitter() {}

  /**
   * Splits {@code line[from, to)} into {@code args}, writing unescaped bytes to {@code scratch}
   * (at least {@code to - from} long).
   *
   * @return false on unbalanced quotes
   */
  static boolean split(byte[] line, int from, int to, byte[] scratch, RequestArgs args) {
    int p = from;
    int out = 0;
    while (true) {
      while (p < to && isSpace(line[p])) {
        p++;
      }
      if (p >= to || line[p] == 0) {
        return true;
      }
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      int start = out;
      while (!done) {
        int c = p < to ? line[p] & 0xff : 0;
        int next = p + 1 < to ? line[p + 1] & 0xff : 0;
        if (inDouble) {
          if (c == '\\' && next == 'x' && p + 3 < to && isHex(line[p + 2]) && isHex(line[p + 3])) {
            scratch[out++] = (byte) ((hex(line[p + 2]) << 4) | hex(line[p + 3]));
            p += 3;
          } else if (c == '\\' && next != 0) {
            p++;
            scratch[out++] = switch (next) {
              case 'n' -> (byte) '\n';
              case 'r' -> (byte) '\r';
              case 't' -> (byte) '\t';
              case 'b' -> (byte) '\b';
              case 'a' -> (byte) 7;
              default -> (byte) next;
            };
          } else if (c == '"') {
            if (next != 0 && !isSpace((byte) next)) {
              return false;
            }
            done = true;
          } else if (c == 0) {
            return false;
          } else {
            scratch[out++] = (byte) c;
          }
        } else if (inSingle) {
          if (c == '\\' && next == '\'') {
            p++;
            scratch[out++] = '\'';
          } else if (c == '\'') {
            if (next != 0 && !isSpace((byte) next)) {
              return false;
            }
            done = true;
          } else if (c == 0) {
            return false;
          } else {
            scratch[out++] = (byte) c;
          }
        } else {
          switch (c) {
            case ' ', '\n', '\r', '\t', 0 -> done = true;
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> scratch[out++] = (byte) c;
          }
        }
        if (p < to && c != 0) {
          p++;
        }
      }
      args.add(scratch, start, out - start);
    }
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
  }

  private static boolean isHex(byte b) {
    return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    return (b | 0x20) - 'a' + 10;
  }
}
