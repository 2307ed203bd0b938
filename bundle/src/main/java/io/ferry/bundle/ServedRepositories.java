package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.manifest.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The repositories a served bundle shows, named as a push would name them ({@code
 * <project>/<name>}): their tags, and which manifests and blobs each may serve.
 */
final class ServedRepositories {

  /** One repository. */
  record Repository(
      Map<String, Manifest> tags, Map<String, Manifest> manifests, Set<String> blobs) {}

  private final Map<String, Repository> repositories;

  private ServedRepositories(Map<String, Repository> repositories) {
    this.repositories = repositories;
  }

  /** The repositories of a verified bundle, from the manifests its verification read. */
  static ServedRepositories of(
      BundleFile bundle, VerifyReport verified, String project, Map<String, String> map) {
    BundleIndex index = verified.index();
    Map<String, Repository> repositories = new TreeMap<>();
    for (PushPlan.Target target :
        PushPlan.served(bundle, index, verified.manifests(), project, map)) {
      Repository repository =
          repositories.computeIfAbsent(
              target.repository(),
              r -> new Repository(new TreeMap<>(), new HashMap<>(), new HashSet<>()));
      target.tag().ifPresent(tag -> repository.tags().put(tag, target.top()));
      for (Manifest manifest : target.manifests()) {
        repository.manifests().put(manifest.digest().toString(), manifest);
      }
      for (Descriptor blob : target.blobs()) {
        repository.blobs().add(blob.digest().toString());
      }
    }
    return new ServedRepositories(repositories);
  }

  Optional<Repository> get(String name) {
    return Optional.ofNullable(repositories.get(name));
  }

  List<String> names() {
    return new ArrayList<>(new TreeSet<>(repositories.keySet()));
  }
}
