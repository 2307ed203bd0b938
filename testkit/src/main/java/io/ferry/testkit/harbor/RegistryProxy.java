package io.ferry.testkit.harbor;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards one {@code /v2/…} exchange to the real registry behind a {@link FakeHarbor}, as Harbor's
 * core forwards to its distribution: method, path and query, headers (Authorization included) and
 * body streamed both ways; addresses of the registry in {@code Location} and {@code
 * WWW-Authenticate} are rewritten to the fake's own, so clients never see the registry behind it.
 */
final class RegistryProxy {

  /** Headers the JDK client sets itself or refuses, and hop-by-hop headers. */
  private static final Set<String> NOT_FORWARDED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection");

  private static final Set<String> REWRITTEN = Set.of("location", "www-authenticate");

  private final URI backend;
  private final HttpClient http;

  RegistryProxy(URI backend, HttpClient http) {
    this.backend = backend;
    this.http = http;
  }

  void forward(HttpExchange exchange, URI front) throws IOException {
    String method = exchange.getRequestMethod();
    URI target = backend.resolve(exchange.getRequestURI().getRawPath() + query(exchange));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofMinutes(2))
            .method(method, body(exchange));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    HttpResponse<InputStream> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while forwarding " + method + " " + target, e);
    }
    String backendAddress = stripSlash(backend.toString());
    String frontAddress = stripSlash(front.toString());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("content-length") || NOT_FORWARDED.contains(lower)) {
                return;
              }
              for (String value : values) {
                exchange
                    .getResponseHeaders()
                    .add(
                        name,
                        REWRITTEN.contains(lower)
                            ? value.replace(backendAddress, frontAddress)
                            : value);
              }
            });
    long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    try (InputStream in = response.body()) {
      if (method.equals("HEAD") || length == 0) {
        // HEAD answers carry the length of what GET would send (clients read blob sizes from it).
        if (length >= 0) {
          exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
        }
        exchange.sendResponseHeaders(response.statusCode(), -1);
        in.transferTo(OutputStream.nullOutputStream());
      } else {
        exchange.sendResponseHeaders(response.statusCode(), length < 0 ? 0 : length);
        try (OutputStream out = exchange.getResponseBody()) {
          in.transferTo(out);
        }
      }
    }
  }

  private static HttpRequest.BodyPublisher body(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    boolean chunked =
        "chunked".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Transfer-Encoding"));
    long length = declared == null ? (chunked ? -1 : 0) : Long.parseLong(declared.strip());
    if (length == 0) {
      return HttpRequest.BodyPublishers.noBody();
    }
    HttpRequest.BodyPublisher stream =
        HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody);
    return length < 0 ? stream : HttpRequest.BodyPublishers.fromPublisher(stream, length);
  }

  private static String query(HttpExchange exchange) {
    String query = exchange.getRequestURI().getRawQuery();
    return query == null ? "" : "?" + query;
  }

  private static String stripSlash(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }
}
