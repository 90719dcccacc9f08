package io.haredis.api.transport;

import java.util.Objects;

/**
 * Where a node listens or where a connection goes: a host name or literal IP and a TCP port.
 * Transports other than TCP use it as a name only. Port 0 asks {@link Transport#bind} to pick a
 * free port; the {@link Listener} then reports the real one.
 *
 * @param host host name or IP literal, never {@code null}
 * @param port 0 to 65535
 */
public record Address(String host, int port) {

  public Address {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: " + port + " (expected: 0-65535)");
    }
  }

  /** Returns the address {@code host:port}. */
  public static Address of(String host, int port) {
    return new Address(host, port);
  }

  /**
   * Parses {@code host:port}, {@code [v6]:port} or a bare port (meaning 127.0.0.1).
   *
   * @throws IllegalArgumentException if the text is not such an address
   */
  public static Address parse(String text) {
    int colon = text.lastIndexOf(':');
    try {
      if (colon < 0) {
        return new Address("127.0.0.1", Integer.parseInt(text));
      }
      String host = text.substring(0, colon);
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new Address(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address: " + text + " (expected: host:port)");
    }
  }

  @Override
  public String toString() {
    return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
  }
}
