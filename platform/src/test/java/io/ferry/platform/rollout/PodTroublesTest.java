package io.ferry.platform.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

class PodTroublesTest {

  private static Pod waiting(String reason, String message) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("web-0")
        .endMetadata()
        .withNewStatus()
        .addNewInitContainerStatus()
        .withName("init")
        .withNewState()
        .withNewTerminated()
        .withExitCode(0)
        .endTerminated()
        .endState()
        .endInitContainerStatus()
        .addNewContainerStatus()
        .withName("web")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .endState()
        .endContainerStatus()
        .endStatus()
        .build();
  }

  @Test
  void imagePullFailuresAndCrashLoopsAreStuck() {
    assertThat(PodTroubles.trouble(waiting("ImagePullBackOff", "Back-off pulling image \"r/x:1\"")))
        .contains("container web is ImagePullBackOff: Back-off pulling image \"r/x:1\"");
    assertThat(PodTroubles.trouble(waiting("ErrImagePull", "manifest unknown")))
        .contains("container web is ErrImagePull: manifest unknown");
    assertThat(PodTroubles.trouble(waiting("CrashLoopBackOff", null)))
        .contains("container web is CrashLoopBackOff");
  }

  @Test
  void startingContainersAreNotStuck() {
    assertThat(PodTroubles.trouble(waiting("ContainerCreating", null))).isEmpty();
    assertThat(
            PodTroubles.trouble(
                new PodBuilder().withNewMetadata().withName("p").endMetadata().build()))
        .isEmpty();
  }

  @Test
  void unschedulablePodIsStuck() {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("web-1")
            .endMetadata()
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("False")
            .withReason("Unschedulable")
            .withMessage("0/3 nodes are available: 3 Insufficient memory.")
            .endCondition()
            .endStatus()
            .build();

    assertThat(PodTroubles.trouble(pod))
        .contains("is Unschedulable: 0/3 nodes are available: 3 Insufficient memory.");
  }
}
