package io.haredis.core.node;

import io.haredis.core.config.ConfigError;
import io.haredis.core.config.ConfigTable;
import java.util.List;

/** Declares engine-core's configuration parameters with Redis 7.0's names, defaults and bounds. */
final class CoreConfig {

  private CoreConfig() {}

  static void register(ConfigTable t, ServerSettings s) {
    t.addLong("port", true, 6379, 0, 65535, v -> s.port = (int) v);
    t.add("bind", true, "* -::*", v -> v.trim().replaceAll("\\s+", " "), v -> s.bind = List.of(v.split(" ")));
    t.addString("requirepass", true, "", v -> s.requirePass = v);
    t.addBool("protected-mode", true, true, v -> s.protectedMode = v);
    t.addLong("databases", false, 16, 1, Integer.MAX_VALUE, v -> s.databases = (int) v);
    t.addLong("hz", true, 10, 1, 500, v -> s.hz = (int) v);
    t.addLong("maxclients", true, 10000, 1, Long.MAX_VALUE, v -> s.maxClients = v);
    t.addLong("timeout", true, 0, 0, Integer.MAX_VALUE, v -> s.timeoutSeconds = v);
    t.addLong("tcp-keepalive", true, 300, 0, Integer.MAX_VALUE, v -> s.tcpKeepalive = v);
    t.addMemory("proto-max-bulk-len", true, 512L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, v -> s.protoMaxBulkLen = v);
    t.addMemory("client-query-buffer-limit", true, 1024L * 1024 * 1024, 1024 * 1024, Long.MAX_VALUE, v -> s.clientQueryBufferLimit = v);
    t.addMemory("repl-backlog-size", true, 1024L * 1024, 1, Long.MAX_VALUE, v -> s.replBacklogSize = v);
    t.add("dir", true, ".", v -> {
      if (v.isEmpty()) {
        throw new ConfigError("dir can't be empty");
      }
      return v;
    }, v -> s.dir = v);
    t.addString("dbfilename", true, "dump.rdb", v -> s.dbfilename = v);
    t.addLong("slowlog-log-slower-than", true, 10000, -1, Long.MAX_VALUE, v -> s.slowlogLogSlowerThan = v);
    t.addLong("slowlog-max-len", true, 128, 0, Long.MAX_VALUE, v -> s.slowlogMaxLen = v);
    t.addEnum("loglevel", true, "notice", List.of("debug", "verbose", "notice", "warning", "nothing"), v -> s.logLevel = v);
    t.addMemory("maxmemory", true, 0, 0, Long.MAX_VALUE, v -> s.maxmemory = v);
  }
}
