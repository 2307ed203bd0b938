package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {

  private static final byte[] CONTENT = "some blob content".getBytes();
  private static final Digest DIGEST = Digest.of(CONTENT);

  private static VerifyingInputStream over(byte[] bytes) {
    return new VerifyingInputStream(
        new ByteArrayInputStream(bytes), DIGEST, CONTENT.length, "blob x from r/repo");
  }

  @Test
  void passesMatchingContentThrough() throws Exception {
    assertThat(over(CONTENT).readAllBytes()).isEqualTo(CONTENT);
  }

  @Test
  void failsAtTheEndWhenTheContentDiffers() {
    byte[] changed = CONTENT.clone();
    changed[0] ^= 1;

    assertThatThrownBy(() -> over(changed).readAllBytes())
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("blob x from r/repo")
        .hasMessageContaining("hashes to " + Digest.of(changed));
  }

  @Test
  void failsWhenTheContentIsTruncated() {
    assertThatThrownBy(() -> over(Arrays.copyOf(CONTENT, 5)).readAllBytes())
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("ended after 5 of " + CONTENT.length + " bytes");
  }

  @Test
  void continuesAVerificationStartedElsewhere() throws Exception {
    MessageDigest hasher = DIGEST.newHasher();
    hasher.update(CONTENT, 0, 4);
    VerifyingInputStream rest =
        new VerifyingInputStream(
            new ByteArrayInputStream(Arrays.copyOfRange(CONTENT, 4, CONTENT.length)),
            DIGEST,
            CONTENT.length,
            "blob",
            hasher,
            4);

    rest.readAllBytes();

    assertThat(rest.count()).isEqualTo(CONTENT.length);
  }
}
