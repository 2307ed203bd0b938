package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.IOException;
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

  /**
   * The {@code length} bytes of {@code source} from {@code offset} as a body of exactly that
   * length, so the request carries Content-Length; each byte sent is told to {@code listener}.
   */
  static HttpRequest.BodyPublisher streamed(
      BlobSource source, long offset, long length, Digest digest, TransferListener listener) {
    return length == 0
        ? HttpRequest.BodyPublishers.noBody()
        : new StreamBody(source, offset, length, digest, listener);
  }

  static String location(HttpResponse<?> response, String operation) throws IOException {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () -> new IOException("the registry's answer to " + operation + " has no Location"));
  }
}
