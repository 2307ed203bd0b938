package io.ferry.oci.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.JsonTree;
import io.ferry.oci.OciException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Credentials from a Docker client config ({@code ~/.docker/config.json}, or {@code
 * $DOCKER_CONFIG/config.json}), looked up as the Docker CLI does: the credential helper {@code
 * credHelpers} names for the registry; else the {@code credsStore} helper; else the {@code auths}
 * entry, with a base64 {@code auth}, a {@code username} and {@code password}, or an {@code
 * identitytoken}. A helper is run ({@link CredentialHelpers}) only when a registry asks for
 * credentials, once per registry.
 */
public final class DockerConfig implements CredentialProvider {

  private static final String DOCKER_HUB_LEGACY_KEY = "https://index.docker.io/v1/";

  private final String source;
  private final Map<String, Credentials> byRegistry;
  private final @Nullable String credsStore;
  private final Map<String, String> credHelpers;
  private final @Nullable CredentialHelpers helpers;
  private final Map<String, HelperAnswer> fromHelpers = new ConcurrentHashMap<>();

  private DockerConfig(
      String source,
      Map<String, Credentials> byRegistry,
      @Nullable String credsStore,
      Map<String, String> credHelpers,
      @Nullable CredentialHelpers helpers) {
    this.source = source;
    this.byRegistry = Map.copyOf(byRegistry);
    this.credsStore = credsStore;
    this.credHelpers = Collections.unmodifiableMap(new LinkedHashMap<>(credHelpers)); // file order
    this.helpers = helpers;
  }

  /** This config, running its credential helpers from {@code helpers} instead of the PATH. */
  public DockerConfig withHelpers(CredentialHelpers helpers) {
    return new DockerConfig(source, byRegistry, credsStore, credHelpers, helpers);
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
      return new DockerConfig(file.toString(), Map.of(), null, Map.of(), null);
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
      // Only where: the parser's message quotes what it found, which may be a password.
      throw new OciException(
          "Tried to read Docker credentials from "
              + source
              + " but it is not valid JSON ("
              + JsonTree.where(e)
              + ")");
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
    String store = root == null ? null : text(root.get("credsStore"));
    Map<String, String> helpers = new LinkedHashMap<>();
    JsonNode helperNames = root == null ? null : root.get("credHelpers");
    if (helperNames != null && helperNames.isObject()) {
      helperNames
          .fields()
          .forEachRemaining(
              entry -> {
                // "" is the Docker CLI's way to say: this registry's 'auths' entry, no helper
                JsonNode name = entry.getValue();
                if (name != null && name.isTextual()) {
                  helpers.put(normalize(entry.getKey()), name.asText().strip());
                }
              });
    }
    return new DockerConfig(source, byRegistry, store, helpers, null);
  }

  /**
   * Whether this config has a way to credentials for {@code registry}: a credential helper that
   * would be asked (which may still have none), or an {@code auths} entry with credentials.
   */
  public boolean covers(String registry) {
    String host = normalize(registry);
    String helper = credHelpers.get(host);
    return (helper != null && !helper.isEmpty())
        || (helper == null && credsStore != null)
        || byRegistry.containsKey(host);
  }

  @Override
  public Optional<Credentials> credentialsFor(String registry) {
    String host = normalize(registry);
    String helper = credHelpers.get(host);
    if (helper != null && !helper.isEmpty()) {
      return fromHelper(helper, host, "credHelpers in " + source);
    }
    if (helper == null && credsStore != null) {
      // As the Docker CLI: with a store, the auths entries only list the registries logged in to.
      return fromHelper(credsStore, host, "credsStore in " + source);
    }
    return Optional.ofNullable(byRegistry.get(host));
  }

  /**
   * What helper {@code helper} has for {@code host}, asked once: threads that want the same
   * registry wait for the one asking, and a failure is kept too, so a broken or hung helper costs
   * one run, not one per request. Other registries' lookups do not wait.
   */
  @Override
  public String source(String registry) {
    String host = normalize(registry);
    String helper = credHelpers.get(host);
    if (helper != null && !helper.isEmpty()) {
      return "docker-credential-" + helper + " (credHelpers in " + source + ")";
    }
    if (helper == null && credsStore != null) {
      return "docker-credential-" + credsStore + " (credsStore in " + source + ")";
    }
    return byRegistry.containsKey(host) ? "the 'auths' entry for " + host + " in " + source : "";
  }

  private Optional<Credentials> fromHelper(String helper, String host, String configuredBy) {
    HelperAnswer answer = fromHelpers.computeIfAbsent(host, h -> new HelperAnswer());
    synchronized (answer) {
      if (!answer.asked) {
        try {
          answer.credentials =
              (helpers != null ? helpers : CredentialHelpers.fromEnvironment())
                  .get(helper, host, configuredBy);
        } catch (OciException e) {
          answer.failure = e;
        }
        answer.asked = true;
      }
      if (answer.failure != null) {
        throw answer.failure;
      }
      return answer.credentials;
    }
  }

  /** One registry's answer from its helper, once asked. */
  private static final class HelperAnswer {
    boolean asked;
    Optional<Credentials> credentials = Optional.empty();
    @Nullable OciException failure;
  }

  /**
   * The credential helpers this config names that are not installed, each as {@code
   * docker-credential-NAME (credsStore)} or {@code (credHelpers for HOST)}.
   */
  public List<String> missingHelpers() {
    CredentialHelpers search = helpers != null ? helpers : CredentialHelpers.fromEnvironment();
    List<String> missing = new ArrayList<>();
    if (credsStore != null && !search.installed(credsStore)) {
      missing.add(missing(credsStore, "credsStore"));
    }
    credHelpers.forEach(
        (host, name) -> {
          if (!name.isEmpty() && !search.installed(name)) {
            missing.add(missing(name, "credHelpers for " + host));
          }
        });
    return missing;
  }

  private static String missing(String name, String configuredBy) {
    return CredentialHelpers.validName(name)
        ? "docker-credential-" + name + " (" + configuredBy + ")"
        : "'" + name + "' (" + configuredBy + ", which is no helper name)";
  }

  /** The registries this config has credentials for, normalized to {@code host[:port]}. */
  public Set<String> registries() {
    return byRegistry.keySet();
  }

  private static @Nullable String text(@Nullable JsonNode value) {
    return value != null && value.isTextual() && !value.asText().isBlank()
        ? value.asText().strip()
        : null;
  }

  private static @Nullable Credentials credentialsOf(JsonNode entry, String key, String source) {
    String identityToken = text(entry.get("identitytoken"));
    if (identityToken != null) {
      return Credentials.identityToken(identityToken);
    }
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
