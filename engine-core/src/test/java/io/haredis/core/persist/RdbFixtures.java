package io.haredis.core.persist;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code shared/fixtures/rdb} beside the repository (or above the working directory). */
public final class RdbFixtures {

  private RdbFixtures() {}

  public static Path rdbDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path c = p.resolve("shared/fixtures/rdb");
      if (Files.isDirectory(c)) {
        return c;
      }
      p = p.getParent();
    }
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("shared/fixtures/rdb not found above " + Path.of("").toAbsolutePath());
    }
    Assumptions.abort("shared/fixtures/rdb not found");
    return null;
  }
}
