package io.haredis.core.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a configuration line into arguments the way Redis's {@code sdssplitargs} does: spaces
 * separate words, {@code "..."} allows the escapes {@code \n \r \t \b \a \\ \"} and
 * {@code \xHH}, {@code '...'} allows only {@code \'}, and a closing quote must be followed by a
 * space or the end of the line. Also formats values back the way CONFIG REWRITE quotes them.
 */
public final class ConfigArgs {

  private ConfigArgs() {}

  /** The arguments, or {@code null} for unbalanced quotes (Redis: "Unbalanced quotes in configuration line"). */
  public static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (true) {
      while (i < n && Character.isWhitespace(line.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return out;
      }
      ByteArrayOutputStream cur = new ByteArrayOutputStream();
      boolean inDouble = false;
      boolean inSingle = false;
      boolean done = false;
      while (!done) {
        if (inDouble) {
          if (i >= n) {
            return null;
          }
          char ch = line.charAt(i);
          if (ch == '\\' && i + 3 < n && line.charAt(i + 1) == 'x' && isHex(line.charAt(i + 2)) && isHex(line.charAt(i + 3))) {
            cur.write(Integer.parseInt(line.substring(i + 2, i + 4), 16));
            i += 3;
          } else if (ch == '\\' && i + 1 < n) {
            i++;
            char e = line.charAt(i);
            cur.write(switch (e) {
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'b' -> '\b';
              case 'a' -> 7;
              default -> e;
            });
          } else if (ch == '"') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null; // a closing quote must be followed by a space
            }
            done = true;
          } else {
            writeChar(cur, ch);
          }
        } else if (inSingle) {
          if (i >= n) {
            return null;
          }
          char ch = line.charAt(i);
          if (ch == '\\' && i + 1 < n && line.charAt(i + 1) == '\'') {
            i++;
            cur.write('\'');
          } else if (ch == '\'') {
            if (i + 1 < n && !Character.isWhitespace(line.charAt(i + 1))) {
              return null;
            }
            done = true;
          } else {
            writeChar(cur, ch);
          }
        } else {
          if (i >= n) {
            done = true;
            break;
          }
          char ch = line.charAt(i);
          switch (ch) {
            case ' ', '\n', '\r', '\t', '\0' -> done = true;
            case '"' -> inDouble = true;
            case '\'' -> inSingle = true;
            default -> writeChar(cur, ch);
          }
          if (done) {
            break;
          }
        }
        if (i < n) {
          i++;
        }
      }
      out.add(cur.toString(StandardCharsets.UTF_8));
    }
  }

  private static void writeChar(ByteArrayOutputStream out, char ch) {
    byte[] b = String.valueOf(ch).getBytes(StandardCharsets.UTF_8);
    out.write(b, 0, b.length);
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /**
   * One argument as a config file line carries it: bare when it is plain, otherwise quoted with
   * escapes (Redis's {@code sdscatrepr}), so that {@link #split} reads it back unchanged.
   */
  public static String quote(String s) {
    boolean plain = !s.isEmpty();
    for (int i = 0; i < s.length() && plain; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == '"' || c == '\'' || c == '\\' || c > 126) {
        plain = false;
      }
    }
    return plain ? s : repr(s);
  }

  /** Always quoted, as Redis writes string parameters in CONFIG REWRITE ({@code dir "/tmp"}). */
  public static String repr(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        default -> {
          if (c < 32 || c > 126) {
            b.append(String.format("\\x%02x", c));
          } else {
            b.append((char) c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
