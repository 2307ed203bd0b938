package io.ferry.oci.registry;

import io.ferry.oci.DigestMismatchException;
import io.ferry.oci.FerryVersion;
import io.ferry.oci.RegistryException;
import io.ferry.oci.auth.Authenticator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Sends a {@link RegistryEndpoint}'s requests to one registry: adds {@code User-Agent} and
 * authorization, answers one auth challenge per attempt, retries {@code 429}, {@code 5xx} and I/O
 * errors as {@link RetryPolicy} says, and turns any other answer into a {@link RegistryException}.
 */
final class RegistryCaller {

  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int MAX_REDIRECTS = 5;

  private final String registry;
  private final URI base;
  private final Http1Client http;
  private final Authenticator authenticator;
  private final TransportOptions options;

  RegistryCaller(
      String registry,
      URI base,
      Http1Client http,
      Authenticator authenticator,
      TransportOptions options) {
    this.registry = registry;
    this.base = base;
    this.http = http;
    this.authenticator = authenticator;
    this.options = options;
  }

  String registry() {
    return registry;
  }

  URI base() {
    return base;
  }

  TransportOptions options() {
    return options;
  }

  <T> T call(RegistryEndpoint<T> endpoint) {
    int maxAttempts = endpoint.retryable() ? options.retry().maxAttempts() : 1;
    for (int attempt = 1; ; attempt++) {
      try {
        return attempt(endpoint);
      } catch (RegistryException e) {
        if (attempt >= maxAttempts || !isRetryable(e)) {
          throw e;
        }
        sleep(options.retry().backoff(attempt, retryAfterOf(e)), endpoint);
      }
    }
  }

  /**
   * Whether {@code e} is worth another try: rate limiting, a server error or a broken connection
   * (not one broken by interrupting this thread).
   */
  static boolean isRetryable(RegistryException e) {
    if (e.status() != 0) {
      return RETRYABLE_STATUSES.contains(e.status());
    }
    Throwable cause = e.getCause();
    return !Thread.currentThread().isInterrupted()
        && cause instanceof IOException
        && !(cause instanceof SSLException)
        && !DigestMismatchException.isCauseOf(cause);
  }

  private <T> T attempt(RegistryEndpoint<T> endpoint) {
    String sentAuthorization = null;
    boolean answeredChallenge = false;
    while (true) {
      HttpRequest.Builder request =
          endpoint.request(base).header("User-Agent", FerryVersion.userAgent());
      sentAuthorization =
          authenticator
              .authorization(endpoint.scopes(), endpoint.repository(), endpoint.operation())
              .orElse(null);
      if (sentAuthorization != null) {
        request.header("Authorization", sentAuthorization);
      }
      HttpResponse<InputStream> response =
          followRedirects(send(request.build(), endpoint), endpoint);
      int status = response.statusCode();
      if (status == 401 && !answeredChallenge) {
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
        ErrorResponse refusal = ErrorResponse.parse(readBounded(response));
        answeredChallenge = true;
        if (authenticator.challenged(
            challenge,
            endpoint.scopes(),
            sentAuthorization,
            endpoint.repository(),
            endpoint.operation())) {
          continue;
        }
        throw failure(endpoint, 401, refusal, null);
      }
      if (endpoint.acceptedStatuses().contains(status)) {
        try {
          return endpoint.handle(response);
        } catch (IOException e) {
          throw ioFailure(endpoint, e);
        }
      }
      ErrorResponse error = ErrorResponse.parse(readBounded(response));
      throw failure(endpoint, status, error, response);
    }
  }

  /**
   * Follows redirects of reads (blob GETs go to storage backends) without the registry's {@code
   * Authorization}, which a backend would reject or should never see.
   */
  private HttpResponse<InputStream> followRedirects(
      HttpResponse<InputStream> response, RegistryEndpoint<?> endpoint) {
    HttpResponse<InputStream> current = response;
    for (int hop = 0; hop < MAX_REDIRECTS && REDIRECTS.contains(current.statusCode()); hop++) {
      HttpRequest previous = current.request();
      String method = previous.method();
      String location = current.headers().firstValue("Location").orElse(null);
      if (location == null || !(method.equals("GET") || method.equals("HEAD"))) {
        return current;
      }
      discard(current);
      HttpRequest.Builder next =
          HttpRequest.newBuilder(previous.uri().resolve(location))
              .method(method, HttpRequest.BodyPublishers.noBody())
              .header("User-Agent", FerryVersion.userAgent());
      previous.timeout().ifPresent(next::timeout);
      for (String header : List.of("Range", "Accept")) {
        previous.headers().firstValue(header).ifPresent(value -> next.header(header, value));
      }
      current = send(next.build(), endpoint);
    }
    return current;
  }

  private HttpResponse<InputStream> send(HttpRequest request, RegistryEndpoint<?> endpoint) {
    try {
      return http.send(request);
    } catch (IOException e) {
      if (!Thread.currentThread().isInterrupted()) {
        throw ioFailure(endpoint, e);
      }
      throw new RegistryException(
          registry,
          endpoint.repository(),
          endpoint.operation(),
          0,
          List.of(),
          "interrupted",
          "",
          e);
    }
  }

  RegistryException ioFailure(RegistryEndpoint<?> endpoint, IOException e) {
    String scheme = base.getScheme();
    return new RegistryException(
        registry,
        endpoint.repository(),
        endpoint.operation(),
        0,
        List.of(),
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        ErrorHints.forIoError(e, registry, scheme),
        e);
  }

  private RegistryException failure(
      RegistryEndpoint<?> endpoint,
      int status,
      ErrorResponse error,
      @Nullable HttpResponse<?> response) {
    String answer =
        ErrorHints.statusLine(status)
            + (error.summary().isEmpty() ? "" : " [" + error.summary() + "]");
    boolean push = endpoint.scopes().stream().anyMatch(scope -> scope.contains("push"));
    String hint =
        ErrorHints.forStatus(
            status, error, registry, endpoint.repository(), authenticator.credentialUse(), push);
    if (status == 429 || status == 503) {
      Duration retryAfter = response == null ? null : parseRetryAfter(response);
      if (retryAfter != null) {
        return new RegistryException(
            registry,
            endpoint.repository(),
            endpoint.operation(),
            status,
            error.codes(),
            answer,
            hint,
            retryAfter,
            null);
      }
    }
    return new RegistryException(
        registry,
        endpoint.repository(),
        endpoint.operation(),
        status,
        error.codes(),
        answer,
        hint,
        null);
  }

  static @Nullable Duration parseRetryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse(null);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime when =
            ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException ignored) {
        return null;
      }
    }
  }

  private static @Nullable Duration retryAfterOf(RegistryException e) {
    return e.retryAfter().orElse(null);
  }

  private void sleep(Duration wait, RegistryEndpoint<?> endpoint) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(
          registry,
          endpoint.repository(),
          endpoint.operation(),
          0,
          List.of(),
          "interrupted while waiting to retry",
          "",
          e);
    }
  }

  static void discard(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      // The connection is abandoned anyway; nothing to report.
    }
  }

  private static byte[] readBounded(HttpResponse<InputStream> response) {
    try (InputStream body = response.body()) {
      return body.readNBytes(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
