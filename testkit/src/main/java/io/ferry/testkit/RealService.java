package io.ferry.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/** Decides what happens when a real service's binary is missing: skip the test, or fail in CI. */
public final class RealService {

  /** Environment variable that turns a missing binary from a skipped test into a failure. */
  public static final String REQUIRE_REAL = "FERRY_REQUIRE_REAL";

  private RealService() {}

  /**
   * Returns {@code binary} when it is an executable file; otherwise aborts the test (skipped) or,
   * when {@code FERRY_REQUIRE_REAL=1}, fails it, naming the Debian package to install.
   */
  public static Path require(Path binary, String debianPackage) {
    return require(binary, debianPackage, System.getenv());
  }

  static Path require(Path binary, String debianPackage, Map<String, String> environment) {
    if (Files.isRegularFile(binary) && Files.isExecutable(binary)) {
      return binary;
    }
    String message =
        binary
            + " is missing: install the Debian package '"
            + debianPackage
            + "' (apt-get install "
            + debianPackage
            + ") to run this test against the real service";
    if ("1".equals(environment.get(REQUIRE_REAL))) {
      throw new TestkitException(message + " (" + REQUIRE_REAL + "=1 makes this a failure)");
    }
    return Assumptions.abort(message);
  }
}
