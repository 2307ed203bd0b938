package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.ImageRef;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as it will be stored: the top manifest or filtered index, its image manifests by
 * platform, and the small configs already read to learn a single manifest's platform.
 *
 * @param source the reference as the spec wrote it
 * @param ref the parsed reference
 * @param top what is stored and tagged: a manifest, or an index filtered to the wanted platforms
 * @param sourceDigest what the registry served for the reference
 * @param manifests image manifests by platform ({@code linux/amd64})
 * @param configs config contents already pulled, by digest string
 */
record ResolvedImage(
    String source,
    ImageRef ref,
    Manifest top,
    String sourceDigest,
    Map<String, ImageManifest> manifests,
    Map<String, byte[]> configs) {

  /** Every blob of the image, manifests last (children before the index), without duplicates. */
  List<Descriptor> blobs() {
    Map<String, Descriptor> blobs = new LinkedHashMap<>();
    for (ImageManifest manifest : manifests.values()) {
      for (Descriptor blob : manifest.blobs()) {
        blobs.putIfAbsent(blob.digest().toString(), blob);
      }
    }
    for (ImageManifest manifest : manifests.values()) {
      blobs.putIfAbsent(manifest.digest().toString(), manifest.descriptor());
    }
    blobs.putIfAbsent(top.digest().toString(), top.descriptor());
    return List.copyOf(blobs.values());
  }

  /** The name in the layout's index.json: the reference without its registry's defaults. */
  String refName() {
    return source;
  }
}
