package io.ferry.oci.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.JsonTree;
import io.ferry.oci.Platform;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads and writes descriptors as the image spec's JSON, collecting every problem it finds. */
final class ManifestJson {

  private ManifestJson() {}

  /** Set up on the first write: reading manifests needs no ObjectMapper ({@link JsonTree}). */
  private static final class Writer {
    static final ObjectMapper MAPPER =
        new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  }

  static ObjectNode objectNode() {
    return JsonNodeFactory.instance.objectNode();
  }

  static @Nullable Descriptor readDescriptor(
      @Nullable JsonNode node, String where, List<String> problems) {
    if (node == null || !node.isObject()) {
      problems.add(where + " is missing or not an object");
      return null;
    }
    String mediaType = text(node, "mediaType");
    String digestText = text(node, "digest");
    JsonNode sizeNode = node.get("size");
    int before = problems.size();
    if (mediaType == null || mediaType.isBlank()) {
      problems.add(where + ".mediaType is missing");
    }
    Digest digest = null;
    if (digestText == null) {
      problems.add(where + ".digest is missing");
    } else {
      try {
        digest = Digest.parse(digestText);
      } catch (IllegalArgumentException e) {
        problems.add(where + ".digest: " + e.getMessage());
      }
    }
    if (sizeNode == null || !sizeNode.canConvertToLong() || sizeNode.asLong() < 0) {
      problems.add(where + ".size was '" + sizeNode + "' but it must be a non-negative number");
    }
    Platform platform = null;
    JsonNode platformNode = node.get("platform");
    if (platformNode != null && platformNode.isObject()) {
      try {
        String variant = text(platformNode, "variant");
        platform =
            new Platform(
                String.valueOf(text(platformNode, "os")),
                String.valueOf(text(platformNode, "architecture")),
                variant == null || variant.isEmpty() ? null : variant);
      } catch (IllegalArgumentException e) {
        problems.add(where + ".platform: " + e.getMessage());
      }
    }
    Map<String, String> annotations = readAnnotations(node.get("annotations"), where, problems);
    if (problems.size() > before || digest == null || mediaType == null || sizeNode == null) {
      return null;
    }
    return new Descriptor(mediaType, digest, sizeNode.asLong(), platform, annotations);
  }

  static Map<String, String> readAnnotations(
      @Nullable JsonNode node, String where, List<String> problems) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return annotations;
    }
    if (!node.isObject()) {
      problems.add(where + ".annotations is not an object");
      return annotations;
    }
    node.fields()
        .forEachRemaining(
            entry -> {
              if (entry.getValue().isTextual()) {
                annotations.put(entry.getKey(), entry.getValue().asText());
              } else {
                problems.add(where + ".annotations." + entry.getKey() + " is not a string");
              }
            });
    return annotations;
  }

  static ObjectNode writeDescriptor(Descriptor descriptor) {
    ObjectNode node = objectNode();
    node.put("mediaType", descriptor.mediaType());
    node.put("digest", descriptor.digest().toString());
    node.put("size", descriptor.size());
    Platform platform = descriptor.platform();
    if (platform != null) {
      ObjectNode platformNode = node.putObject("platform");
      platformNode.put("architecture", platform.architecture());
      platformNode.put("os", platform.os());
      if (platform.variant() != null) {
        platformNode.put("variant", platform.variant());
      }
    }
    writeAnnotations(node, descriptor.annotations());
    return node;
  }

  static void writeAnnotations(ObjectNode node, Map<String, String> annotations) {
    if (!annotations.isEmpty()) {
      ObjectNode annotationsNode = node.putObject("annotations");
      annotations.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(entry -> annotationsNode.put(entry.getKey(), entry.getValue()));
    }
  }

  static byte[] bytes(ObjectNode node) {
    try {
      return Writer.MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Could not write manifest JSON", e);
    }
  }

  static @Nullable String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
