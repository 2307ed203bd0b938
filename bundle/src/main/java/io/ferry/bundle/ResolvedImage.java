package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.ImageRef;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.manifest.OciForm;
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
 * @param ociForm the image's {@link OciForm} for the layout's {@code index.json} (children first,
 *     the top last), or nothing when it is OCI-typed: push and serve use the exact bytes of {@code
 *     top}
 */
record ResolvedImage(
    String source,
    ImageRef ref,
    Manifest top,
    String sourceDigest,
    Map<String, ImageManifest> manifests,
    Map<String, byte[]> configs,
    List<Manifest> ociForm) {

  /** The image, with its OCI form made once from {@code top} and {@code manifests}. */
  ResolvedImage(
      String source,
      ImageRef ref,
      Manifest top,
      String sourceDigest,
      Map<String, ImageManifest> manifests,
      Map<String, byte[]> configs) {
    this(source, ref, top, sourceDigest, manifests, configs, OciForm.of(top, manifests.values()));
  }

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
    for (Manifest form : ociForm()) {
      blobs.putIfAbsent(form.digest().toString(), form.descriptor());
    }
    return List.copyOf(blobs.values());
  }

  /** What the layout's {@code index.json} names: the OCI form of a Docker-typed image, else top. */
  Manifest layoutTop() {
    return ociForm.isEmpty() ? top : ociForm.get(ociForm.size() - 1);
  }

  /** The name in the layout's index.json: the reference without its registry's defaults. */
  String refName() {
    return source;
  }
}
