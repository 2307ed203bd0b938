package io.ferry.bundle;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link BundlePusher#push} does.
 *
 * @param bundle the bundle file
 * @param registry the site registry, {@code host[:port]}; empty means the spec's {@code
 *     spec.registry.host}
 * @param project the project (path prefix); empty means the spec's {@code spec.registry.project}
 * @param map source repository (as the spec names it, without tag) to target repository (without
 *     host), overriding {@code <project>/<name>}
 * @param parallel how many blobs are uploaded at once
 * @param harbor create missing Harbor projects first
 * @param key the public key the bundle index must be signed with, if any
 */
public record PushRequest(
    Path bundle,
    Optional<String> registry,
    Optional<String> project,
    Map<String, String> map,
    int parallel,
    boolean harbor,
    Optional<VerifyingKey> key) {

  public PushRequest {
    map = Map.copyOf(map);
    CreateRequest.requireParallel(parallel);
  }
}
