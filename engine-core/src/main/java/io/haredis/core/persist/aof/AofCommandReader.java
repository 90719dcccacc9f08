package io.haredis.core.persist.aof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;

/**
 * Reads an AOF file command by command, as {@code loadSingleAppendOnlyFile} does: a
 * {@code *<argc>} line, then per argument a {@code $<len>} line, the bytes and CRLF. Lines that
 * start with {@code #} between commands are annotations ({@code #TS:...}) and are skipped.
 *
 * <p>It tells apart the two ways a file can be bad, because they are handled differently: a
 * file that simply ends in the middle of a command was cut short by a crash ({@link Truncated},
 * loadable with {@code aof-load-truncated yes} if it is the last file), while bytes that are
 * not the protocol are corruption ({@link Corrupt}, never loaded). Both carry the offset where
 * the broken command starts, which is where a truncation cuts.
 *
 * <p>The file is read through one reused buffer; {@link #asInputStream()} hands the same bytes
 * to the RDB loader for a base with an RDB preamble, after which commands continue where the
 * RDB ended.
 */
final class AofCommandReader implements AutoCloseable {

  /** Redis's AOF_ANNOTATION_LINE_MAX_LEN: the buffer {@code fgets} reads header lines into. */
  static final int LINE_MAX = 1024;

  /** The file ended inside the command starting at {@link #commandStart}. */
  static final class Truncated extends Exception {
    private static final long serialVersionUID = 1L;
    final long commandStart;

    Truncated(long commandStart, String detail) {
      super(detail, null, false, false);
      this.commandStart = commandStart;
    }
  }

  /** Bytes at {@link #offset} are not the AOF protocol. */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;
    final long offset;

