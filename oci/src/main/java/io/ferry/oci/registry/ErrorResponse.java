package io.ferry.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry's error body, {@code {"errors":[{"code":"BLOB_UNKNOWN","message":"…"}]}}, or the start
 * of whatever else it sent.
 */
record ErrorResponse(List<String> codes, String summary) {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int MAX_SUMMARY = 300;

  static ErrorResponse parse(byte[] body) {
    List<String> codes = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    try {
      JsonNode errors = MAPPER.readTree(body).get("errors");
      if (errors != null && errors.isArray()) {
        for (JsonNode error : errors) {
          String code = error.path("code").asText("");
          String message = error.path("message").asText("");
          if (!code.isEmpty()) {
            codes.add(code);
          }
          parts.add(message.isEmpty() ? code : code + ": " + message);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not the spec's JSON: a proxy's HTML page or plain text; show its start instead.
    }
    if (parts.isEmpty()) {
      String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
      return new ErrorResponse(
          codes, text.length() > MAX_SUMMARY ? text.substring(0, MAX_SUMMARY) + "…" : text);
    }
    return new ErrorResponse(codes, String.join("; ", parts));
  }
}
