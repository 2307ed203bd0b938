package io.ferry.oci.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.JsonTree;
import io.ferry.oci.OciException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from a Docker client config ({@code ~/.docker/config.json}, or {@code
 * $DOCKER_CONFIG/config.json}): the {@code auths} entries with a base64 {@code auth} or a {@code
 * username} and {@code password}. Credential helpers ({@code credsStore}) are not run: air-gapped
 * hosts rarely have them, and running one would execute an arbitrary binary.
 */
public final class DockerConfig implements CredentialProvider {

  private static final String DOCKER_HUB_LEGACY_KEY = "https://index.docker.io/v1/";

  private final Map<String, Credentials> byRegistry;
  private final boolean credentialHelpers;

  private DockerConfig(Map<String, Credentials> byRegistry, boolean credentialHelpers) {
    this.byRegistry = Map.copyOf(byRegistry);
    this.credentialHelpers = credentialHelpers;
  }

  /**
   * The current user's config, or an empty one when there is none: {@code
   * $DOCKER_CONFIG/config.json}, else {@code $HOME/.docker/config.json} as Docker and skopeo find
   * it (under sudo, in CI runners and containers {@code $HOME} can differ from the JVM's {@code
   * user.home}, read only without it).
   */
  public static DockerConfig load() {
    return read(defaultPath());
  }

  /** Where {@link #load} reads: {@code $DOCKER_CONFIG/config.json}, else under {@code $HOME}. */
  public static Path defaultPath() {
    String dockerConfig = System.getenv("DOCKER_CONFIG");
    String home = System.getenv("HOME");
    return dockerConfig != null && !dockerConfig.isBlank()
        ? Path.of(dockerConfig, "config.json")
        : Path.of(
            home != null && !home.isBlank() ? home : System.getProperty("user.home"),
            ".docker",
            "config.json");
  }

  /** Reads {@code file}; a missing file is an empty config, a broken one an error naming it. */
  public static DockerConfig read(Path file) {
    byte[] json;
    try {
      json = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return new DockerConfig(Map.of(), false);
    } catch (IOException e) {
      throw new OciException(
          "Tried to read Docker credentials from " + file + " but failed: " + e, e);
    }
    return parse(json, file.toString());
  }

  /** Parses a config's JSON; {@code source} names it in errors. */
  public static DockerConfig parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JsonTree.read(json);
    } catch (IOException e) {
      String problem = JsonTree.problem(e);
      throw new OciException(
          "Tried to read Docker credentials from "
              + source
              + " but it is not valid JSON: "
              + problem,
          e);
    }
    Map<String, Credentials> byRegistry = new LinkedHashMap<>();
    JsonNode auths = root == null ? null : root.get("auths");
    if (auths != null && auths.isObject()) {
      auths
          .fields()
          .forEachRemaining(
              entry -> {
                Credentials credentials = credentialsOf(entry.getValue(), entry.getKey(), source);
                if (credentials != null) {
                  byRegistry.put(normalize(entry.getKey()), credentials);
                }
              });
    }
    boolean helpers = root != null && (root.has("credsStore") || root.has("credHelpers"));
    return new DockerConfig(byRegistry, helpers);
  }

  /**
   * Whether the config names credential helpers ({@code credsStore}, {@code credHelpers}), which
   * Ferry does not run, and has no {@code auths} credentials of its own: then Docker's logins are
   * in the helper, out of Ferry's reach.
   */
  public boolean onlyCredentialHelpers() {
    return credentialHelpers && byRegistry.isEmpty();
  }

  @Override
  public Optional<Credentials> credentialsFor(String registry) {
    return Optional.ofNullable(byRegistry.get(normalize(registry)));
  }

  /** The registries this config has credentials for, normalized to {@code host[:port]}. */
  public Set<String> registries() {
    return byRegistry.keySet();
  }

  private static @Nullable Credentials credentialsOf(JsonNode entry, String key, String source) {
    JsonNode auth = entry.get("auth");
    if (auth != null && auth.isTextual() && !auth.asText().isEmpty()) {
      String decoded;
      try {
        decoded =
            new String(Base64.getDecoder().decode(auth.asText().strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new OciException(
            "Tried to read Docker credentials for '"
                + key
                + "' from "
                + source
                + " but its auth is not base64 of username:password");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0) {
        throw new OciException(
            "Tried to read Docker credentials for '"
                + key
                + "' from "
                + source
                + " but its auth does not decode to username:password");
      }
      return new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
    JsonNode username = entry.get("username");
    JsonNode password = entry.get("password");
    if (username != null && password != null && username.isTextual() && password.isTextual()) {
      return new Credentials(username.asText(), password.asText());
    }
    return null;
  }

  /** Turns {@code https://host:port/v1/} and Docker Hub's aliases into {@code host[:port]}. */
  static String normalize(String key) {
    if (key.equals(DOCKER_HUB_LEGACY_KEY)) {
      return "docker.io";
    }
    String host = key.strip();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
      return "docker.io";
    }
    return host;
  }
}
