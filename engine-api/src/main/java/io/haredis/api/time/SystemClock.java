package io.haredis.api.time;

import java.time.Instant;

/** The JVM's clocks; the one place outside tests and the launcher that reads them. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long currentTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long currentTimeMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }
}
