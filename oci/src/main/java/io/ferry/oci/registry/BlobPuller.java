package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;

/**
 * {@code GET /v2/<name>/blobs/<digest>}, from {@code offset} on with {@code Range} when resuming.
 * The result is the raw body positioned at {@code offset}; {@link ResumingBlobStream} and {@link
 * io.ferry.oci.VerifyingInputStream} make it safe.
 */
record BlobPuller(String repository, Digest digest, long offset)
    implements RegistryEndpoint<InputStream> {

  @Override
  public String operation() {
    return "pull blob " + digest + (offset > 0 ? " from byte " + offset : "");
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    // No request timeout: it would cut off a large blob still streaming.
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Requests.v2(base, repository + "/blobs/" + digest)).GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    return request;
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200, 206);
  }

  @Override
  public InputStream handle(HttpResponse<InputStream> response) throws IOException {
    InputStream body = response.body();
    if (offset > 0 && response.statusCode() == 200) {
      // The registry ignored Range and sent everything: skip what we already have.
      body.skipNBytes(offset);
    }
    return body;
  }
}
