package io.ferry.platform.rollout;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds a pod that will not become ready without someone's help — its image cannot be pulled, it
 * crashes in a loop, or no node can take it — so a rollout fails at once instead of at the timeout.
 */
public final class PodTroubles {

  /** Waiting reasons that do not clear by themselves. */
  static final Set<String> STUCK =
      Set.of(
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CrashLoopBackOff",
          "CreateContainerConfigError");

  private static final int EVENTS = 3;

  private final KubernetesClient client;

  public PodTroubles(KubernetesClient client) {
    this.client = client;
  }

  /**
   * The first stuck pod among those {@code selector} matches in {@code namespace}, described with
   * its reason, message and latest events.
   */
  public Optional<String> find(String namespace, Map<String, String> selector) {
    List<Pod> pods =
        client.pods().inNamespace(namespace).withLabels(selector).list().getItems().stream()
            .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
            .toList();
    for (Pod pod : pods) {
      Optional<String> trouble = trouble(pod);
      if (trouble.isPresent()) {
        return Optional.of(
            "pod " + pod.getMetadata().getName() + " " + trouble.get() + events(namespace, pod));
      }
    }
    return Optional.empty();
  }

  /** Why this pod is stuck, or empty. */
  static Optional<String> trouble(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<ContainerStatus> containers = new ArrayList<>(pod.getStatus().getInitContainerStatuses());
    containers.addAll(pod.getStatus().getContainerStatuses());
    for (ContainerStatus container : containers) {
      var waiting = container.getState() == null ? null : container.getState().getWaiting();
      if (waiting != null && STUCK.contains(waiting.getReason())) {
        return Optional.of(
            "container "
                + container.getName()
                + " is "
                + waiting.getReason()
                + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage()));
      }
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(condition.getType())
          && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason())) {
        return Optional.of(
            "is Unschedulable"
                + (condition.getMessage() == null ? "" : ": " + condition.getMessage()));
      }
    }
    return Optional.empty();
  }

  private String events(String namespace, Pod pod) {
    // Filtered here, not by field selector, so it reads the same on every API server.
    List<String> latest =
        client.v1().events().inNamespace(namespace).list().getItems().stream()
            .filter(e -> e.getInvolvedObject() != null)
            .filter(e -> "Pod".equals(e.getInvolvedObject().getKind()))
            .filter(e -> pod.getMetadata().getName().equals(e.getInvolvedObject().getName()))
            .sorted(Comparator.comparing(PodTroubles::when))
            .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
            .toList();
    if (latest.isEmpty()) {
      return "; no events";
    }
    return "; latest events: "
        + String.join(" | ", latest.subList(Math.max(0, latest.size() - EVENTS), latest.size()));
  }

  private static String when(Event event) {
    return Stream.of(
            event.getLastTimestamp(),
            event.getEventTime() == null ? null : event.getEventTime().getTime(),
            event.getFirstTimestamp(),
            event.getMetadata().getCreationTimestamp())
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse("");
  }
}
