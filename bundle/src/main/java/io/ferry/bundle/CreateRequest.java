package io.ferry.bundle;

import io.ferry.oci.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link BundleCreator#create} builds.
 *
 * @param spec the platform spec (ferry.yaml)
 * @param values site values merged over it, if any
 * @param output the bundle file to write
 * @param platforms platforms to keep; empty means {@code linux/<arch>} for each of {@code
 *     spec.arches}
 * @param signingKey signs the index when present
 */
public record CreateRequest(
    Path spec,
    Optional<Path> values,
    Path output,
    List<Platform> platforms,
    Optional<SigningKey> signingKey) {

  public CreateRequest {
    platforms = List.copyOf(platforms);
  }
}
