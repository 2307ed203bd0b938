package io.ferry.oci.manifest;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An image manifest or an index, with the exact bytes its digest is computed over. */
public sealed interface Manifest permits ImageManifest, ImageIndex {

  /** The media type, which is also the {@code Content-Type} to push it with. */
  String mediaType();

  /** A copy of the exact bytes as read or written. */
  byte[] raw();

  /** The sha256 of {@link #raw()}. */
  Digest digest();

  /** Annotations of the manifest itself. */
  Map<String, String> annotations();

  /** A descriptor pointing at this manifest. */
  default Descriptor descriptor() {
    return Descriptor.of(mediaType(), digest(), raw().length);
  }

  /**
   * Parses a manifest or index; {@code contentType} (from a registry's response, may be null) is
   * used only when the JSON has no {@code mediaType} field, as old OCI manifests do.
   */
  static Manifest parse(byte[] raw, @Nullable String contentType) {
    return ManifestParser.parse(raw, contentType);
  }
}
