package io.ferry.platform.preflight;

import io.ferry.oci.Descriptor;
import io.ferry.oci.ImageRef;
import io.ferry.oci.OciException;
import io.ferry.oci.registry.RegistryClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Checks images with a manifest {@code HEAD} through the {@code oci} module's registry client. */
public final class RegistryImageChecker implements ImageChecker {

  private final Function<String, RegistryClient> clients;
  private final Map<String, RegistryClient> byRegistry = new HashMap<>();

  /**
   * @param clients makes the client for a registry {@code host[:port]} (credentials, TLS)
   */
  public RegistryImageChecker(Function<String, RegistryClient> clients) {
    this.clients = clients;
  }

  @Override
  public Finding check(String image) {
    ImageRef ref;
    try {
      ref = ImageRef.parse(image);
    } catch (RuntimeException e) {
      return Finding.problem("image", image, "not a valid image reference: " + e.getMessage());
    }
    try {
      RegistryClient client = byRegistry.computeIfAbsent(ref.registry(), clients);
      Optional<Descriptor> manifest = client.checkManifest(ref.repository(), ref.reference());
      return manifest
          .map(d -> Finding.ok("image", image, "present (" + d.digest() + ")"))
          .orElseGet(
              () ->
                  Finding.problem(
                      "image",
                      image,
                      "not in registry "
                          + ref.registry()
                          + " (push the release's bundle there first: ferry bundle push)"));
    } catch (OciException | IllegalArgumentException e) {
      return Finding.problem("image", image, "could not check: " + e.getMessage());
    }
  }
}
