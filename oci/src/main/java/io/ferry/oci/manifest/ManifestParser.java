package io.ferry.oci.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.JsonTree;
import io.ferry.oci.MediaTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns manifest bytes into {@link ImageManifest} or {@link ImageIndex}, naming every problem. */
final class ManifestParser {

  private ManifestParser() {}

  static Manifest parse(byte[] raw, @Nullable String contentType) {
    JsonNode root;
    try {
      root = JsonTree.read(raw);
    } catch (IOException e) {
      throw new InvalidManifestException("Manifest is not valid JSON: " + JsonTree.problem(e));
    }
    if (root == null || !root.isObject()) {
      throw new InvalidManifestException("Manifest is not a JSON object");
    }
    String mediaType = mediaTypeOf(root, contentType);
    List<String> problems = new ArrayList<>();
    JsonNode schemaVersion = root.get("schemaVersion");
    if (schemaVersion == null || schemaVersion.asInt() != 2) {
      problems.add(
          "schemaVersion was '"
              + schemaVersion
              + "' but it must be 2"
              + (MediaTypes.DOCKER_MANIFEST_V1.equals(mediaType)
                  ? " (Docker schema 1 is deprecated; re-push the image with a current client)"
                  : ""));
    }
    Map<String, String> annotations =
        ManifestJson.readAnnotations(root.get("annotations"), "manifest", problems);
    Manifest manifest;
    if (MediaTypes.isIndex(mediaType)) {
      List<Descriptor> manifests = new ArrayList<>();
      JsonNode entries = root.get("manifests");
      if (entries == null || !entries.isArray()) {
        problems.add("manifests is missing or not an array");
      } else {
        for (int i = 0; i < entries.size(); i++) {
          Descriptor entry =
              ManifestJson.readDescriptor(entries.get(i), "manifests[" + i + "]", problems);
          if (entry != null) {
            manifests.add(entry);
          }
        }
      }
      manifest = problems.isEmpty() ? new ImageIndex(mediaType, manifests, annotations, raw) : null;
    } else if (MediaTypes.isImageManifest(mediaType)) {
      Descriptor config = ManifestJson.readDescriptor(root.get("config"), "config", problems);
      List<Descriptor> layers = new ArrayList<>();
      JsonNode entries = root.get("layers");
      if (entries == null || !entries.isArray()) {
        problems.add("layers is missing or not an array");
      } else {
        for (int i = 0; i < entries.size(); i++) {
          Descriptor layer =
              ManifestJson.readDescriptor(entries.get(i), "layers[" + i + "]", problems);
          if (layer != null) {
            layers.add(layer);
          }
        }
      }
      manifest =
          problems.isEmpty() && config != null
              ? new ImageManifest(mediaType, config, layers, annotations, raw)
              : null;
    } else {
      problems.add(
          "mediaType was '"
              + mediaType
              + "' but Ferry reads only "
              + String.join(", ", MediaTypes.MANIFEST_ACCEPT));
      manifest = null;
    }
    if (manifest == null) {
      throw new InvalidManifestException("Manifest is invalid: " + String.join("; ", problems));
    }
    return manifest;
  }

  private static String mediaTypeOf(JsonNode root, @Nullable String contentType) {
    String declared = ManifestJson.text(root, "mediaType");
    if (declared != null) {
      return declared;
    }
    if (contentType != null && !contentType.isBlank()) {
      String bare = contentType.split(";", 2)[0].strip();
      if (!bare.equals("application/json")) {
        return bare;
      }
    }
    // An OCI manifest may omit mediaType; its shape tells which one it is.
    return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
  }
}
