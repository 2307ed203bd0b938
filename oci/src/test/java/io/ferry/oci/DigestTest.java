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
    String upper = EMPTY_SHA256.substring(0, 70) + "E" + EMPTY_SHA256.substring(71);
    assertThatThrownBy(() -> Digest.parse(upper))
        .hasMessageContaining("64 lowercase hex characters");
    String notHex = EMPTY_SHA256.substring(0, 70) + "g" + EMPTY_SHA256.substring(71);
    assertThatThrownBy(() -> Digest.parse(notHex))
        .hasMessageContaining("64 lowercase hex characters");
  }

  @Test
  void equalDigestsAreEqualKeys() {
    Digest digest = Digest.parse(EMPTY_SHA256);
    Digest same = new Digest("sha256", digest.hex());
    Digest other = Digest.of(new byte[] {1});

    assertThat(same).isEqualTo(digest).hasSameHashCodeAs(digest);
    assertThat(other).isNotEqualTo(digest);
    assertThat(new Digest("sha512", "0".repeat(128))).isNotEqualTo(digest);
    assertThat(digest).isNotEqualTo(EMPTY_SHA256);
  }

  @Test
  void hashersAreIndependent() {
    var first = Digest.newSha256();
    var second = Digest.parse(EMPTY_SHA256).newHasher();
    first.update(new byte[] {1, 2, 3});

    assertThat(Digest.sha256(second.digest())).isEqualTo(Digest.parse(EMPTY_SHA256));
    assertThat(Digest.sha256(first.digest())).isEqualTo(Digest.of(new byte[] {1, 2, 3}));
    assertThat(Digest.sha256(Digest.newSha256().digest())).isEqualTo(Digest.parse(EMPTY_SHA256));
  }
}
