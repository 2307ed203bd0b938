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
import org.jspecify.annotations.Nullable;

/**
 * {@code PUT <location>?digest=<digest>}: with the whole blob as body (monolithic upload), or with
 * none after the chunks were sent. The registry checks the digest over everything it received.
 */
record UploadCompleter(
    String repository,
    String location,
    Digest digest,
    @Nullable BlobSource content,
    TransferListener listener)
    implements RegistryEndpoint<Digest> {

  @Override
  public String operation() {
    return (content == null ? "complete upload of blob " : "push blob ") + digest;
  }

  @Override
  public List<String> scopes() {
    return RegistryEndpoint.push(repository);
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(Requests.withQuery(base, location, "digest=" + digest))
            .header("Content-Type", "application/octet-stream");
    BlobSource source = content;
    if (source == null) {
      return request.PUT(HttpRequest.BodyPublishers.noBody());
    }
    return request.PUT(Requests.streamed(source, 0, source.size(), digest, listener));
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(201, 204);
  }

  @Override
  public boolean retryable() {
    // The upload session may be spent after a failed PUT; the pusher restarts from POST instead.
    return false;
  }

  @Override
  public Digest handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    String stored = response.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (stored != null && !Digest.parse(stored).equals(digest)) {
      throw new IOException("the registry stored the blob as " + stored + " instead of " + digest);
    }
    return digest;
  }
}
