package io.ferry.oci.registry;

import io.ferry.oci.Descriptor;
import io.ferry.oci.Digest;
import io.ferry.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** {@code HEAD /v2/<name>/manifests/<reference>}: the descriptor when it exists, else empty. */
record ManifestChecker(String repository, String reference, Duration timeout)
    implements RegistryEndpoint<Optional<Descriptor>> {

  @Override
  public String operation() {
    return "check manifest " + reference;
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(Requests.v2(base, repository + "/manifests/" + reference))
        .timeout(timeout)
        .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT))
        .method("HEAD", HttpRequest.BodyPublishers.noBody());
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200, 404);
  }

  @Override
  public Optional<Descriptor> handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    String digest =
        response
            .headers()
            .firstValue("Docker-Content-Digest")
            .orElseThrow(() -> new IOException("the registry sent no Docker-Content-Digest"));
    String mediaType =
        response
            .headers()
            .firstValue("Content-Type")
            .map(t -> t.split(";", 2)[0].strip())
            .orElse("");
    long size = response.headers().firstValueAsLong("Content-Length").orElse(0);
    return Optional.of(Descriptor.of(mediaType, Digest.parse(digest), size));
  }
}
