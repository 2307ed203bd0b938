package io.ferry.oci.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An OCI image index or Docker manifest list: one manifest per platform.
 *
 * @param raw the exact bytes; equality is by these bytes
 */
public record ImageIndex(
    String mediaType, List<Descriptor> manifests, Map<String, String> annotations, byte[] raw)
    implements Manifest {

  public ImageIndex {
    if (!MediaTypes.isIndex(mediaType)) {
      throw new IllegalArgumentException(
          "Index mediaType was '"
              + mediaType
              + "' but it must be "
              + MediaTypes.OCI_INDEX
              + " or "
              + MediaTypes.DOCKER_MANIFEST_LIST);
    }
    manifests = List.copyOf(manifests);
    annotations = Map.copyOf(annotations);
    raw = raw.clone();
  }

  /** Writes a new index of {@code mediaType} over these manifests. */
  public static ImageIndex of(
      String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
    ObjectNode root = ManifestJson.objectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType);
    ArrayNode entries = root.putArray("manifests");
    manifests.forEach(entry -> entries.add(ManifestJson.writeDescriptor(entry)));
    if (mediaType.equals(MediaTypes.OCI_INDEX)) {
      ManifestJson.writeAnnotations(root, annotations);
    }
    return new ImageIndex(mediaType, manifests, annotations, ManifestJson.bytes(root));
  }

  /** The entries whose platform {@link Platform#matches matches} one of {@code wanted}. */
  public List<Descriptor> manifestsFor(List<Platform> wanted) {
    return manifests.stream()
        .filter(
            entry ->
                entry.platform() != null
                    && wanted.stream().anyMatch(platform -> platform.matches(entry.platform())))
        .toList();
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public Digest digest() {
    return Digest.of(raw);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageIndex that && Arrays.equals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "ImageIndex[" + mediaType + " " + digest() + ", " + manifests.size() + " manifests]";
  }
}
