package io.ferry.oci.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.JsonTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A registry's error body, {@code {"errors":[{"code":"BLOB_UNKNOWN","message":"…"}]}}, or the start
 * of whatever else it sent. Harbor's API v2.0 answers errors in the same shape.
 *
 * @param codes the error codes, e.g. {@code BLOB_UNKNOWN}
 * @param summary {@code CODE: message; …}, or the start of a body that is not such JSON
 */
public record ErrorResponse(List<String> codes, String summary) {

  private static final int MAX_SUMMARY = 300;

  /** Reads {@code body}; never fails (an unreadable body becomes its first 300 characters). */
  public static ErrorResponse parse(byte[] body) {
    List<String> codes = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    try {
      JsonNode errors = JsonTree.read(body).get("errors");
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
