package io.ferry.cli.bundle;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the seed example in {@code shared/}, a sibling of the repository. */
final class SeedExample {

  private static final Path RELATIVE = Path.of("shared", "examples", "seed-platform");

  private SeedExample() {}

  static Path dir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate.resolve("ferry.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Tried to find " + RELATIVE + " beside the repository but it is not there");
  }
}
