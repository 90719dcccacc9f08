package io.haredis.core.persist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class BackgroundPriorityTest {

  private static int currentNice() throws Exception {
    return BackgroundPriority.currentNice();
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
  void aThreadNicedHigherAlreadyIsLeftAlone() throws Exception {
    CompletableFuture<int[]> nice = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        int start = currentNice();
        BackgroundPriority.lowerCurrentThread(start + 5);
        int raised = currentNice();
        BackgroundPriority.lowerCurrentThread(start + 2); // lower than now: not applied
        nice.complete(new int[] {start, raised, currentNice()});
      } catch (Exception e) {
        nice.completeExceptionally(e);
      }
    });
    t.start();
    int[] n = nice.get(10, TimeUnit.SECONDS);
    org.junit.jupiter.api.Assumptions.assumeTrue(n[0] + 5 <= 19, "the test JVM runs niced already");
    assertThat(n[1]).isEqualTo(n[0] + 5);
    assertThat(n[2]).isEqualTo(n[0] + 5);
  }

  @Test
  void zeroLeavesTheThreadAlone() throws Exception {
    int before = currentNice();
    assertThat(BackgroundPriority.lowerCurrentThread(0)).isFalse();
    assertThat(currentNice()).isEqualTo(before);
  }
}
