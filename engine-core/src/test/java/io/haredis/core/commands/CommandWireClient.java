package io.haredis.core.commands;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal blocking RESP client for differential tests: sends a request and returns the exact
 * reply bytes, or the reply parsed into a {@link Node} tree that serializes back to the same
 * bytes (so a test can normalize a reply and compare bytes).
 */
public final class CommandWireClient implements AutoCloseable {

  /** One reply element: its type byte, its header line value and its children (aggregates). */
  public record Node(char type, String line, byte[] bulk, List<Node> children) {

    public boolean isAggregate() {
      return children != null;
    }

    /** Text of a simple/bulk string, else the header line. */
    public String text() {
      return bulk != null ? new String(bulk, StandardCharsets.ISO_8859_1) : line;
    }

    public byte[] toBytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      write(out);
      return out.toByteArray();
    }

    void write(ByteArrayOutputStream out) {
      out.write(type);
      if (bulk != null) {
        out.writeBytes(Integer.toString(bulk.length).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {'\r', '\n'});
        out.writeBytes(bulk);
      } else if (children != null) {
        int n = (type == '%' || type == '|') ? children.size() / 2 : children.size();
        out.writeBytes(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
      } else {
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
      }
      out.writeBytes(new byte[] {'\r', '\n'});
      if (children != null) {
        for (Node c : children) {
          c.write(out);
        }
      }
    }

    /** A copy with other children. */
    public Node withChildren(List<Node> kids) {
      return new Node(type, line, bulk, kids);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public CommandWireClient(String host, int port) {
    try {
      socket = new Socket(host, port);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one request (Strings as UTF-8, byte[] as is) and returns the raw reply bytes. */
  public byte[] raw(Object... args) {
    return call(args).toBytes();
  }

  /** Sends one request and parses the reply. */
  public Node call(Object... args) {
    try {
      ByteArrayOutputStream req = new ByteArrayOutputStream();
      req.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      for (Object a : args) {
        byte[] b = a instanceof byte[] bytes ? bytes : a.toString().getBytes(StandardCharsets.UTF_8);
        req.writeBytes(("$" + b.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        req.writeBytes(b);
        req.writeBytes(new byte[] {'\r', '\n'});
      }
      out.write(req.toByteArray());
      out.flush();
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The reply as text, for simple/bulk/error/integer replies. */
  public String text(Object... args) {
    return call(args).text();
  }

  /** Parses one reply from {@code in} (reply bytes captured elsewhere). */
  public static Node parse(InputStream in) {
    try {
      return new CommandWireClient(in).read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private CommandWireClient(InputStream in) {
    this.socket = null;
    this.in = in;
    this.out = null;
  }

  private Node read() throws IOException {
    int t = in.read();
    if (t < 0) {
      throw new IOException("connection closed");
    }
    String line = readLine();
    switch (t) {
      case '$', '=', '!' -> {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return new Node((char) t, line, null, null);
        }
        byte[] b = in.readNBytes(n);
        readLine();
        return new Node((char) t, line, b, null);
      }
      case '*', '~', '>', '%', '|' -> {
        int n = Integer.parseInt(line);
        if (n < 0) {
          return new Node((char) t, line, null, null);
        }
        int count = (t == '%' || t == '|') ? 2 * n : n;
        List<Node> kids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          kids.add(read());
        }
        return new Node((char) t, line, null, kids);
      }
      default -> {
        return new Node((char) t, line, null, null);
      }
    }
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\r') {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      b.write(c);
    }
    in.read(); // \n
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // nothing to do
    }
  }
}
