package io.ferry.platform.cluster;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which cluster to talk to, the way kubectl chooses it: an explicit kubeconfig file, else {@code
 * KUBECONFIG}, else {@code ~/.kube/config}, else the pod's service account (in-cluster).
 *
 * @param kubeconfig an explicit kubeconfig file ({@code --kubeconfig})
 * @param context a context of that kubeconfig instead of its current one ({@code --context})
 */
public record ClusterTarget(Optional<Path> kubeconfig, Optional<String> context) {

  /** The standard lookup with the current context. */
  public static ClusterTarget standard() {
    return new ClusterTarget(Optional.empty(), Optional.empty());
  }

  /** How the target is named in messages. */
  public String describe() {
    return kubeconfig.map(f -> "kubeconfig " + f).orElse("the standard kubeconfig lookup")
        + context.map(c -> ", context " + c).orElse("");
  }
}
