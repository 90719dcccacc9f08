/**
 * Replication roles: REPLICAOF, the PSYNC handshake, full and partial resync, serving the
 * backlog to replicas, REPLCONF ACK/GETACK, WAIT, min-replicas-to-write and chaining. It reads
 * the replication log that engine-core keeps from day one. Nothing lives here yet.
 */
package io.haredis.replication;
