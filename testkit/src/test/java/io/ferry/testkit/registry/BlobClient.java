package io.ferry.testkit.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Pushes and pulls blobs with java.net.http the way a Docker client does: basic credentials, or a
 * bearer token fetched by following the registry's {@code WWW-Authenticate} challenge.
 */
final class BlobClient {

  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private final OciRegistry registry;
  private final HttpClient http;
  private final @Nullable RegistryCredentials credentials;
  private @Nullable String bearer;

  BlobClient(OciRegistry registry, @Nullable RegistryCredentials credentials) {
    this.registry = registry;
    this.http = registry.newHttpClient();
    this.credentials = credentials;
  }

  /** Pushes {@code content} as a monolithic upload and returns its digest. */
  String pushBlob(String repository, byte[] content) throws IOException, InterruptedException {
    String digest = digest(content);
    HttpResponse<String> started =
        send(
            () ->
                HttpRequest.newBuilder(
                        registry.baseUri().resolve("/v2/" + repository + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()));
    if (started.statusCode() != 202) {
      throw new IOException(
          "upload start answered " + started.statusCode() + ": " + started.body());
    }
    URI location =
        registry.baseUri().resolve(started.headers().firstValue("Location").orElseThrow());
    String separator = location.getRawQuery() == null ? "?" : "&";
    URI put =
        URI.create(
            location + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
    HttpResponse<String> finished =
        send(
            () ->
                HttpRequest.newBuilder(put)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
    if (finished.statusCode() != 201) {
      throw new IOException(
          "upload end answered " + finished.statusCode() + ": " + finished.body());
    }
    return digest;
  }

  /** Pulls a blob and returns the whole response. */
  HttpResponse<byte[]> pullBlob(String repository, String digest)
      throws IOException, InterruptedException {
    Supplier<HttpRequest.Builder> request =
        () ->
            HttpRequest.newBuilder(
                    registry.baseUri().resolve("/v2/" + repository + "/blobs/" + digest))
                .GET();
    HttpResponse<byte[]> response =
        http.send(authorized(request), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() == 401 && fetchTokenFor(response)) {
      response = http.send(authorized(request), HttpResponse.BodyHandlers.ofByteArray());
    }
    return response;
  }

  /** Sends a request, answering one bearer challenge by fetching a token. */
  HttpResponse<String> send(Supplier<HttpRequest.Builder> request)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 401 && fetchTokenFor(response)) {
      response = http.send(authorized(request), HttpResponse.BodyHandlers.ofString());
    }
    return response;
  }

  /** Asks the token server named by a challenge for a token; the raw response is returned. */
  HttpResponse<String> requestToken(Map<String, String> challenge)
      throws IOException, InterruptedException {
    String query =
        "service="
            + URLEncoder.encode(challenge.getOrDefault("service", ""), StandardCharsets.UTF_8)
            + "&scope="
            + URLEncoder.encode(challenge.getOrDefault("scope", ""), StandardCharsets.UTF_8);
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(challenge.get("realm") + "?" + query)).GET();
    if (credentials != null) {
      builder.header("Authorization", credentials.basicAuthorization());
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Parses {@code Bearer realm="..",service="..",scope=".."}. */
  static Map<String, String> parseChallenge(String header) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher matcher = CHALLENGE_PARAM.matcher(header);
    while (matcher.find()) {
      params.put(matcher.group(1), matcher.group(2));
    }
    return params;
  }

  static String digest(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean fetchTokenFor(HttpResponse<?> unauthorized)
      throws IOException, InterruptedException {
    String header = unauthorized.headers().firstValue("WWW-Authenticate").orElse("");
    if (!header.startsWith("Bearer ")) {
      return false;
    }
    HttpResponse<String> response = requestToken(parseChallenge(header));
    if (response.statusCode() != 200) {
      throw new IOException(
          "token server answered " + response.statusCode() + ": " + response.body());
    }
    Matcher token = TOKEN.matcher(response.body());
    if (!token.find()) {
      throw new IOException("token server answered no token: " + response.body());
    }
    bearer = token.group(1);
    return true;
  }

  private HttpRequest authorized(Supplier<HttpRequest.Builder> request) {
    HttpRequest.Builder builder = request.get();
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    } else if (credentials != null && registry.basicAuthCredentials().isPresent()) {
      builder.header("Authorization", credentials.basicAuthorization());
    }
    return builder.build();
  }
}
