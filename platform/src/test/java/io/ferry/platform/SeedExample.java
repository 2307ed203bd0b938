package io.ferry.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the seed example in {@code shared/}, a sibling of the repository, from the module dir. */
public final class SeedExample {

  private static final Path RELATIVE = Path.of("shared", "examples", "seed-platform");

  private SeedExample() {}

  /** The example folder, found by walking up from the working directory. */
  public static Path dir() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE);
      if (Files.isRegularFile(candidate.resolve("ferry.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "Tried to find "
            + RELATIVE.resolve("ferry.yaml")
            + " in "
            + start
            + " or a parent folder but it is not there (the repository expects shared/ beside"
            + " it, as the worktree layout and CI lay it out)");
  }

  public static Path spec() {
    return dir().resolve("ferry.yaml");
  }

  public static Path siteValues() {
    return dir().resolve("site-hangzhou.yaml");
  }
}
