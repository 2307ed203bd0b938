package io.ferry.oci;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The platform an image manifest is for, as in an index entry: {@code linux/amd64}, {@code
 * linux/arm64/v8}.
 *
 * @param variant e.g. {@code v8} or {@code v7}, null when the index does not say
 */
public record Platform(String os, String architecture, @Nullable String variant) {

  private static final Pattern WORD = Pattern.compile("[a-z0-9._-]+");

  public Platform {
    if (!WORD.matcher(os).matches()) {
      throw new IllegalArgumentException(
          "Platform os was '" + os + "' but it must be a lowercase word such as linux");
    }
    if (!WORD.matcher(architecture).matches()) {
      throw new IllegalArgumentException(
          "Platform architecture was '"
              + architecture
              + "' but it must be a lowercase word such as amd64 or arm64");
    }
    if (variant != null && !WORD.matcher(variant).matches()) {
      throw new IllegalArgumentException(
          "Platform variant was '" + variant + "' but it must be a lowercase word such as v8");
    }
  }

  /** Parses {@code os/arch[/variant]}, e.g. {@code linux/arm64/v8}. */
  public static Platform parse(String platform) {
    String[] parts = platform.strip().split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException(
          "Platform was '"
              + platform
              + "' but it must look like os/arch[/variant], e.g. linux/amd64");
    }
    return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
  }

  /**
   * Whether an index entry for {@code other} serves this platform; a missing variant on either side
   * matches any variant, because indexes often leave out arm64's {@code v8}.
   */
  public boolean matches(Platform other) {
    return os.equals(other.os)
        && architecture.equals(other.architecture)
        && (variant == null || other.variant == null || variant.equals(other.variant));
  }

  @Override
  public String toString() {
    return os + "/" + architecture + (variant == null ? "" : "/" + variant);
  }
}
