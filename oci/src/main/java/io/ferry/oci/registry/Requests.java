package io.ferry.oci.registry;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Small helpers the endpoints share for URLs and bodies. */
final class Requests {

  private Requests() {}

  static URI v2(URI base, String path) {
    return base.resolve("/v2/" + path);
  }

  /**
   * {@code location} (absolute or relative, as registries send it) with a query parameter added.
   */
  static URI withQuery(URI base, String location, String query) {
    URI resolved = base.resolve(location);
    String separator = resolved.getRawQuery() == null ? "?" : "&";
    return URI.create(resolved + separator + query);
  }

  /** A streamed body of exactly {@code length} bytes, so the request carries Content-Length. */
  static HttpRequest.BodyPublisher streamed(StreamOpener opener, long length) {
    return length == 0 ? HttpRequest.BodyPublishers.noBody() : new StreamBody(opener, length);
  }

  static String location(HttpResponse<?> response, String operation) throws IOException {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () -> new IOException("the registry's answer to " + operation + " has no Location"));
  }

  /** Opens a body stream; may throw, unlike {@link java.util.function.Supplier}. */
  @FunctionalInterface
  interface StreamOpener {
    InputStream open() throws IOException;
  }
}
