package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v2/<name>/blobs/uploads/}, optionally {@code ?mount=<digest>&from=<repo>}: either
 * the blob is mounted from the other repository ({@code 201}), or an upload session starts ({@code
 * 202}) at the returned location.
 */
record UploadStarter(String repository, Digest digest, @Nullable String mountFrom, Duration timeout)
    implements RegistryEndpoint<UploadStarter.Started> {

  /** The answer: mounted, or the upload location to send the content to. */
  record Started(boolean mounted, @Nullable String location) {}

  @Override
  public String operation() {
    return mountFrom == null
        ? "start upload of blob " + digest
        : "mount blob " + digest + " from " + mountFrom;
  }

  @Override
  public List<String> scopes() {
    List<String> scopes = new ArrayList<>(RegistryEndpoint.push(repository));
    if (mountFrom != null) {
      scopes.addAll(RegistryEndpoint.pull(mountFrom));
    }
    return scopes;
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    String query = mountFrom == null ? "" : "?mount=" + digest + "&from=" + mountFrom;
    return HttpRequest.newBuilder(Requests.v2(base, repository + "/blobs/uploads/" + query))
        .timeout(timeout)
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(201, 202);
  }

  @Override
  public Started handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    if (response.statusCode() == 201) {
      return new Started(true, null);
    }
    return new Started(false, Requests.location(response, operation()));
  }
}
