package io.ferry.oci.manifest;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OCI form of a Docker-typed image: the same config and layer blobs, named with OCI media types
 * in a manifest of their own (and an OCI index over such manifests for a manifest list). Docker v2
 * schema 2 and OCI share their JSON shape, so only the media types change, and with them the
 * manifest's digest; the config's and layers' bytes and digests stay.
 *
 * <p>For tools that look up only OCI media types in a layout's {@code index.json}: skopeo 1.9's
 * {@code oci:} transport skips Docker-typed entries ("no descriptor found"), and takes a
 * Docker-typed image filed under an OCI type for an artifact.
 */
public final class OciForm {

  private static final Map<String, String> OCI_TYPES =
      Map.of(
          MediaTypes.DOCKER_CONFIG,
          MediaTypes.OCI_CONFIG,
          MediaTypes.DOCKER_LAYER_GZIP,
          MediaTypes.OCI_LAYER_GZIP,
          MediaTypes.DOCKER_LAYER,
          MediaTypes.OCI_LAYER,
          "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
          "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
          "application/vnd.docker.image.rootfs.foreign.diff.tar",
          "application/vnd.oci.image.layer.nondistributable.v1.tar");

  private OciForm() {}

  /** Whether {@code manifest} is a Docker v2 schema 2 manifest or manifest list. */
  public static boolean isDockerTyped(Manifest manifest) {
    return manifest.mediaType().equals(MediaTypes.DOCKER_MANIFEST)
        || manifest.mediaType().equals(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  /**
   * The OCI forms of {@code top} and of its {@code children} (the image manifests an index names),
   * children first and the top last; empty when {@code top} is OCI-typed already. Children that are
   * OCI-typed are named as they are.
   */
  public static List<Manifest> of(Manifest top, Iterable<ImageManifest> children) {
    if (top instanceof ImageManifest manifest && isDockerTyped(manifest)) {
      return List.of(of(manifest));
    }
    if (!(top instanceof ImageIndex index) || !isDockerTyped(index)) {
      return List.of();
    }
    List<Manifest> forms = new ArrayList<>();
    List<Descriptor> entries = new ArrayList<>();
    for (Descriptor entry : index.manifests()) {
      ImageManifest form = null;
      for (ImageManifest child : children) {
        if (child.digest().equals(entry.digest()) && isDockerTyped(child)) {
          form = of(child);
        }
      }
      if (form == null) {
        entries.add(entry);
        continue;
      }
      forms.add(form);
      entries.add(withDigest(form, entry));
    }
    forms.add(ImageIndex.of(MediaTypes.OCI_INDEX, entries, Map.of()));
    return List.copyOf(forms);
  }

  /** The OCI form of a Docker v2 schema 2 manifest; an OCI manifest as it is. */
  public static ImageManifest of(ImageManifest manifest) {
    if (!isDockerTyped(manifest)) {
      return manifest;
    }
    return ImageManifest.of(
        MediaTypes.OCI_MANIFEST,
        retyped(manifest.config()),
        manifest.layers().stream().map(OciForm::retyped).toList(),
        Map.of());
  }

  private static Descriptor retyped(Descriptor blob) {
    return new Descriptor(
        OCI_TYPES.getOrDefault(blob.mediaType(), blob.mediaType()),
        blob.digest(),
        blob.size(),
        blob.platform(),
        blob.annotations());
  }

  private static Descriptor withDigest(ImageManifest form, Descriptor entry) {
    Digest digest = form.digest();
    return new Descriptor(
        form.mediaType(), digest, form.raw().length, entry.platform(), entry.annotations());
  }
}
