package io.ferry.platform.diff;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ferry.platform.PlatformException;
import io.ferry.platform.apply.ApplyObjects;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.ObjectKey;
import java.util.List;

/** What applying objects would change on a cluster, object by object. */
public final class ClusterDiff {

  private final KubernetesClient client;

  public ClusterDiff(KubernetesClient client) {
    this.client = client;
  }

  /** One diff per object, in the objects' order. */
  public List<ObjectDiff> diff(List<HasMetadata> objects) {
    return objects.stream().map(this::diff).toList();
  }

  /** The diff of one object against its live version. */
  public ObjectDiff diff(HasMetadata desired) {
    ObjectKey key = ObjectKey.of(desired);
    HasMetadata live;
    try {
      live = client.resource(desired).get();
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Tried to read " + key + " to compare it but failed because: " + Errors.rootMessage(e),
          e);
    }
    if (live == null) {
      return new ObjectDiff(key, ObjectDiff.Change.CREATED, List.of());
    }
    List<String> paths =
        FieldDiff.changedPaths(ApplyObjects.asMap(desired), ApplyObjects.asMap(live));
    return new ObjectDiff(
        key, paths.isEmpty() ? ObjectDiff.Change.UNCHANGED : ObjectDiff.Change.CHANGED, paths);
  }
}
