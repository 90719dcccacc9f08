/**
 * Redis Cluster: slots and redirects, the cluster bus and gossip, failure detection, replica
 * election, manual failover, slot migration and nodes.conf. Nothing lives here yet.
 */
package io.haredis.cluster;
