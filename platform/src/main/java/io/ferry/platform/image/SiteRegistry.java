package io.ferry.platform.image;

/**
 * The rule that maps a vendor image to its name in the site registry, shared by {@code ferry bundle
 * push} and the deployer so both agree on where an image lives.
 *
 * <p>{@code registry.vendor.example/project1/abc-service:1.4.0} becomes {@code
 * <host>/<project>/abc-service:1.4.0}: the last path element of the repository is kept, the tag and
 * digest are kept as they are. Without a project it becomes {@code <host>/abc-service:1.4.0}.
 *
 * @param host the site registry host, with a port when not 443
 * @param project the Harbor project or path prefix; empty for none
 */
public record SiteRegistry(String host, String project) {

  /**
   * Rewrites {@code sourceImage} to the site registry.
   *
   * @throws IllegalArgumentException when {@code sourceImage} is not an image reference
   */
  public String rewrite(String sourceImage) {
    return rewrite(ImageReference.parse(sourceImage)).toString();
  }

  /** Rewrites a parsed reference to the site registry. */
  public ImageReference rewrite(ImageReference source) {
    String prefix = project.isEmpty() ? host : host + "/" + project;
    return new ImageReference(prefix + "/" + source.name(), source.tag(), source.digest());
  }
}
