package io.ferry.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferry.oci.Descriptor;
import io.ferry.oci.ImageRef;
import io.ferry.oci.JsonTree;
import io.ferry.oci.Platform;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Finds what a bundle stores for an image: pulls its manifest, filters an index to the wanted
 * platforms, and learns a single manifest's platform from its config.
 *
 * <p>An index is kept as an index even when one platform is left, so the site gets the same kind of
 * reference the vendor published; when every entry is wanted the source's exact bytes are kept, so
 * the digest does not change.
 */
final class ImageResolver {

  private static final int MAX_CONFIG = 4 * 1024 * 1024;

  private static final String PLATFORM_OPTIONS =
      " (--platform names the platforms the bundle is for; --allow-missing-platforms carries an"
          + " image for those of them it has)";

  private final RegistryClients registries;
  private final List<Platform> platforms;
  private final boolean allowMissing;

  /**
   * Resolves images for {@code platforms}; an image that lacks some of them fails unless {@code
   * allowMissing}, when it is carried for those it has (not for none).
   */
  ImageResolver(RegistryClients registries, List<Platform> platforms, boolean allowMissing) {
    this.registries = registries;
    this.platforms = List.copyOf(platforms);
    this.allowMissing = allowMissing;
  }

  ResolvedImage resolve(String source) {
    ImageRef ref;
    try {
      ref = ImageRef.parse(source);
    } catch (IllegalArgumentException e) {
      throw new BundleException(
          "image '" + source + "' is not an image reference: " + e.getMessage(), e);
    }
    RegistryClient client = registries.client(ref.registry());
    Manifest pulled = client.pullManifest(ref);
    Map<String, ImageManifest> manifests = new LinkedHashMap<>();
    Map<String, byte[]> configs = new HashMap<>();
    Manifest top;
    if (pulled instanceof ImageIndex index) {
      List<Descriptor> wanted = index.manifestsFor(platforms);
      List<Platform> missing =
          platforms.stream()
              .filter(
                  platform ->
                      wanted.stream().noneMatch(entry -> platform.matches(entry.platform())))
              .toList();
      if (!missing.isEmpty() && (!allowMissing || wanted.isEmpty())) {
        // A site of that platform could not run the image: refused like an image that is
        // missing, rather than carried for fewer platforms than the bundle says it is for,
        // unless the request allows that (and the image has one of them at least).
        throw new BundleException(
            "image '"
                + source
                + "' has no manifest for "
                + missing.stream().map(Platform::toString).collect(Collectors.joining(", "))
                + "; it has "
                + index.manifests().stream()
                    .map(entry -> String.valueOf(entry.platform()))
                    .collect(Collectors.joining(", "))
                + platformOptions());
      }
      for (Descriptor entry : wanted) {
        Manifest child = client.pullManifest(ref.repository(), entry.digest().toString());
        if (!(child instanceof ImageManifest image)) {
          throw new BundleException(
              "image '"
                  + source
                  + "' has a nested index "
                  + entry.digest()
                  + ", which Ferry does not carry");
        }
        manifests.put(String.valueOf(entry.platform()), image);
      }
      top =
          wanted.size() == index.manifests().size()
              ? index
              : ImageIndex.of(index.mediaType(), wanted, index.annotations());
    } else {
      ImageManifest image = (ImageManifest) pulled;
      byte[] config = readConfig(client, ref, image);
      configs.put(image.config().digest().toString(), config);
      Platform platform = platformOf(config);
      boolean forSome = platform == null || platforms.stream().anyMatch(p -> p.matches(platform));
      boolean forAll = platform == null || platforms.stream().allMatch(p -> p.matches(platform));
      if (!forAll && (!allowMissing || !forSome)) {
        throw new BundleException(
            "image '"
                + source
                + "' is only for "
                + platform
                + " but the bundle is for "
                + platformsText()
                + platformOptions());
      }
      manifests.put(platform == null ? "unknown" : platform.toString(), image);
      top = image;
    }
    return new ResolvedImage(source, ref, top, pulled.digest().toString(), manifests, configs);
  }

  private static byte[] readConfig(RegistryClient client, ImageRef ref, ImageManifest image) {
    if (image.config().size() > MAX_CONFIG) {
      throw new BundleException(
          "image '"
              + ref
              + "' has a config of "
              + image.config().size()
              + " bytes, more than a config may have");
    }
    try (InputStream in = client.pullBlob(ref.repository(), image.config())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new BundleException(
          "Tried to read the config of image '" + ref + "' but failed: " + e, e);
    }
  }

  private static @Nullable Platform platformOf(byte[] config) {
    try {
      JsonNode json = JsonTree.read(config);
      String os = json.path("os").asText("");
      String architecture = json.path("architecture").asText("");
      String variant = json.path("variant").asText(null);
      if (os.isEmpty() || architecture.isEmpty()) {
        return null;
      }
      return new Platform(os, architecture, variant);
    } catch (IOException | IllegalArgumentException e) {
      return null; // not an image config (an artifact): carry it, platform unknown
    }
  }

  /** What the user can do about it: --allow-missing-platforms only when not given already. */
  private String platformOptions() {
    return allowMissing
        ? " (it has none of the platforms the bundle is for; --platform names them)"
        : PLATFORM_OPTIONS;
  }

  private String platformsText() {
    return platforms.stream().map(Platform::toString).collect(Collectors.joining(", "));
  }
}
