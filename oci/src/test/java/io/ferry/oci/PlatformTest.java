package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlatformTest {

  @Test
  void parsesOsArchitectureAndVariant() {
    Platform platform = Platform.parse("linux/arm64/v8");

    assertThat(platform.os()).isEqualTo("linux");
    assertThat(platform.architecture()).isEqualTo("arm64");
    assertThat(platform.variant()).isEqualTo("v8");
    assertThat(platform).hasToString("linux/arm64/v8");
    assertThat(Platform.parse("linux/amd64").variant()).isNull();
  }

  @Test
  void aMissingVariantMatchesAnyVariant() {
    assertThat(Platform.parse("linux/arm64").matches(Platform.parse("linux/arm64/v8"))).isTrue();
    assertThat(Platform.parse("linux/arm/v7").matches(Platform.parse("linux/arm/v6"))).isFalse();
    assertThat(Platform.parse("linux/amd64").matches(Platform.parse("linux/arm64"))).isFalse();
  }

  @Test
  void rejectsWhatIsNotOsSlashArch() {
    assertThatThrownBy(() -> Platform.parse("amd64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("os/arch[/variant]");
    assertThatThrownBy(() -> Platform.parse("Linux/amd64")).hasMessageContaining("lowercase");
  }
}
