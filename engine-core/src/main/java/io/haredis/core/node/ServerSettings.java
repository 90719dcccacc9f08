package io.haredis.core.node;

import java.util.List;

/**
 * Typed copies of the settings the node reads on hot paths, kept current by the
 * {@link io.haredis.core.config.ConfigTable} parameters' change hooks. Loop-confined.
 */
public final class ServerSettings {
  public int port = 6379;
  public List<String> bind = List.of("127.0.0.1", "-::1");
  public String requirePass = "";
  public boolean protectedMode = true;
  public int databases = 16;
  public int hz = 10;
  public long maxClients = 10000;
  public long timeoutSeconds;
  public long tcpKeepalive = 300;
  public long protoMaxBulkLen = 512L * 1024 * 1024;
  public long clientQueryBufferLimit = 1024L * 1024 * 1024;
  public long replBacklogSize = 1024L * 1024;
  public String dir = ".";
  public String dbfilename = "dump.rdb";
  public long slowlogLogSlowerThan = 10000;
  public long slowlogMaxLen = 128;
  public String logLevel = "notice";
  public long maxmemory;
  /** What keys' access fields hold, by maxmemory-policy and the lfu-* parameters. */
  public final io.haredis.core.keyspace.AccessPolicy access = new io.haredis.core.keyspace.AccessPolicy();
  /** {@code save} as CONFIG GET prints it: "seconds changes" pairs, empty when RDB snapshots are off. */
  public String save = "3600 1 300 100 60 10000";
  public boolean rdbCompression = true;
  public boolean rdbChecksum = true;
  public boolean stopWritesOnBgsaveError = true;
  /** {@code replicaof} from the config: "host port", or empty. */
  public String replicaof = "";
  /** {@code notify-keyspace-events} as class bits ({@link KeyspaceNotifier}), 0 when off. */
  public int notifyKeyspaceEvents;

  // Encoding thresholds of the collection types, as Redis 7.0 names and defaults them.
  public int listMaxListpackSize = -2;
  public int listCompressDepth;
  public long hashMaxListpackEntries = 512;
  public long hashMaxListpackValue = 64;
  public long setMaxIntsetEntries = 512;
  public long zsetMaxListpackEntries = 128;
  public long zsetMaxListpackValue = 64;
  /** Largest sparse HyperLogLog, in bytes with its header, before it turns dense. */
  public long hllSparseMaxBytes = 3000;
  /** appendonly, appendfsync, appenddirname, ... */
  public final io.haredis.core.persist.aof.AofSettings aof = new io.haredis.core.persist.aof.AofSettings();
}
