package io.ferry.oci.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.FerryVersion;
import io.ferry.oci.JsonTree;
import io.ferry.oci.RegistryException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Gets a token from the realm a {@code Bearer} challenge names: {@code GET realm?service=…&scope=…}
 * with basic credentials when there are any (the Docker token spec), or, for an identity token,
 * {@code POST realm} with {@code grant_type=refresh_token} (the Docker OAuth2 token spec).
 */
final class TokenFetcher {

  /** The token spec's default when the server leaves {@code expires_in} out. */
  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  private final Supplier<HttpClient> http;
  private final Duration timeout;
  private final Clock clock;

  TokenFetcher(Supplier<HttpClient> http, Duration timeout, Clock clock) {
    this.http = http;
    this.timeout = timeout;
    this.clock = clock;
  }

  BearerToken fetch(
      Challenge challenge,
      Collection<String> scopes,
      Optional<Credentials> credentials,
      String registry,
      @Nullable String repository,
      String operation) {
    String realm = challenge.parameter("realm");
    String tried = operation + " (token for " + String.join(" ", scopes) + ")";
    if (realm == null || realm.isBlank()) {
      throw new RegistryException(
          registry,
          repository,
          tried,
          401,
          List.of(),
          "401 with a Bearer challenge that names no realm",
          "the registry's token auth is misconfigured",
          null);
    }
    String service = challenge.parameter("service");
    HttpRequest.Builder request;
    boolean identityToken = credentials.isPresent() && credentials.get().isIdentityToken();
    if (identityToken) {
      StringBuilder form = new StringBuilder("grant_type=refresh_token&client_id=ferry");
      form.append("&refresh_token=").append(encode(credentials.get().password()));
      if (service != null) {
        form.append("&service=").append(encode(service));
      }
      if (!scopes.isEmpty()) {
        form.append("&scope=").append(encode(String.join(" ", scopes)));
      }
      request =
          HttpRequest.newBuilder(URI.create(realm))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    } else {
      StringBuilder query = new StringBuilder();
      if (service != null) {
        query.append("service=").append(encode(service));
      }
      for (String scope : scopes) {
        query.append(query.length() == 0 ? "" : "&").append("scope=").append(encode(scope));
      }
      URI uri =
          URI.create(
              realm + (query.length() == 0 ? "" : (realm.contains("?") ? "&" : "?") + query));
      HttpRequest.Builder get = HttpRequest.newBuilder(uri).GET();
      credentials.ifPresent(c -> get.header("Authorization", c.basicAuthorization()));
      request = get;
    }
    request
        .timeout(timeout)
        .header("User-Agent", FerryVersion.userAgent())
        .header("Accept", "application/json");
    HttpResponse<byte[]> response;
    try {
      response = http.get().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new RegistryException(
          registry,
          repository,
          tried,
          0,
          List.of(),
          "token server " + realm + " unreachable: " + e,
          "is the token service named by the registry's realm reachable from here?",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException(registry, repository, tried, 0, List.of(), "interrupted", "", e);
    }
    int status = response.statusCode();
    if (status == 200) {
      return parse(response.body(), registry, repository, tried);
    }
    String hint;
    // An OAuth2 token service refuses a bad refresh token with 400 invalid_grant (RFC 6749 5.2).
    if (identityToken
        && (status == 401
            || status == 403
            || (status == 400
                && new String(response.body(), StandardCharsets.UTF_8)
                    .contains("invalid_grant")))) {
      hint =
          "the identity token saved by docker login for "
              + registry
              + " was refused (expired or revoked?): run docker login "
              + registry
              + " again, or pass --username and --password-stdin";
    } else if (identityToken && (status == 404 || status == 405)) {
      hint =
          "this token service does not take the OAuth2 refresh-token POST an identity token"
              + " needs: pass --username and --password-stdin";
    } else if (status == 401 || status == 403) {
      hint =
          credentials.isPresent()
              ? "check the username and password for "
                  + registry
                  + " (user '"
                  + credentials.get().username()
                  + "')"
              : "the registry needs credentials: docker login " + registry + " or pass --username";
    } else {
      hint = "the token service is failing";
    }
    throw new RegistryException(
        registry,
        repository,
        tried,
        status,
        List.of(),
        status + " from token server " + realm,
        hint,
        null);
  }

  private BearerToken parse(
      byte[] body, String registry, @Nullable String repository, String tried) {
    JsonNode json;
    try {
      json = JsonTree.read(body);
    } catch (IOException e) {
      json = null;
    }
    String token = json == null ? null : text(json, "token");
    if (token == null && json != null) {
      token = text(json, "access_token");
    }
    if (token == null || token.isEmpty()) {
      throw new RegistryException(
          registry,
          repository,
          tried,
          200,
          List.of(),
          "the token server's answer has neither token nor access_token",
          "the realm does not point at a Docker token service",
          null);
    }
    Duration lifetime = DEFAULT_LIFETIME;
    JsonNode expiresIn = json.get("expires_in");
    if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
      lifetime = Duration.ofSeconds(expiresIn.asLong());
    }
    Instant issuedAt = clock.instant();
    String issued = text(json, "issued_at");
    if (issued != null) {
      try {
        Instant parsed = Instant.parse(issued);
        // A token server whose clock is ahead must not make the token look fresher than it is.
        issuedAt = parsed.isBefore(issuedAt) ? parsed : issuedAt;
      } catch (DateTimeParseException e) {
        // Keep our own clock's reading; issued_at is optional.
      }
    }
    return new BearerToken(token, issuedAt.plus(lifetime));
  }

  private static @Nullable String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
