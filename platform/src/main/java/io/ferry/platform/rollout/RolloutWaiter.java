package io.ferry.platform.rollout;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.ObjectKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Waits for a StatefulSet or Deployment to finish its rollout by polling it at a bounded interval,
 * failing early when one of its pods is stuck (see {@link PodTroubles}).
 */
public final class RolloutWaiter {

  /** How often a live workload is read by default. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

  private final KubernetesClient client;
  private final Duration poll;
  private final PodTroubles troubles;

  public RolloutWaiter(KubernetesClient client, Duration poll) {
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("poll interval was " + poll + " but it must be positive");
    }
    this.client = client;
    this.poll = poll;
    this.troubles = new PodTroubles(client);
  }

  /** Whether {@code object} is a workload this waiter understands. */
  public static boolean isWorkload(HasMetadata object) {
    return object instanceof StatefulSet || object instanceof Deployment;
  }

  /**
   * Returns when the rollout is done.
   *
   * @throws RolloutException when it failed, a pod is stuck, or {@code timeout} passed
   */
  public RolloutState await(HasMetadata workload, Duration timeout, RolloutListener listener) {
    ObjectKey key = ObjectKey.of(workload);
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = null;
    while (true) {
      HasMetadata live = read(key, workload);
      RolloutState state = evaluate(live);
      if (!state.message().equals(last)) {
        listener.rolloutProgress(key, state);
        last = state.message();
      }
      switch (state.phase()) {
        case DONE -> {
          return state;
        }
        case FAILED ->
            throw new RolloutException(key, "Rollout of " + key + " failed: " + state.message());
        case PROGRESSING -> {}
      }
      Optional<String> stuck = troubles.find(key.namespace(), selector(live));
      if (stuck.isPresent()) {
        throw new RolloutException(
            key,
            "Rollout of "
                + key
                + " failed early because "
                + stuck.get()
                + " (it will not recover by waiting; fix the cause and apply again)");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new RolloutException(
            key,
            "Rollout of "
                + key
                + " did not finish within "
                + timeout
                + ": "
                + state.message()
                + " (pods may be slow to start or failing readiness; see kubectl describe pods -l"
                + " app="
                + key.name()
                + " -n "
                + key.namespace()
                + ", or raise --timeout)");
      }
      sleep(Duration.ofNanos(Math.min(left, poll.toNanos())));
    }
  }

  static RolloutState evaluate(HasMetadata live) {
    if (live instanceof StatefulSet set) {
      return StatefulSetRollout.evaluate(set);
    }
    if (live instanceof Deployment deployment) {
      return DeploymentRollout.evaluate(deployment);
    }
    throw new IllegalArgumentException(live.getKind() + " has no rollout");
  }

  private HasMetadata read(ObjectKey key, HasMetadata workload) {
    HasMetadata live;
    try {
      live = client.resource(workload).get();
    } catch (KubernetesClientException e) {
      throw new RolloutException(
          key,
          "Tried to read "
              + key
              + " to follow its rollout but failed because: "
              + Errors.rootMessage(e));
    }
    if (live == null) {
      throw new RolloutException(
          key,
          "Tried to read " + key + " to follow its rollout but it is gone (deleted meanwhile?)");
    }
    return live;
  }

  private static Map<String, String> selector(HasMetadata live) {
    if (live instanceof StatefulSet set) {
      return set.getSpec().getSelector().getMatchLabels();
    }
    return ((Deployment) live).getSpec().getSelector().getMatchLabels();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(Math.max(1, duration.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformException("Interrupted while waiting for a rollout", e);
    }
  }
}
