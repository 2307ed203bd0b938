package io.ferry.oci.manifest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An OCI image manifest or Docker v2 schema 2 manifest: a config blob and layer blobs.
 *
 * @param raw the exact bytes; equality is by digest of these bytes
 */
public record ImageManifest(
    String mediaType,
    Descriptor config,
    List<Descriptor> layers,
    Map<String, String> annotations,
    byte[] raw)
    implements Manifest {

  public ImageManifest {
    if (!MediaTypes.isImageManifest(mediaType)) {
      throw new IllegalArgumentException(
          "Image manifest mediaType was '"
              + mediaType
              + "' but it must be "
              + MediaTypes.OCI_MANIFEST
              + " or "
              + MediaTypes.DOCKER_MANIFEST);
    }
    layers = List.copyOf(layers);
    annotations = Map.copyOf(annotations);
    raw = raw.clone();
  }

  /** Writes a new manifest of {@code mediaType} for these blobs. */
  public static ImageManifest of(
      String mediaType,
      Descriptor config,
      List<Descriptor> layers,
      Map<String, String> annotations) {
    ObjectNode root = ManifestJson.objectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", mediaType);
    root.set("config", ManifestJson.writeDescriptor(config));
    ArrayNode layersNode = root.putArray("layers");
    layers.forEach(layer -> layersNode.add(ManifestJson.writeDescriptor(layer)));
    if (mediaType.equals(MediaTypes.OCI_MANIFEST)) {
      ManifestJson.writeAnnotations(root, annotations);
    }
    return new ImageManifest(mediaType, config, layers, annotations, ManifestJson.bytes(root));
  }

  @Override
  public byte[] raw() {
    return raw.clone();
  }

  @Override
  public Digest digest() {
    return Digest.of(raw);
  }

  /** The config followed by the layers: every blob a registry must hold for this image. */
  public List<Descriptor> blobs() {
    List<Descriptor> blobs = new ArrayList<>(layers.size() + 1);
    blobs.add(config);
    blobs.addAll(layers);
    return blobs;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ImageManifest that && Arrays.equals(raw, that.raw);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(raw);
  }

  @Override
  public String toString() {
    return "ImageManifest[" + mediaType + " " + digest() + ", " + layers.size() + " layers]";
  }
}
