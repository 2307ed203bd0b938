package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.ObjectKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds and deletes objects labelled as managed by Ferry and part of a platform that the current
 * render no longer has.
 *
 * <p>PersistentVolumeClaims are never pruned: they hold data, and a StatefulSet's claims carry its
 * labels. Revision ConfigMaps are not {@code part-of} the platform, so they are never candidates.
 */
public final class Pruner {

  private static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  private static final String PART_OF = "app.kubernetes.io/part-of";

  private final KubernetesClient client;

  public Pruner(KubernetesClient client) {
    this.client = client;
  }

  /** What {@link #prune} would delete: workloads first, then what they use. */
  public List<HasMetadata> candidates(String namespace, String platform, List<HasMetadata> keep) {
    Set<ObjectKey> kept = keep.stream().map(ObjectKey::of).collect(Collectors.toSet());
    Set<String> keptServices =
        keep.stream()
            .filter(o -> o.getKind().equals("Service"))
            .map(o -> o.getMetadata().getName())
            .collect(Collectors.toSet());
    Map<String, String> labels = Map.of(MANAGED_BY, "ferry", PART_OF, platform);
    List<HasMetadata> found = new ArrayList<>();
    try {
      found.addAll(
          client.apps().statefulSets().inNamespace(namespace).withLabels(labels).list().getItems());
      found.addAll(
          client.apps().deployments().inNamespace(namespace).withLabels(labels).list().getItems());
      found.addAll(
          client
              .network()
              .v1()
              .ingresses()
              .inNamespace(namespace)
              .withLabels(labels)
              .list()
              .getItems());
      found.addAll(client.services().inNamespace(namespace).withLabels(labels).list().getItems());
      // The endpoints controller copies a Service's labels to its Endpoints: those go with the
      // Service.
      client.endpoints().inNamespace(namespace).withLabels(labels).list().getItems().stream()
          .filter(e -> !keptServices.contains(e.getMetadata().getName()))
          .forEach(found::add);
      found.addAll(client.configMaps().inNamespace(namespace).withLabels(labels).list().getItems());
      found.addAll(
          client.resourceQuotas().inNamespace(namespace).withLabels(labels).list().getItems());
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Tried to list the objects of platform "
              + platform
              + " in namespace "
              + namespace
              + " to prune them but failed because: "
              + Errors.rootMessage(e),
          e);
    }
    return found.stream()
        .filter(o -> !kept.contains(ObjectKey.of(o)))
        .sorted(Comparator.comparingInt(found::indexOf))
        .toList();
  }

  /** Deletes {@code objects}, telling {@code listener} about each. */
  public void prune(List<HasMetadata> objects, ApplyListener listener) {
    for (HasMetadata object : objects) {
      try {
        client.resource(object).delete();
      } catch (KubernetesClientException e) {
        throw new PlatformException(
            "Tried to prune "
                + ObjectKey.of(object)
                + " but failed because: "
                + Errors.rootMessage(e),
            e);
      }
      listener.pruned(ObjectKey.of(object), false);
    }
  }
}
