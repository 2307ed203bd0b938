package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.TransferListener;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

/**
 * {@code PATCH <location>} with {@code Content-Range: <start>-<end>}: one chunk of a chunked
 * upload. The result is the location for the next request.
 */
record ChunkUploader(
    String repository,
    String location,
    Digest digest,
    BlobSource content,
    long start,
    long length,
    TransferListener listener)
    implements RegistryEndpoint<String> {

  @Override
  public String operation() {
    return "upload bytes " + start + "-" + (start + length - 1) + " of blob " + digest;
  }

  @Override
  public List<String> scopes() {
    return RegistryEndpoint.push(repository);
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(base.resolve(location))
        .header("Content-Type", "application/octet-stream")
        .header("Content-Range", start + "-" + (start + length - 1))
        .method("PATCH", Requests.streamed(content, start, length, digest, listener));
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(202, 204);
  }

  @Override
  public boolean retryable() {
    // A half-sent chunk leaves the session at an offset only the registry knows; the pusher asks.
    return false;
  }

  @Override
  public String handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    return Requests.location(response, operation());
  }
}
