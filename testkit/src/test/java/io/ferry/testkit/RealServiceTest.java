package io.ferry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class RealServiceTest {

  private static final Path MISSING = Path.of("/usr/bin/ferry-no-such-binary");

  @Test
  void missingBinarySkipsTheTestNamingTheDebianPackage() {
    assertThatThrownBy(() -> RealService.require(MISSING, "ferry-pkg", Map.of()))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(MISSING.toString())
        .hasMessageContaining("apt-get install ferry-pkg");
  }

  @Test
  void missingBinaryFailsWhenRealServicesAreRequired() {
    assertThatThrownBy(
            () -> RealService.require(MISSING, "ferry-pkg", Map.of("FERRY_REQUIRE_REAL", "1")))
        .isInstanceOf(TestkitException.class)
        .hasMessageContaining("apt-get install ferry-pkg")
        .hasMessageContaining("FERRY_REQUIRE_REAL=1");
  }

  @Test
  void presentBinaryIsReturned() {
    assertThat(RealService.require(Path.of("/bin/sh"), "dash", Map.of("FERRY_REQUIRE_REAL", "1")))
        .isEqualTo(Path.of("/bin/sh"));
  }
}
