package io.haredis.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A blocking RESP client that returns each reply as its exact bytes, for byte-for-byte
 * comparisons with a real redis-server. Reads one complete reply per command (nested types
 * included) and no more.
 */
public final class RawRespClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawRespClient(String host, int port) {
    try {
      socket = new Socket(host, port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a command and returns its reply's bytes as ISO-8859-1 text. */
  public String call(byte[]... args) {
    send(args);
    return readReply();
  }

  public String call(String... args) {
    byte[][] b = new byte[args.length][];
    for (int i = 0; i < args.length; i++) {
      b[i] = args[i].getBytes(StandardCharsets.UTF_8);
    }
    return call(b);
  }

  public void send(byte[]... args) {
    try {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (byte[] a : args) {
        b.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        b.write(a);
        b.write('\r');
        b.write('\n');
      }
      out.write(b.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends bytes as they are. */
  public void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one whole reply. */
  public String readReply() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      readOne(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  private void readOne(ByteArrayOutputStream b) throws IOException {
    String line = readLine(b);
    char type = line.charAt(0);
    switch (type) {
      case '$', '=', '!' -> {
        int n = Integer.parseInt(line.substring(1));
        if (n >= 0) {
          b.write(in.readNBytes(n + 2));
        }
      }
      case '*', '~', '>' -> {
        int n = Integer.parseInt(line.substring(1));
        for (int i = 0; i < n; i++) {
          readOne(b);
        }
      }
      case '%', '|' -> {
        int n = Integer.parseInt(line.substring(1));
        for (int i = 0; i < 2 * n; i++) {
          readOne(b);
        }
        if (type == '|') {
          readOne(b);
        }
      }
      default -> {
        // simple types: the line was the whole reply
      }
    }
  }

  private String readLine(ByteArrayOutputStream b) throws IOException {
    StringBuilder s = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      b.write(c);
      if (c == '\n' && s.length() > 0 && s.charAt(s.length() - 1) == '\r') {
        return s.substring(0, s.length() - 1);
      }
      s.append((char) c);
    }
    throw new IOException("connection closed by peer");
  }

  /** Whether the peer has closed the connection (reads until EOF or timeout). */
  public boolean closedByPeer() {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
