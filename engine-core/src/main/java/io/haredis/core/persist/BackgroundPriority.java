package io.haredis.core.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of the calling thread (Linux only), for the background I/O
 * thread. Redis saves in a forked child that competes with the server for the CPU as one more
 * process; ours is a thread of the same process, and on a small machine (2 cores: the loop, the
 * clients and the saving thread) an equal-priority writer can hold the core a woken loop needs
 * for several milliseconds. At a higher nice value the kernel lets the loop preempt it at once,
 * while the writer still gets every cycle the loop leaves idle, so saves take about as long on an
 * idle or lightly loaded machine.
 *
 * <p>The niceness is {@code -Dharedis.bio.nice} (default {@value #DEFAULT_NICE}; 0 leaves the
 * thread alone). Java has no API for a thread's nice value, so this runs {@code renice} on the
 * thread's own id, read from {@code /proc/thread-self}: once per thread start, off the loop. Where
 * that is not possible (not Linux, no {@code renice}) nothing changes.
 */
final class BackgroundPriority {

  static final int DEFAULT_NICE = 10;
  private static final Logger log = LoggerFactory.getLogger(BackgroundPriority.class);
  private static final Path THREAD_SELF = Path.of("/proc/thread-self");

  private BackgroundPriority() {}

  static int configuredNice() {
    return Integer.getInteger("haredis.bio.nice", DEFAULT_NICE);
  }

  /** The calling thread's nice value: field 19 of {@code /proc/thread-self/stat}. */
  static int currentNice() throws IOException {
    String stat = Files.readString(THREAD_SELF.resolve("stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }

  /**
   * Sets the calling thread's nice value, unless it is that high already; returns whether it
   * was set.
   */
  static boolean lowerCurrentThread(int nice) {
    if (nice <= 0 || !Files.isSymbolicLink(THREAD_SELF)) {
      return false;
    }
    try {
      if (currentNice() >= nice) {
        return false; // never raise the priority of a process that runs niced already
      }
      String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString(); // "<pid>/task/<tid>"
      Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      log.debug("Could not lower the background I/O thread's priority: {}", e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
