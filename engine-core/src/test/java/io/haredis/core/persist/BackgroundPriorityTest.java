package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class BackgroundPriorityTest {

  /** The nice value of the calling thread, from field 19 of {@code /proc/thread-self/stat}. */
  private static int currentNice() throws Exception {
    String stat = Files.readString(Path.of("/proc/thread-self/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Integer.parseInt(fields[19 - 3]);
  }

  @Test
  void backgroundIoThreadRunsAtTheConfiguredNiceValueAndTheCallerKeepsItsOwn() throws Exception {
    int before = currentNice();
    CompletableFuture<Integer> nice = new CompletableFuture<>();
    try (BackgroundIo bio = new BackgroundIo("test-bio")) {
      bio.submit(() -> {
        try {
          nice.complete(currentNice());
        } catch (Exception e) {
          nice.completeExceptionally(e);
        }
      });
      assertThat(nice.get(10, TimeUnit.SECONDS)).isEqualTo(Math.max(before, BackgroundPriority.DEFAULT_NICE));
    }
    assertThat(currentNice()).isEqualTo(before);
  }

  @Test
  void zeroLeavesTheThreadAlone() throws Exception {
    int before = currentNice();
    assertThat(BackgroundPriority.lowerCurrentThread(0)).isFalse();
    assertThat(currentNice()).isEqualTo(before);
  }
}
