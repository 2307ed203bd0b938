package io.ferry.oci.registry;

import io.ferry.oci.Digest;
import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.manifest.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;

/**
 * {@code GET /v2/<name>/manifests/<reference>}, accepting every manifest and index type, and
 * verifying the bytes against the digest asked for or the one the registry announces.
 */
record ManifestPuller(String registry, String repository, String reference, Duration timeout)
    implements RegistryEndpoint<Manifest> {

  /** Distribution refuses manifests over 4 MiB; more than that is not a manifest. */
  static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

  @Override
  public String operation() {
    return "pull manifest " + reference;
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(Requests.v2(base, repository + "/manifests/" + reference))
        .timeout(timeout)
        .header("Accept", String.join(", ", MediaTypes.MANIFEST_ACCEPT))
        .GET();
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200);
  }

  @Override
  public Manifest handle(HttpResponse<InputStream> response) throws IOException {
    byte[] raw;
    try (InputStream body = response.body()) {
      raw = body.readNBytes(MAX_MANIFEST_SIZE + 1);
    }
    String where = "manifest " + reference + " from " + registry + "/" + repository;
    if (raw.length > MAX_MANIFEST_SIZE) {
      throw new IOException(where + " is larger than " + MAX_MANIFEST_SIZE + " bytes");
    }
    Digest actual = Digest.of(raw);
    Digest expected =
        reference.contains(":")
            ? Digest.parse(reference)
            : response
                .headers()
                .firstValue("Docker-Content-Digest")
                .map(Digest::parse)
                .orElse(actual);
    if (!actual.equals(expected)) {
      throw new DigestMismatchException(
          expected,
          "Read "
              + where
              + " but its content hashes to "
              + actual
              + " instead of "
              + expected
              + " (corrupted in storage or in transit)");
    }
    return Manifest.parse(raw, response.headers().firstValue("Content-Type").orElse(null));
  }
}
