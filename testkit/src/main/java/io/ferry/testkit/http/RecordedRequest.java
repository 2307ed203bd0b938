package io.ferry.testkit.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One request a {@link RecordingHttpServer} received: method, path, headers and body. */
public record RecordedRequest(
    String method, String path, Map<String, List<String>> headers, byte[] body) {

  /** Copies the headers so the record stays unchanged. */
  public RecordedRequest {
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** Returns the body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Returns a copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
