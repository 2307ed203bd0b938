package io.ferry.oci;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A reference to an image such as {@code registry.local:5000/project/app:1.2@sha256:…}, with
 * Docker's defaults: no registry means {@code docker.io}, a single-name repository there means
 * {@code library/<name>}, and neither tag nor digest means {@code latest}.
 *
 * @param registry {@code host[:port]}, e.g. {@code docker.io} or {@code 127.0.0.1:5000}
 * @param repository e.g. {@code library/nginx}
 * @param tag the tag, or null when the reference is by digest only
 * @param digest the digest, or null when the reference is by tag only
 */
public record ImageRef(
    String registry, String repository, @Nullable String tag, @Nullable Digest digest) {

  /** The registry a reference without one means. */
  public static final String DOCKER_HUB = "docker.io";

  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
  private static final Pattern REGISTRY =
      Pattern.compile(
          "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9-]+)*|\\[[0-9a-fA-F:.]+\\])(?::([0-9]{1,5}))?");

  public ImageRef {
    List<String> problems = new ArrayList<>();
    String registryProblem = registryProblem(registry);
    if (registryProblem != null) {
      problems.add("registry was '" + registry + "' but " + registryProblem);
    }
    String repositoryProblem = repositoryProblem(repository);
    if (repositoryProblem != null) {
      problems.add("repository was '" + repository + "' but " + repositoryProblem);
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      problems.add(
          "tag was '"
              + tag
              + "' but it must be up to 128 letters, digits, '_', '.' or '-', not starting with"
              + " '.' or '-'");
    }
    if (tag == null && digest == null) {
      problems.add("it has neither a tag nor a digest");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid image reference: " + String.join("; ", problems));
    }
  }

  /**
   * What is wrong with {@code registry} as a registry's address, or null when nothing is: a host
   * name or an IP address (IPv6 in brackets), then maybe a port from 1 to 65535.
   */
  public static @Nullable String registryProblem(String registry) {
    Matcher matcher = REGISTRY.matcher(registry);
    if (matcher.matches()) {
      String port = matcher.group(1);
      if (port == null || (Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535)) {
        return null;
      }
    }
    return "it must be HOST[:PORT], a host name or IP address (IPv6 in brackets) and a port from 1"
        + " to 65535, e.g. registry.local:5000 or [::1]:5000";
  }

  /**
   * What is wrong with {@code repository} as a repository name inside a registry (no host), by the
   * distribution spec's grammar, or null when nothing is: "its part 'My_App' must be lowercase
   * letters and digits separated by '.', '_', '__' or '-'".
   */
  public static @Nullable String repositoryProblem(String repository) {
    if (repository.isEmpty()) {
      return "it is empty";
    }
    if (repository.length() > 255) {
      return "it is longer than 255 characters";
    }
    for (String component : repository.split("/", -1)) {
      if (component.isEmpty()) {
        return "it has an empty part (a '/' at its start or end, or two in a row)";
      }
      if (!COMPONENT.matcher(component).matches()) {
        return "its part '"
            + component
            + "' must be lowercase letters and digits separated by '.', '_', '__' or '-'";
      }
    }
    return null;
  }

  /**
   * Parses {@code [host[:port]/]repository[:tag][@digest]}; the error names every part that is
   * wrong.
   */
  public static ImageRef parse(String reference) {
    String rest = reference.strip();
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("Image reference was '' but it must name a repository");
    }
    Digest digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      try {
        digest = Digest.parse(rest.substring(at + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "Image reference was '" + reference + "' but " + e.getMessage(), e);
      }
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry = DOCKER_HUB;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".")
          || first.contains(":")
          || first.equals("localhost")
          || first.startsWith("[")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = DOCKER_HUB;
    }
    if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
      rest = "library/" + rest;
    }
    if (tag == null && digest == null) {
      tag = "latest";
    }
    try {
      return new ImageRef(registry, rest, tag, digest);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Image reference '" + reference + "' is invalid: " + e.getMessage(), e);
    }
  }

  /** The same image in another registry, e.g. the site registry a bundle is pushed into. */
  public ImageRef withRegistry(String newRegistry) {
    return new ImageRef(newRegistry, repository, tag, digest);
  }

  /** The same image under another repository name. */
  public ImageRef withRepository(String newRepository) {
    return new ImageRef(registry, newRepository, tag, digest);
  }

  /** The same repository with this tag and no digest. */
  public ImageRef withTag(String newTag) {
    return new ImageRef(registry, repository, newTag, null);
  }

  /** The same repository pinned to this digest, keeping the tag for display. */
  public ImageRef withDigest(Digest newDigest) {
    return new ImageRef(registry, repository, tag, newDigest);
  }

  /** What goes in a manifest URL: the digest when there is one, otherwise the tag. */
  public String reference() {
    return digest != null ? digest.toString() : Objects.requireNonNull(tag);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(registry).append('/').append(repository);
    if (tag != null) {
      text.append(':').append(tag);
    }
    if (digest != null) {
      text.append('@').append(digest);
    }
    return text.toString();
  }
}
