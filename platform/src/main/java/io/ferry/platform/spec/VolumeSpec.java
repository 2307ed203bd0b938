package io.ferry.platform.spec;

import java.util.Optional;

/**
 * A persistent volume: a claim per replica for a StatefulSet, one shared claim for a Deployment.
 *
 * @param mountPath where the container sees it
 * @param size the storage request, a Kubernetes quantity such as {@code 10Gi}
 * @param storageClass the storage class, or the cluster default when empty
 * @param accessMode ReadWriteOnce (default), ReadWriteMany, ReadOnlyMany or ReadWriteOncePod
 */
public record VolumeSpec(
    String mountPath, String size, Optional<String> storageClass, String accessMode) {

  /** The access mode when none is given. */
  public static final String DEFAULT_ACCESS_MODE = "ReadWriteOnce";
}
