/**
 * Sentinel: monitoring, hello discovery, SDOWN/ODOWN, leader election, the failover state
 * machine, SENTINEL commands and sentinel.conf state. Nothing lives here yet.
 */
package io.haredis.sentinel;
