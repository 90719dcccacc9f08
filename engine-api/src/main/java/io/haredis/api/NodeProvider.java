package io.haredis.api;

import java.util.ServiceLoader;

/**
 * Service-provider interface that lets {@link RedisServer#builder()} live in the API jar while
 * the engine lives in engine-core. Applications do not call it.
 */
public interface NodeProvider {

  /** A new server builder. */
  RedisServer.Builder serverBuilder();

  /**
   * The first provider on the class path.
   *
   * @throws IllegalStateException if there is none
   */
  static NodeProvider load() {
    return ServiceLoader.load(NodeProvider.class)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no io.haredis.api.NodeProvider on the class path (add engine-core)"));
  }
}
