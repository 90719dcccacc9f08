package io.haredis.core.node;

import io.haredis.api.NodeProvider;
import io.haredis.api.RedisServer;

/** Makes {@link RedisServer#builder()} build engine-core's {@link ServerNode}. */
public final class CoreNodeProvider implements NodeProvider {
  @Override
  public RedisServer.Builder serverBuilder() {
    return new ServerBuilder();
  }
}
