package io.haredis.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds {@code shared/fixtures/conf} beside the repository (or above the working directory). */
public final class ConfigFixtures {

  private ConfigFixtures() {}

  public static Path confDir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path c = p.resolve("shared/fixtures/conf");
      if (Files.isDirectory(c)) {
        return c;
      }
      p = p.getParent();
    }
    if (System.getenv("CI") != null) {
      throw new IllegalStateException("shared/fixtures/conf not found above " + Path.of("").toAbsolutePath());
    }
    Assumptions.abort("shared/fixtures/conf not found");
    return null;
  }
}
