package io.haredis.core.node;

import io.haredis.api.time.Clock;
import io.haredis.api.time.Scheduler;
import java.util.Random;

/**
 * Where node logic gets time, scheduling and randomness: never from {@code System},
 * {@code Thread.sleep} or {@code new Random()}, so a test can run many nodes on one simulated
 * scheduler with a fixed seed and replay a run exactly.
 *
 * @param clock the node's clock
 * @param loop the node's event loop
 * @param random the node's seeded random source (used on the loop only)
 * @param seed the seed {@code random} was made from, printed so a run can be replayed
 */
public record NodeContext(Clock clock, Scheduler loop, Random random, long seed) {

  public static NodeContext of(Clock clock, Scheduler loop, long seed) {
    return new NodeContext(clock, loop, new Random(seed), seed);
  }
}
