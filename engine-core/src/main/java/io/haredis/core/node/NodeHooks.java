package io.haredis.core.node;

import io.haredis.core.client.ClientState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where modules outside engine-core (replication, cluster) attach to a node's life: periodic
 * work on the cron and client disconnects. Registered before the node starts; run on its loop.
 */
public final class NodeHooks {

  private final List<Consumer<ServerNode>> cron = new ArrayList<>();
  private final List<Consumer<ClientState>> clientClosed = new ArrayList<>();
  private final java.util.Map<String, InfoSection> infoSections = new java.util.HashMap<>();

  /** Writes one INFO section, its {@code # Header} line included, with CRLF line ends. */
  @FunctionalInterface
  public interface InfoSection {
    void write(ServerNode node, StringBuilder out);
  }

  /**
   * Replaces engine-core's INFO section {@code name} (lower case: {@code replication},
   * {@code cluster}, ...) with the module's own, e.g. replication writing {@code role:slave} and
   * the {@code slaveN} lines.
   */
  public void infoSection(String name, InfoSection section) {
    infoSections.put(name, section);
  }

  /** The replacement for INFO section {@code name}, or {@code null}. */
  public InfoSection infoSection(String name) {
    return infoSections.get(name);
  }

  /** Runs {@code job} on every serverCron tick. */
  public void onCron(Consumer<ServerNode> job) {
    cron.add(job);
  }

  /** Runs {@code job} when a client disconnects. */
  public void onClientClosed(Consumer<ClientState> job) {
    clientClosed.add(job);
  }

  void runCron(ServerNode node) {
    for (Consumer<ServerNode> c : cron) {
      c.accept(node);
    }
  }

  void clientClosed(ClientState c) {
    for (Consumer<ClientState> h : clientClosed) {
      h.accept(c);
    }
  }
}
