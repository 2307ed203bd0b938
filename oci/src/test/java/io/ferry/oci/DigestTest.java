package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestTest {

  private static final String EMPTY_SHA256 =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void parsesAndPrintsASha256Digest() {
    Digest digest = Digest.parse(EMPTY_SHA256);

    assertThat(digest.algorithm()).isEqualTo("sha256");
    assertThat(digest.toString()).isEqualTo(EMPTY_SHA256);
    assertThat(digest.shortHex()).isEqualTo("e3b0c44298fc");
  }

  @Test
  void computesTheDigestOfBytes() {
    assertThat(Digest.of(new byte[0])).isEqualTo(Digest.parse(EMPTY_SHA256));
  }

  @Test
  void rejectsMalformedDigestsSayingWhatIsExpected() {
    assertThatThrownBy(() -> Digest.parse("e3b0c44298fc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'e3b0c44298fc'")
        .hasMessageContaining("sha256:<64 lowercase hex characters>");
    assertThatThrownBy(() -> Digest.parse("sha256:E3B0"))
        .hasMessageContaining("64 lowercase hex characters");
    assertThatThrownBy(() -> Digest.parse("md5:abcd")).hasMessageContaining("sha256 or sha512");
  }
}
