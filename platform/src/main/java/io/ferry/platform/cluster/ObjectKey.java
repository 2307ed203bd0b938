package io.ferry.platform.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Names one Kubernetes object: {@code StatefulSet project/gatekeeper}, or {@code Namespace project}
 * for a cluster-scoped one.
 */
public record ObjectKey(String kind, String namespace, String name) {

  public static ObjectKey of(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    return new ObjectKey(
        object.getKind(), namespace == null ? "" : namespace, object.getMetadata().getName());
  }

  @Override
  public String toString() {
    return kind + " " + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }
}
