package io.ferry.bundle;

import io.ferry.oci.Descriptor;
import io.ferry.oci.manifest.Manifest;
import io.ferry.oci.registry.RegistryClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pushes each image's manifests by digest (its own before the index naming them) as soon as every
 * blob it needs is in the registry, while other images' blobs are still uploading: 60 small
 * requests that would otherwise wait for the last blob. Tags are not its business; they come after
 * everything.
 */
final class ManifestsWhenReady implements AutoCloseable {

  private final RegistryClient client;
  private final ExecutorService pool;
  private final Map<String, List<PushPlan.Target>> targetsByBlob = new HashMap<>();
  private final Map<PushPlan.Target, AtomicInteger> missing = new IdentityHashMap<>();
  private final List<Future<?>> pushes = new CopyOnWriteArrayList<>();

  ManifestsWhenReady(List<PushPlan.Target> targets, RegistryClient client, int parallel) {
    this.client = client;
    this.pool = DaemonPool.fixed(Math.max(1, Math.min(parallel, targets.size())), "ferry-manifest");
    for (PushPlan.Target target : targets) {
      List<String> blobs =
          target.blobs().stream().map(Descriptor::digest).map(String::valueOf).distinct().toList();
      blobs.forEach(
          blob -> targetsByBlob.computeIfAbsent(blob, b -> new ArrayList<>()).add(target));
      missing.put(target, new AtomicInteger(blobs.size()));
    }
    targets.stream().filter(t -> missing.get(t).get() == 0).forEach(this::push);
  }

  /** {@code digest} is now in every repository that needs it. */
  void blobIn(String digest) {
    for (PushPlan.Target target : targetsByBlob.getOrDefault(digest, List.of())) {
      if (missing.get(target).decrementAndGet() == 0) {
        push(target);
      }
    }
  }

  /** The manifest pushes started so far: all of them once every blob is in. */
  List<Future<?>> pushes() {
    return pushes;
  }

  private void push(PushPlan.Target target) {
    pushes.add(
        pool.submit(
            () -> {
              for (Manifest manifest : target.manifests()) {
                client.pushManifest(target.repository(), manifest.digest().toString(), manifest);
              }
              return null;
            }));
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
