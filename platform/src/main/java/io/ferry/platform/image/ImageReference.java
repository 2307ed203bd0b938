package io.ferry.platform.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference, {@code [host[:port]/]path/name[:tag][@sha256:hex]}, split into the
 * parts the site registry rewrite needs.
 *
 * @param repository everything before the tag and digest, host included
 * @param tag the tag, when given
 * @param digest the digest ({@code sha256:…}), when given
 */
public record ImageReference(String repository, Optional<String> tag, Optional<String> digest) {

  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+([._-][a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

  /**
   * Parses a reference.
   *
   * @throws IllegalArgumentException saying what part is wrong
   */
  public static ImageReference parse(String reference) {
    String rest = reference;
    Optional<String> digest = Optional.empty();
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = Optional.of(rest.substring(at + 1));
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest.get()).matches()) {
        throw new IllegalArgumentException(
            "its digest '" + digest.get() + "' is not sha256: followed by 64 lowercase hex digits");
      }
    }
    Optional<String> tag = Optional.empty();
    int colon = rest.lastIndexOf(':');
    if (colon > rest.lastIndexOf('/')) {
      tag = Optional.of(rest.substring(colon + 1));
      rest = rest.substring(0, colon);
      if (!TAG.matcher(tag.get()).matches()) {
        throw new IllegalArgumentException("its tag '" + tag.get() + "' is not a valid tag");
      }
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException("it names no repository");
    }
    String[] parts = rest.split("/", -1);
    boolean hasHost =
        parts.length > 1
            && (parts[0].contains(".") || parts[0].contains(":") || parts[0].equals("localhost"));
    for (int i = hasHost ? 1 : 0; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException(
            "its path element '"
                + parts[i]
                + "' is not lowercase letters and digits separated by '.', '_' or '-'");
      }
    }
    return new ImageReference(rest, tag, digest);
  }

  /**
   * The last path element of the repository: {@code gatekeeper} for {@code a.b/project/gatekeeper}.
   */
  public String name() {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  /**
   * Whether the reference pins a tag or a digest (an implicit {@code latest} cannot be ferried).
   */
  public boolean isPinned() {
    return tag.isPresent() || digest.isPresent();
  }

  @Override
  public String toString() {
    return repository + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
  }
}
