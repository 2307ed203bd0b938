package io.ferry.oci;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pointer to content: its media type, digest and size, plus the platform when it is an index
 * entry and any annotations.
 */
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    @Nullable Platform platform,
    Map<String, String> annotations) {

  /** The annotation that names an image in an OCI layout's {@code index.json}. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (mediaType.isBlank()) {
      throw new IllegalArgumentException("Descriptor of " + digest + " has an empty mediaType");
    }
    if (size < 0) {
      throw new IllegalArgumentException(
          "Descriptor of " + digest + " has size " + size + " but a size cannot be negative");
    }
    annotations = Map.copyOf(annotations);
  }

  /** A descriptor with no platform and no annotations. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, Map.of());
  }

  /** A descriptor of {@code content}, with its digest and size computed. */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.of(content), content.length);
  }

  /** This descriptor for an index entry for {@code newPlatform}. */
  public Descriptor withPlatform(@Nullable Platform newPlatform) {
    return new Descriptor(mediaType, digest, size, newPlatform, annotations);
  }

  /** This descriptor with these annotations instead. */
  public Descriptor withAnnotations(Map<String, String> newAnnotations) {
    return new Descriptor(mediaType, digest, size, platform, newAnnotations);
  }
}
