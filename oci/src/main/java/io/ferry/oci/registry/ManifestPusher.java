package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code PUT /v2/<name>/manifests/<reference>} with the manifest's exact bytes, and a check that
 * the registry stored it under the digest of those bytes.
 */
record ManifestPusher(String repository, String reference, Manifest manifest, Duration timeout)
    implements RegistryEndpoint<Digest> {

  @Override
  public String operation() {
    return "push manifest "
        + manifest.digest()
        + (reference.contains(":") ? "" : " as tag " + reference);
  }

  @Override
  public List<String> scopes() {
    return RegistryEndpoint.push(repository);
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(Requests.v2(base, repository + "/manifests/" + reference))
        .timeout(timeout)
        .header("Content-Type", manifest.mediaType())
        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.raw()));
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200, 201);
  }

  @Override
  public Digest handle(HttpResponse<InputStream> response) throws IOException {
    RegistryCaller.discard(response);
    Digest expected = manifest.digest();
    String stored = response.headers().firstValue("Docker-Content-Digest").orElse(null);
    if (stored != null && !Digest.parse(stored).equals(expected)) {
      throw new IOException(
          "the registry stored the manifest as "
              + stored
              + " instead of "
              + expected
              + " (it rewrote the manifest)");
    }
    return expected;
  }
}
