package io.ferry.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;

/** A readiness check that is true when a GET of a URL answers one of the expected statuses. */
public final class HttpProbe implements ReadinessCheck {

  private final URI uri;
  private final Set<Integer> statuses;
  private final HttpClient client;

  private HttpProbe(URI uri, Set<Integer> statuses, @Nullable SSLContext sslContext) {
    this.uri = uri;
    this.statuses = Set.copyOf(statuses);
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2));
    if (sslContext != null) {
      builder.sslContext(sslContext);
    }
    this.client = builder.build();
  }

  /** Ready when a GET of {@code uri} answers one of {@code statuses}. */
  public static HttpProbe get(URI uri, Set<Integer> statuses) {
    return new HttpProbe(uri, statuses, null);
  }

  /** Ready when a GET of {@code uri} over TLS trusting {@code sslContext} answers a status. */
  public static HttpProbe get(URI uri, Set<Integer> statuses, @Nullable SSLContext sslContext) {
    return new HttpProbe(uri, statuses, sslContext);
  }

  @Override
  public boolean isReady() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    if (!statuses.contains(status)) {
      throw new IllegalStateException("GET " + uri + " answered " + status);
    }
    return true;
  }

  /** Describes the check for error messages. */
  public String describe() {
    return "GET " + uri + " answering " + statuses;
  }
}
