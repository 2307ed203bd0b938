package io.ferry.oci.layout;

import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.InvalidManifestException;
import io.ferry.oci.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of a layout's {@code index.json}: the images it holds, each named by an {@code
 * org.opencontainers.image.ref.name} annotation (a tag such as {@code 1.0}, as {@code skopeo
 * oci:DIR:1.0} looks it up).
 */
public record LayoutIndex(List<Descriptor> manifests) {

  public LayoutIndex {
    manifests = List.copyOf(manifests);
  }

  /** An index with no images. */
  public static LayoutIndex empty() {
    return new LayoutIndex(List.of());
  }

  /** Parses {@code index.json}. */
  public static LayoutIndex parse(byte[] json) {
    Manifest manifest;
    try {
      manifest = Manifest.parse(json, MediaTypes.OCI_INDEX);
    } catch (InvalidManifestException e) {
      throw new LayoutException("index.json is invalid: " + e.getMessage(), e);
    }
    if (!(manifest instanceof ImageIndex index)) {
      throw new LayoutException("index.json is an image manifest, not an index");
    }
    return new LayoutIndex(index.manifests());
  }

  /**
   * This index with {@code manifest} named {@code refName}; an image already under that name is
   * replaced, as re-tagging does.
   */
  public LayoutIndex withImage(String refName, Descriptor manifest) {
    if (refName.isBlank()) {
      throw new IllegalArgumentException("A layout ref name must not be empty");
    }
    List<Descriptor> entries = new ArrayList<>();
    for (Descriptor entry : manifests) {
      if (!refName.equals(entry.annotations().get(Descriptor.REF_NAME))) {
        entries.add(entry);
      }
    }
    Map<String, String> annotations = new HashMap<>(manifest.annotations());
    annotations.put(Descriptor.REF_NAME, refName);
    entries.add(manifest.withAnnotations(annotations));
    return new LayoutIndex(entries);
  }

  /** The image named {@code refName}. */
  public Optional<Descriptor> find(String refName) {
    return manifests.stream()
        .filter(entry -> refName.equals(entry.annotations().get(Descriptor.REF_NAME)))
        .findFirst();
  }

  /** The names of the images, in index order. */
  public List<String> refNames() {
    return manifests.stream()
        .map(entry -> entry.annotations().get(Descriptor.REF_NAME))
        .filter(name -> name != null)
        .toList();
  }

  /** The bytes of {@code index.json}. */
  public byte[] toJson() {
    return ImageIndex.of(MediaTypes.OCI_INDEX, manifests, Map.of()).raw();
  }
}
