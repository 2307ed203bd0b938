package io.ferry.platform.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.ferry.platform.rollout.RolloutState.Phase;
import org.junit.jupiter.api.Test;

class RolloutRulesTest {

  private static StatefulSetBuilder set(long generation, int replicas) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName("db")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .endSpec();
  }

  private static StatefulSet set(
      long generation, long observed, int updated, int ready, String current, String update) {
    return set(generation, 3)
        .withNewStatus()
        .withObservedGeneration(observed)
        .withReplicas(3)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .withCurrentRevision(current)
        .withUpdateRevision(update)
        .endStatus()
        .build();
  }

  @Test
  void statefulSetIsDoneOnlyWhenEveryRuleHolds() {
    assertThat(StatefulSetRollout.evaluate(set(2, 2, 3, 3, "r2", "r2")))
        .isEqualTo(new RolloutState(Phase.DONE, "3 of 3 replicas ready"));
    assertThat(StatefulSetRollout.evaluate(set(2, 1, 3, 3, "r1", "r1")).message())
        .isEqualTo("waiting for the controller to observe generation 2");
    assertThat(StatefulSetRollout.evaluate(set(2, 2, 1, 3, "r1", "r2")).message())
        .isEqualTo("1 of 3 replicas updated");
    assertThat(StatefulSetRollout.evaluate(set(2, 2, 3, 2, "r1", "r2")).message())
        .isEqualTo("2 of 3 replicas ready");
    assertThat(StatefulSetRollout.evaluate(set(2, 2, 3, 3, "r1", "r2")))
        .isEqualTo(
            new RolloutState(
                Phase.PROGRESSING, "current revision r1 is not yet the update revision r2"));
    assertThat(StatefulSetRollout.evaluate(set(1, 3).build()).phase()).isEqualTo(Phase.PROGRESSING);
  }

  private static Deployment deployment(
      int replicas, int updated, int total, int available, String deadlineReason) {
    var builder =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName("web")
            .withGeneration(4L)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .endSpec()
            .withNewStatus()
            .withObservedGeneration(4L)
            .withUpdatedReplicas(updated)
            .withReplicas(total)
            .withAvailableReplicas(available);
    if (deadlineReason != null) {
      builder
          .addNewCondition()
          .withType("Progressing")
          .withStatus("False")
          .withReason(deadlineReason)
          .withMessage("ReplicaSet \"web-7d\" has timed out progressing.")
          .endCondition();
    }
    return builder.endStatus().build();
  }

  @Test
  void deploymentFollowsKubectlRolloutStatus() {
    assertThat(DeploymentRollout.evaluate(deployment(2, 2, 2, 2, null)))
        .isEqualTo(new RolloutState(Phase.DONE, "2 of 2 replicas available"));
    assertThat(DeploymentRollout.evaluate(deployment(2, 1, 2, 1, null)).message())
        .isEqualTo("1 of 2 new replicas have been updated");
    assertThat(DeploymentRollout.evaluate(deployment(2, 2, 3, 2, null)).message())
        .isEqualTo("1 old replicas are pending termination");
    assertThat(DeploymentRollout.evaluate(deployment(2, 2, 2, 1, null)).message())
        .isEqualTo("1 of 2 updated replicas are available");
    assertThat(DeploymentRollout.evaluate(deployment(2, 1, 2, 1, "ProgressDeadlineExceeded")))
        .isEqualTo(
            new RolloutState(
                Phase.FAILED,
                "progress deadline exceeded: ReplicaSet \"web-7d\" has timed out progressing."));
  }
}
