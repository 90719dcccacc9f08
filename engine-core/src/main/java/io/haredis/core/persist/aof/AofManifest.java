package io.haredis.core.persist.aof;

import io.haredis.core.config.ConfigArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Redis 7.0's AOF manifest: which files make up the append-only file, in what order. Mirrors
 * aof.c's {@code aofManifest} and its text form, one line per file:
 *
 * <pre>
 * file appendonly.aof.2.base.rdb seq 2 type b
 * file appendonly.aof.1.incr.aof seq 1 type h
 * file appendonly.aof.3.incr.aof seq 3 type i
 * </pre>
 *
 * <h2>Files</h2>
 * At most one BASE (the snapshot written by the last rewrite, {@code .base.rdb} with an RDB
 * preamble, {@code .base.aof} without), then HISTORY files (the base and incr files a finished
 * rewrite made obsolete, deleted in the background), then the INCR files written since, in
 * sequence order; the last INCR file is the one being appended to.
 *
 * <h2>Changes</h2>
 * A manifest is changed on a {@link #copy()} which replaces the node's only once it is safely on
 * disk, as Redis's {@code aofManifestDup} + {@code aofManifestFreeAndUpdate} do, so a failed
 * step leaves the current one untouched.
 */
public final class AofManifest {

  /** One line of the manifest. */
  public record Entry(String fileName, long seq, Type type) {
    public Entry {
      Objects.requireNonNull(fileName, "fileName");
      Objects.requireNonNull(type, "type");
    }

    Entry withType(Type t) {
      return new Entry(fileName, seq, t);
    }
  }

  /** The file types, with the letter the manifest uses. */
  public enum Type {
    BASE('b'), HISTORY('h'), INCR('i');

    private final char letter;

    Type(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }

    static Type of(char c) {
      for (Type t : values()) {
        if (t.letter == c) {
          return t;
        }
      }
      return null;
    }
  }

  static final String BASE_SUFFIX = ".base";
  static final String INCR_SUFFIX = ".incr";
  static final String RDB_SUFFIX = ".rdb";
  static final String AOF_SUFFIX = ".aof";
  static final String MANIFEST_SUFFIX = ".manifest";
  static final String TEMP_PREFIX = "temp-";
  /** Redis's MANIFEST_MAX_LINE. */
  static final int MAX_LINE = 1024;

  private Entry base;
  private final List<Entry> history = new ArrayList<>();
  private final List<Entry> incr = new ArrayList<>();
  private long currBaseSeq;
  private long currIncrSeq;
  private boolean dirty;

  public Entry base() {
    return base;
  }

  public List<Entry> history() {
    return List.copyOf(history);
  }

  public List<Entry> incr() {
    return List.copyOf(incr);
  }

  /** Whether it names neither a base nor an incr file (no AOF to load). */
  public boolean isEmpty() {
    return base == null && incr.isEmpty();
  }

  /** The base file followed by the incr files: what loading reads, in order. */
  public List<Entry> loadOrder() {
    List<Entry> out = new ArrayList<>(incr.size() + 1);
    if (base != null) {
      out.add(base);
    }
    out.addAll(incr);
    return out;
  }

  /** Whether it changed since it was read or last written. */
  public boolean dirty() {
    return dirty;
  }

  void markClean() {
    dirty = false;
  }

  // ---- names ------------------------------------------------------------------------------

  public static String manifestName(String aofFilename) {
    return aofFilename + MANIFEST_SUFFIX;
  }

  public static String tempManifestName(String aofFilename) {
    return TEMP_PREFIX + aofFilename + MANIFEST_SUFFIX;
  }

  /** The incr file that collects writes while AOF is being turned on ({@code AOF_WAIT_REWRITE}). */
  public static String tempIncrName(String aofFilename) {
    return TEMP_PREFIX + aofFilename + INCR_SUFFIX;
  }

  // ---- changes (Redis's getNewBaseFileNameAndMarkPreAsHistory and friends) --------------

  /** A deep copy to change (entries are immutable records). */
  public AofManifest copy() {
    AofManifest m = new AofManifest();
    m.base = base;
    m.history.addAll(history);
    m.incr.addAll(incr);
    m.currBaseSeq = currBaseSeq;
    m.currIncrSeq = currIncrSeq;
    m.dirty = dirty;
    return m;
  }

  /** Names a new base file (next sequence) and turns the current base, if any, into history. */
  public String newBase(String aofFilename, boolean rdbPreamble) {
    if (base != null) {
      history.add(0, base.withType(Type.HISTORY));
    }
    currBaseSeq++;
    String name = aofFilename + "." + currBaseSeq + BASE_SUFFIX + (rdbPreamble ? RDB_SUFFIX : AOF_SUFFIX);
    base = new Entry(name, currBaseSeq, Type.BASE);
    dirty = true;
    return name;
  }

  /** Adds a new incr file (next sequence) at the end and returns its name. */
  public String newIncr(String aofFilename) {
    currIncrSeq++;
    String name = aofFilename + "." + currIncrSeq + INCR_SUFFIX + AOF_SUFFIX;
    incr.add(new Entry(name, currIncrSeq, Type.INCR));
    dirty = true;
    return name;
  }

  /** The last incr file, adding one if there is none (Redis's {@code getLastIncrAofName}). */
  public String lastIncrOrNew(String aofFilename) {
    return incr.isEmpty() ? newIncr(aofFilename) : incr.get(incr.size() - 1).fileName();
  }

  /**
   * After a rewrite: the incr files it covers become history. When the AOF is open, the last
   * incr file is the one being written since the rewrite began, so it stays.
   */
  public void markRewrittenIncrAsHistory(boolean aofOpen) {
    if (incr.isEmpty()) {
      return;
    }
    int keep = aofOpen ? 1 : 0;
    List<Entry> done = new ArrayList<>(incr.subList(0, incr.size() - keep));
    incr.subList(0, incr.size() - keep).clear();
    // Redis adds each to the head while walking from the tail: history keeps sequence order
    // ahead of the history already there.
    List<Entry> h = new ArrayList<>();
    for (Entry e : done) {
      h.add(e.withType(Type.HISTORY));
    }
    history.addAll(0, h);
    dirty = true;
  }

  /** Forgets the history files (once their deletion is under way). */
  public void clearHistory() {
    if (!history.isEmpty()) {
      history.clear();
      dirty = true;
    }
  }

  /** Sets the base directly: the upgrade of an old single-file AOF (Redis's {@code aofUpgradePrepare}). */
  public void upgradeBase(String aofFilename) {
    base = new Entry(aofFilename, 1, Type.BASE);
    currBaseSeq = 1;
    dirty = true;
  }

  // ---- text form --------------------------------------------------------------------------

  /** The manifest's text: base, then history, then incr files, one {@code \n}-ended line each. */
  public String format() {
    StringBuilder b = new StringBuilder();
    if (base != null) {
      line(b, base);
    }
    for (Entry e : history) {
      line(b, e);
    }
    for (Entry e : incr) {
      line(b, e);
    }
    return b.toString();
  }

  private static void line(StringBuilder b, Entry e) {
    b.append("file ").append(needsRepr(e.fileName()) ? ConfigArgs.repr(e.fileName()) : e.fileName())
        .append(" seq ").append(e.seq())
        .append(" type ").append(e.type().letter()).append('\n');
  }

  /** Redis's {@code sdsneedsrepr}: quote names with spaces, quotes, backslashes or control bytes. */
  static boolean needsRepr(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"' || c <= ' ' || c >= 127) {
        return true;
      }
    }
    return false;
  }

  /**
   * Parses a manifest as Redis's {@code aofLoadManifestFromFile} does, with its checks and
   * error texts: comment lines start with {@code #}; every other line holds
   * {@code file <name> seq <n> type <b|h|i>} (keys in any case and order, extra pairs ignored
   * for forward compatibility) and must end with a newline.
   *
   * @throws AofManifestException with Redis's reason and, where Redis shows it, the line
   */
  public static AofManifest parse(String text) throws AofManifestException {
    AofManifest am = new AofManifest();
    long maxSeq = 0;
    int lineNum = 0;
    int pos = 0;
    while (true) {
      if (pos >= text.length()) {
        if (lineNum == 0) {
          throw new AofManifestException("Found an empty AOF manifest", 0, null);
        }
        return am;
      }
      // fgets reads at most MAX_LINE characters at a time: a longer line arrives in pieces.
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl + 1;
      if (end - pos > MAX_LINE) {
        end = pos + MAX_LINE;
      }
      String buf = text.substring(pos, end);
      pos = end;
      lineNum++;
      if (buf.charAt(0) == '#') {
        continue;
      }
      if (buf.indexOf('\n') < 0) {
        throw new AofManifestException("The AOF manifest file contains too long line", lineNum, null);
      }
      String line = strip(buf);
      if (line.isEmpty()) {
        throw new AofManifestException("Invalid AOF manifest file format", lineNum, line);
      }
      List<String> argv = ConfigArgs.split(line);
      if (argv == null || argv.size() < 6 || argv.size() % 2 != 0) {
        throw new AofManifestException("Invalid AOF manifest file format", lineNum, line);
      }
      String name = null;
      long seq = 0;
      char type = 0;
      for (int i = 0; i < argv.size(); i += 2) {
        String key = argv.get(i);
        String val = argv.get(i + 1);
        if (key.equalsIgnoreCase("file")) {
          name = val;
          if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new AofManifestException("File can't be a path, just a filename", lineNum, line);
          }
        } else if (key.equalsIgnoreCase("seq")) {
          seq = atoll(val);
        } else if (key.equalsIgnoreCase("type")) {
          type = val.isEmpty() ? 0 : val.charAt(0);
        }
      }
      if (name == null || seq == 0 || type == 0) {
        throw new AofManifestException("Invalid AOF manifest file format", lineNum, line);
      }
      Type t = Type.of(type);
      if (t == null) {
        throw new AofManifestException("Unknown AOF file type", lineNum, line);
      }
      Entry e = new Entry(name, seq, t);
      switch (t) {
        case BASE -> {
          if (am.base != null) {
            throw new AofManifestException("Found duplicate base file information", lineNum, line);
          }
          am.base = e;
          am.currBaseSeq = seq;
        }
        case HISTORY -> am.history.add(e);
        case INCR -> {
          if (seq <= maxSeq) {
            throw new AofManifestException("Found a non-monotonic sequence number", lineNum, line);
          }
          am.incr.add(e);
          am.currIncrSeq = seq;
          maxSeq = seq;
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  /** sdstrim(" \t\r\n"). */
  private static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && " \t\r\n".indexOf(s.charAt(a)) >= 0) {
      a++;
    }
    while (b > a && " \t\r\n".indexOf(s.charAt(b - 1)) >= 0) {
      b--;
    }
    return s.substring(a, b);
  }

  /** C's {@code atoll}: leading blanks, a sign, then digits up to the first other character. */
  static long atoll(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    boolean neg = false;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      neg = s.charAt(i) == '-';
      i++;
    }
    long v = 0;
    for (; i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return neg ? -v : v;
  }

  @Override
  public String toString() {
    return format();
  }
}
