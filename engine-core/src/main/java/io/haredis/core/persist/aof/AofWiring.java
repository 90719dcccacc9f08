package io.haredis.core.persist.aof;

import io.haredis.core.node.ServerNode;
import io.haredis.core.persist.RdbSaver;

/** Connects the AOF and the RDB side of a node: the codec, the snapshot writer, and who waits for whom. */
public final class AofWiring {

  private AofWiring() {}

  public static void wire(ServerNode node, RdbSaver rdb, AppendOnlyFile aof) {
    RdbBaseCodec codec = new RdbBaseCodec(node);
    aof.rdbCodec(codec);
    aof.baseWriter(new SnapshotBaseWriter(rdb, new BlockingBaseWriter(node.keyspace(), node.context().loop(), codec)));
    // One snapshot at a time, as Redis runs one child: a rewrite waits for a BGSAVE and back.
    aof.otherBackgroundJob(rdb::inProgress);
    rdb.otherChildActive(aof::rewriteInProgress);
    // Redis leaves access fields alone while a child runs (lookupKey's hasActiveChildProcess):
    // touching them would copy pages; here it keeps them as the snapshot's instant had them.
    node.keyspace().backgroundJob(() -> rdb.inProgress() || aof.rewriteInProgress());
  }
}
