package io.ferry.platform.rollout;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;

/**
 * A StatefulSet's rollout is done when the controller saw the latest spec ({@code
 * observedGeneration ≥ generation}), every replica runs the update revision and is ready, and
 * {@code currentRevision == updateRevision}.
 */
public final class StatefulSetRollout {

  private StatefulSetRollout() {}

  public static RolloutState evaluate(StatefulSet set) {
    StatefulSetStatus status = set.getStatus();
    long generation = orZero(set.getMetadata().getGeneration());
    int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    if (status == null || orZero(status.getObservedGeneration()) < generation) {
      return RolloutState.progressing(
          "waiting for the controller to observe generation " + generation);
    }
    int updated = orZero(status.getUpdatedReplicas());
    int ready = orZero(status.getReadyReplicas());
    if (updated < replicas) {
      return RolloutState.progressing(updated + " of " + replicas + " replicas updated");
    }
    if (ready < replicas) {
      return RolloutState.progressing(ready + " of " + replicas + " replicas ready");
    }
    if (status.getUpdateRevision() != null
        && !status.getUpdateRevision().equals(status.getCurrentRevision())) {
      return RolloutState.progressing(
          "current revision "
              + status.getCurrentRevision()
              + " is not yet the update revision "
              + status.getUpdateRevision());
    }
    return RolloutState.done(replicas + " of " + replicas + " replicas ready");
  }

  private static long orZero(Long value) {
    return value == null ? 0 : value;
  }

  private static int orZero(Integer value) {
    return value == null ? 0 : value;
  }
}