    Corrupt(long offset, String detail) {
      super(detail, null, false, false);
      this.offset = offset;
    }
  }

  private final FileChannel ch;
  private final long size;
  private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
  private long bufStart; // file offset of buf position 0
  private final byte[] line = new byte[LINE_MAX];
  private byte[][] argv = new byte[8][];
  private int argc;

  /** {@code ch} is just opened, at offset 0. */
  AofCommandReader(FileChannel ch) throws IOException {
    this.ch = ch;
    this.size = ch.size();
    buf.limit(0);
    // Not ch.position(): that is an lseek, which a FIFO refuses ("Illegal seek"). Redis opens
    // any file the manifest names with fopen and loads a zero-size one as empty without reading.
    bufStart = 0;
  }

  /** Offset of the next unread byte. */
  long position() {
    return bufStart + buf.position();
  }

  long size() {
    return size;
  }

  /** Whether the file starts with {@code REDIS} (an RDB base or preamble); leaves the position at 0. */
  boolean startsWithRdb() throws IOException {
    byte[] sig = new byte[5];
    int n = 0;
    while (n < 5) {
      int b = read();
      if (b < 0) {
        break;
      }
      sig[n++] = (byte) b;
    }
    rewind(0);
    return n == 5 && Arrays.equals(sig, new byte[] {'R', 'E', 'D', 'I', 'S'});
  }

  /** Continues reading at {@code offset}. */
  void seek(long offset) throws IOException {
    rewind(offset);
  }

  private void rewind(long offset) throws IOException {
    ch.position(offset);
    bufStart = offset;
    buf.clear().limit(0);
  }

  /** The file from the current position, for the RDB loader; commands continue after what it reads. */
  InputStream asInputStream() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        return AofCommandReader.this.read();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (!buf.hasRemaining() && !fill()) {
          return -1;
        }
        int n = Math.min(len, buf.remaining());
        buf.get(b, off, n);
        return n;
      }
    };
  }

  /**
   * The next command's arguments (a reused array: valid until the next call), or {@code null} at
   * a clean end of file. {@code argc} is stored in {@link #argc()}.
   */
  byte[][] next() throws IOException, Truncated, Corrupt {
    while (true) {
      long start = position();
      int n = readLine();
      if (n < 0) {
        return null; // clean end between commands
      }
      if (line[0] == '#') {
        continue; // an annotation longer than LINE_MAX goes on as a "line" of its own, as with fgets
      }
      if (line[0] != '*') {
        throw new Corrupt(start, "expected '*' (a command), got " + describe(line[0]));
      }
      if (!endsWithNewline(n)) {
        throw new Truncated(start, "the file ends inside a command header");
      }
      long declared = parseNumber(1, n);
      if (declared < 1) {
        throw new Corrupt(start, "invalid argument count '" + text(1, n) + "'");
      }
      if (declared > Integer.MAX_VALUE - 8) {
        throw new Corrupt(start, "argument count too large: " + declared);
      }
      int count = (int) declared;
      argc = 0;
      for (int j = 0; j < count; j++) {
        long at = position();
        int m = readLine();
        if (m < 0) {
          throw new Truncated(start, "the file ends after " + j + " of " + count + " arguments");
        }
        if (line[0] != '$') {
          throw new Corrupt(at, "expected '$' (an argument), got " + describe(line[0]));
        }
        if (!endsWithNewline(m)) {
          throw new Truncated(start, "the file ends inside an argument header");
        }
        long len = parseNumber(1, m);
        if (len < 0) {
          throw new Corrupt(at, "invalid bulk length '" + text(1, m) + "'");
        }
        if (len > size - position()) {
          throw new Truncated(start, "the file ends inside an argument of " + len + " bytes");
        }
        if (len > Integer.MAX_VALUE - 16) {
          throw new Corrupt(at, "bulk length too large: " + len);
        }
        byte[] a = new byte[(int) len];
        readFully(a);
        long crlfAt = position();
        int cr = read();
        int lf = read();
        if (lf < 0) {
          throw new Truncated(start, "the file ends before an argument's CRLF");
        }
        if (cr != '\r' || lf != '\n') {
          throw new Corrupt(crlfAt, "expected CRLF after an argument of " + len + " bytes");
        }
        if (argc == argv.length) {
          argv = Arrays.copyOf(argv, Math.min(count, argv.length * 2));
        }
        argv[argc++] = a;
      }
      return argv;
    }
  }

  /** Arguments of the command {@link #next()} returned. */
  int argc() {
    return argc;
  }

  private boolean endsWithNewline(int n) {
    return line[n - 1] == '\n';
  }

  /** {@code strtol}/{@code atoi} on a header line, but strict: digits only, up to CR or LF. */
  private long parseNumber(int from, int n) {
    int end = n;
    while (end > from && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
      end--;
    }
    if (end == from || end - from > 18) {
      return -1;
    }
    long v = 0;
    for (int i = from; i < end; i++) {
      byte c = line[i];
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private String text(int from, int n) {
    int end = n;
    while (end > from && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
      end--;
    }
    StringBuilder b = new StringBuilder();
    for (int i = from; i < end && b.length() < 40; i++) {
      int c = line[i] & 0xff;
      b.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return b.toString();
  }

  private static String describe(byte b) {
    int c = b & 0xff;
    return c >= 32 && c < 127 ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
  }

  /** fgets: up to LINE_MAX bytes, stopping after '\n'; -1 at end of file before any byte. */
  private int readLine() throws IOException {
    int n = 0;
    while (n < LINE_MAX) {
      int b = read();
      if (b < 0) {
        break;
      }
      line[n++] = (byte) b;
      if (b == '\n') {
        break;
      }
    }
    return n == 0 ? -1 : n;
  }

  private int read() throws IOException {
    if (!buf.hasRemaining() && !fill()) {
      return -1;
    }
    return buf.get() & 0xff;
  }

  private void readFully(byte[] a) throws IOException {
    int off = 0;
    while (off < a.length) {
      if (!buf.hasRemaining() && !fill()) {
        throw new EOFException();
      }
      int n = Math.min(a.length - off, buf.remaining());
      buf.get(a, off, n);
      off += n;
    }
  }

  private boolean fill() throws IOException {
    bufStart += buf.position();
    buf.clear();
    int n;
    do {
      n = ch.read(buf);
    } while (n == 0);
    buf.flip();
    return n > 0;
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
