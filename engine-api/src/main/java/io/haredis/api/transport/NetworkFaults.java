package io.haredis.api.transport;

import java.time.Duration;
import java.util.Set;

/**
 * Faults a test injects into an in-process network, named by node address. Faults apply to
 * bytes sent after the call; connections are not closed by a partition, their bytes just stop
 * arriving, as on a real network whose switch died. Randomness (drop) comes from the seed
 * the transport was built with, so a run can be replayed.
 */
public interface NetworkFaults {

  /** Cuts traffic both ways between {@code a} and {@code b}. */
  void partition(Address a, Address b);

  /** Cuts traffic both ways between every member of {@code left} and every member of {@code right}. */
  void partition(Set<Address> left, Set<Address> right);

  /** Cuts {@code node} off from every other address. */
  void isolate(Address node);

  /** Drops each chunk sent from {@code from} to {@code to} with the given probability (0..1). */
  void drop(Address from, Address to, double probability);

  /** Delays delivery of bytes from {@code from} to {@code to}, keeping their order. */
  void delay(Address from, Address to, Duration delay);

  /** Removes every fault. Bytes cut while partitioned are lost, not replayed. */
  void heal();
}
