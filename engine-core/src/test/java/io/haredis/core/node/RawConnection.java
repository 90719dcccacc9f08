package io.haredis.core.node;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A plain TCP socket for feeding servers bytes no client library would send. Test support. */
final class RawConnection implements AutoCloseable {

  /** What came back: the bytes read, and whether the server closed the connection. */
  record Response(String text, boolean closed) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawConnection(int port) throws IOException {
    socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  Socket socket() {
    return socket;
  }

  OutputStream out() {
    return out;
  }

  InputStream in() {
    return in;
  }

  RawConnection send(byte[] b) throws IOException {
    out.write(b);
    out.flush();
    return this;
  }

  RawConnection send(String s) throws IOException {
    return send(s.getBytes(ISO_8859_1));
  }

  /**
   * Reads until the server closes the connection, or until nothing arrives for
   * {@code quietMillis}.
   */
  Response readUntilQuietOrClosed(int quietMillis) throws IOException {
    socket.setSoTimeout(quietMillis);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] b = new byte[65536];
    boolean closed = false;
    try {
      while (true) {
        int n = in.read(b);
        if (n < 0) {
          closed = true;
          break;
        }
        got.write(b, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // quiet: the connection is still open
    } catch (SocketException e) {
      closed = true; // reset
    }
    return new Response(got.toString(ISO_8859_1), closed);
  }

  /** Reads exactly {@code n} bytes (waiting at most {@code timeoutMillis} for each read). */
  String readExactly(int n, int timeoutMillis) throws IOException {
    socket.setSoTimeout(timeoutMillis);
    byte[] b = in.readNBytes(n);
    return new String(b, ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
