package io.haredis.core.commands;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A bare RESP connection for tests that compare exact bytes: sends one command, then reads one
 * complete reply (parsed only to find where it ends). Test helper for the connection ITs.
 */
final class ConnectionRawSocket implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  ConnectionRawSocket(String host, int port) throws IOException {
    socket = new Socket(host, port);
    socket.setSoTimeout(5000);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String... args) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String a : args) {
      byte[] bytes = a.getBytes(StandardCharsets.UTF_8);
      b.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      b.writeBytes(bytes);
      b.writeBytes(new byte[] {'\r', '\n'});
    }
    out.write(b.toByteArray());
    out.flush();
  }

  /** Sends a command and returns its whole reply as ISO-8859-1 text. */
  String call(String... args) throws IOException {
    send(args);
    return readReply();
  }

  /** Reads one complete reply. */
  String readReply() throws IOException {
    StringBuilder sb = new StringBuilder();
    readValue(sb);
    return sb.toString();
  }

  /** Reads one line (with its CRLF). */
  String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      sb.append((char) c);
      if (c == '\n' && sb.length() >= 2 && sb.charAt(sb.length() - 2) == '\r') {
        return sb.toString();
      }
    }
    throw new IOException("connection closed after: " + sb);
  }

  /** Reads raw bytes until the text read so far ends with {@code marker}. */
  String readUntil(String marker) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while (!sb.toString().endsWith(marker)) {
      c = in.read();
      if (c == -1) {
        throw new IOException("connection closed after: " + sb);
      }
      sb.append((char) c);
    }
    return sb.toString();
  }

  /** Whether the server closed the connection (waits up to the socket timeout). */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() == -1;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset
    }
  }

  /** Whether nothing arrives within {@code millis}. */
  boolean silentFor(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      int c = in.read();
      return false;
    } catch (SocketTimeoutException e) {
      return true;
    } finally {
      socket.setSoTimeout(5000);
    }
  }

  private void readValue(StringBuilder sb) throws IOException {
    String line = readLine();
    sb.append(line);
    char type = line.charAt(0);
    String rest = line.substring(1, line.length() - 2);
    switch (type) {
      case '$', '=', '!' -> {
        int n = Integer.parseInt(rest);
        if (n >= 0) {
          byte[] data = in.readNBytes(n + 2);
          sb.append(new String(data, StandardCharsets.ISO_8859_1));
        }
      }
      case '*', '~', '>' -> {
        int n = Integer.parseInt(rest);
        for (int i = 0; i < n; i++) {
          readValue(sb);
        }
      }
      case '%', '|' -> {
        int n = Integer.parseInt(rest);
        for (int i = 0; i < 2 * n; i++) {
          readValue(sb);
        }
      }
      default -> {
        // simple types: the line is the whole value
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
