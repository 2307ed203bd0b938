package io.ferry.platform.rollout;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/** The rules of {@code kubectl rollout status} for a Deployment. */
public final class DeploymentRollout {

  private DeploymentRollout() {}

  public static RolloutState evaluate(Deployment deployment) {
    DeploymentStatus status = deployment.getStatus();
    long generation = orZero(deployment.getMetadata().getGeneration());
    if (status == null || orZero(status.getObservedGeneration()) < generation) {
      return RolloutState.progressing(
          "waiting for the controller to observe generation " + generation);
    }
    for (DeploymentCondition condition : status.getConditions()) {
      if ("Progressing".equals(condition.getType())
          && "ProgressDeadlineExceeded".equals(condition.getReason())) {
        return RolloutState.failed("progress deadline exceeded: " + condition.getMessage());
      }
    }
    int replicas =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    int updated = orZero(status.getUpdatedReplicas());
    int total = orZero(status.getReplicas());
    int available = orZero(status.getAvailableReplicas());
    if (updated < replicas) {
      return RolloutState.progressing(
          updated + " of " + replicas + " new replicas have been updated");
    }
    if (total > updated) {
      return RolloutState.progressing((total - updated) + " old replicas are pending termination");
    }
    if (available < updated) {
      return RolloutState.progressing(
          available + " of " + updated + " updated replicas are available");
    }
    return RolloutState.done(available + " of " + replicas + " replicas available");
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
