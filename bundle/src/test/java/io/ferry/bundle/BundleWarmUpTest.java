package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The warm-up reads what a bundle command reads; a format change must not leave it failing. */
class BundleWarmUpTest {

  @Test
  void itsSamplesAreAValidIndexManifestAndImageIndex() {
    assertThatCode(BundleWarmUp::readSamples).doesNotThrowAnyException();
  }
}
