package io.haredis.core.persist.aof;

import io.haredis.api.RedisServer;
import io.haredis.core.digest.DatasetDigest;
import io.haredis.core.node.ServerBuilder;
import io.haredis.core.node.ServerNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Nodes on a test directory with the AOF on, and files written by hand. */
final class AofTestSupport {

  private AofTestSupport() {}

  /** A node on {@code dir} with {@code appendonly yes}, no RDB preamble, plus directives. */
  static ServerNode start(Path dir, String... nameValues) {
    ServerBuilder b = (ServerBuilder) RedisServer.builder().port(0).dir(dir);
    b.config("appendonly", "yes");
    b.config("aof-use-rdb-preamble", "no");
    for (int i = 0; i < nameValues.length; i += 2) {
      b.config(nameValues[i], nameValues[i + 1].split(" "));
    }
    return b.start();
  }

  static String digest(ServerNode node) {
    return node.call(() -> DatasetDigest.hex(DatasetDigest.dataset(node.keyspace())));
  }

  static Object run(ServerNode node, Object... args) {
    return node.client().execute(args);
  }

  /** RESP of one command, as the AOF holds it. */
  static String cmd(String... args) {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    }
    return b.toString();
  }

  /** Writes {@code appendonlydir} with a manifest naming an empty base and the given incr files. */
  static Path writeAof(Path dir, String... incrContents) throws Exception {
    Path aofDir = dir.resolve("appendonlydir");
    Files.createDirectories(aofDir);
    StringBuilder manifest = new StringBuilder("file appendonly.aof.1.base.aof seq 1 type b\n");
    Files.write(aofDir.resolve("appendonly.aof.1.base.aof"), new byte[0]);
    for (int i = 0; i < incrContents.length; i++) {
      String name = "appendonly.aof." + (i + 1) + ".incr.aof";
      Files.writeString(aofDir.resolve(name), incrContents[i], StandardCharsets.UTF_8);
      manifest.append("file ").append(name).append(" seq ").append(i + 1).append(" type i\n");
    }
    Files.writeString(aofDir.resolve("appendonly.aof.manifest"), manifest);
    return aofDir;
  }

  /** Every file of the AOF directory with its bytes, to show that a failed start changed nothing. */
  static List<String> snapshot(Path aofDir) throws Exception {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(aofDir)) {
      for (Path p : s.sorted().toList()) {
        out.add(p.getFileName() + "=" + java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  static void await(String what, BooleanSupplier cond) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!cond.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }

  static String info(ServerNode node) {
    return (String) node.client().execute("INFO", "persistence");
  }

  static String infoField(ServerNode node, String name) {
    for (String l : info(node).split("\r\n")) {
      if (l.startsWith(name + ":")) {
        return l.substring(name.length() + 1);
      }
    }
    return null;
  }
}
