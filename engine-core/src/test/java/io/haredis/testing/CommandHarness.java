package io.haredis.testing;

import io.haredis.api.RedisServer;
import io.haredis.core.node.ServerNode;
import java.nio.charset.StandardCharsets;

/**
 * Runs commands on a real node through the in-process client (no client socket) and returns
 * replies as RESP text, e.g. {@code run("SET", "k", "v")} gives {@code "+OK\r\n"}. One
 * connection: state such as SELECT, HELLO 3 or CLIENT SETNAME carries over between calls.
 * Close it after the test.
 */
public final class CommandHarness implements AutoCloseable {

  private final ServerNode node;

  /**
   * A harness over a fresh node whose {@code dir} is a new temporary directory, so a test that
   * turns on save points (a node saves on close then) never writes into the working directory.
   */
  public CommandHarness() {
    this((ServerNode) RedisServer.builder().port(0).dir(tempDir()).start());
  }

  private static java.nio.file.Path tempDir() {
    try {
      java.nio.file.Path d = java.nio.file.Files.createTempDirectory("harness");
      d.toFile().deleteOnExit();
      return d;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public CommandHarness(ServerNode node) {
    this.node = node;
  }

  /** A harness over a node built with extra directives, e.g. {@code with("requirepass", "pw")}. */
  public static CommandHarness with(String... nameValuePairs) {
    var b = (io.haredis.core.node.ServerBuilder) RedisServer.builder().port(0).dir(tempDir());
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      b.config(nameValuePairs[i], nameValuePairs[i + 1].split(" "));
    }
    return new CommandHarness(b.start());
  }

  public ServerNode node() {
    return node;
  }

  /** The reply as RESP text (ISO-8859-1, so every byte maps to one char). */
  public String run(Object... args) {
    byte[] raw = node.executeRaw(args);
    return raw == null ? "" : new String(raw, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    node.close();
  }
}
