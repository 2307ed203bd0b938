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
 * @param parallel how many images are resolved, and blobs pulled, at once
 * @param allowMissingPlatforms carry an image that lacks some of {@code platforms} for those it
 *     has, instead of failing (a node of a missing platform cannot run it)
 */
public record CreateRequest(
    Path spec,
    Optional<Path> values,
    Path output,
    List<Platform> platforms,
    Optional<SigningKey> signingKey,
    int parallel,
    boolean allowMissingPlatforms) {

  /** Blobs pulled at once unless a request says otherwise. */
  public static final int DEFAULT_PARALLEL = 4;

  /** The most blobs a create or a push moves at once. */
  public static final int MAX_PARALLEL = 64;

  public CreateRequest {
    platforms = List.copyOf(platforms);
    requireParallel(parallel);
  }

  /** Fails unless {@code parallel} is 1 to {@link #MAX_PARALLEL}. */
  static void requireParallel(int parallel) {
    if (parallel < 1 || parallel > MAX_PARALLEL) {
      throw new IllegalArgumentException(
          "parallel was " + parallel + " but it must be 1 to " + MAX_PARALLEL);
    }
  }

  /** A request pulling {@link #DEFAULT_PARALLEL} blobs at once. */
  public CreateRequest(
      Path spec,
      Optional<Path> values,
      Path output,
      List<Platform> platforms,
      Optional<SigningKey> signingKey) {
    this(spec, values, output, platforms, signingKey, DEFAULT_PARALLEL, false);
  }
}
