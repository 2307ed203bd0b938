package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code HEAD /v2/<name>/blobs/<digest>}: the blob's size when the repository has it. Made as the
 * first step of a push it asks for the push scope: one token then serves the check and the upload
 * (as Docker asks), and a refusal is told as one to push.
 */
record BlobChecker(String repository, Digest digest, Duration timeout, List<String> scopes)
    implements RegistryEndpoint<OptionalLong> {

  /** The check before reading the blob. */
  static BlobChecker pulling(String repository, Digest digest, Duration timeout) {
    return new BlobChecker(repository, digest, timeout, RegistryEndpoint.pull(repository));
  }

  /** The check before pushing the blob. */
  static BlobChecker pushing(String repository, Digest digest, Duration timeout) {
    return new BlobChecker(repository, digest, timeout, RegistryEndpoint.push(repository));
  }

  @Override
  public String operation() {
    return "check blob " + digest;
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(Requests.v2(base, repository + "/blobs/" + digest))
        .timeout(timeout)
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200, 404);
  }

  @Override
  public OptionalLong handle(HttpResponse<InputStream> response) {
    RegistryCaller.discard(response);
    if (response.statusCode() == 404) {
      return OptionalLong.empty();
    }
    // Present means the blob exists; -1 when a proxy dropped Content-Length from the HEAD answer.
    return OptionalLong.of(response.headers().firstValueAsLong("Content-Length").orElse(-1));
  }
}
