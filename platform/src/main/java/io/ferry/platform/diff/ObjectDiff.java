package io.ferry.platform.diff;

import io.ferry.platform.cluster.ObjectKey;
import java.util.List;

/**
 * What applying one object would do to the cluster, on the fields Ferry sets.
 *
 * @param object the object
 * @param change created, changed or unchanged
 * @param paths the changed fields, e.g. {@code spec.replicas}, {@code
 *     spec.template.spec.containers[0].image}; empty unless changed
 */
public record ObjectDiff(ObjectKey object, Change change, List<String> paths) {

  public ObjectDiff {
    paths = List.copyOf(paths);
  }

  /** The kind of change. */
  public enum Change {
    CREATED("created"),
    CHANGED("changed"),
    UNCHANGED("unchanged");

    private final String label;

    Change(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** {@code changed StatefulSet project/gatekeeper: spec.replicas, …}. */
  @Override
  public String toString() {
    return change.label() + " " + object + (paths.isEmpty() ? "" : ": " + String.join(", ", paths));
  }
}
