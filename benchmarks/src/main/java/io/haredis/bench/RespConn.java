package io.haredis.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal pipelining RESP connection for the benchmark drivers: integer/status/error replies read as one line. */
final class RespConn implements AutoCloseable {
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RespConn(String host, int port) throws IOException {
    socket = new Socket(host, port);
    out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  void send(String... args) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append('*').append(args.length).append("\r\n");
    for (String a : args) {
      byte[] b = a.getBytes(StandardCharsets.UTF_8);
      sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
    }
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
  }

  void flush() throws IOException {
    out.flush();
  }

  String readLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new IOException("closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  /** Sends one command and returns its reply (a bulk reply's body, or the status line). */
  String call(String... args) throws IOException {
    send(args);
    flush();
    String line = readLine();
    if (line.startsWith("$")) {
      int n = Integer.parseInt(line.substring(1));
      if (n < 0) {
        return null;
      }
      byte[] b = in.readNBytes(n + 2);
      return new String(b, 0, n, StandardCharsets.UTF_8);
    }
    return line;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
