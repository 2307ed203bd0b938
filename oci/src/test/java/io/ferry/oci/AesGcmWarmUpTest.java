package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The AES-GCM warm-up seals and opens its records with the JDK's provider, and checks them. */
class AesGcmWarmUpTest {

  @Test
  void sealsAndOpensEveryRecordBackToWhatWentIn() {
    assertThatCode(AesGcmWarmUp::run).doesNotThrowAnyException();
  }
}
