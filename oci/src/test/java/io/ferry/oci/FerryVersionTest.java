package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FerryVersionTest {

  @Test
  void versionIsStampedByTheBuild() {
    assertThat(FerryVersion.get()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(FerryVersion.userAgent()).isEqualTo("ferry/" + FerryVersion.get());
  }
}
