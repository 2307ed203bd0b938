package io.ferry.oci.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** {@code GET /v2/}: is this an OCI registry, and do the credentials work? */
final class Ping implements RegistryEndpoint<Void> {

  @Override
  public String operation() {
    return "check the registry API at /v2/";
  }

  @Override
  public @Nullable String repository() {
    return null;
  }

  @Override
  public HttpRequest.Builder request(URI base) {
    return HttpRequest.newBuilder(Requests.v2(base, "")).GET();
  }

  @Override
  public Set<Integer> acceptedStatuses() {
    return Set.of(200);
  }

  @Override
  public @Nullable Void handle(HttpResponse<InputStream> response) {
    RegistryCaller.discard(response);
    return null;
  }
}
