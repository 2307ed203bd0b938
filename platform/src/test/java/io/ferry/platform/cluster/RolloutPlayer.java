package io.ferry.platform.cluster;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the workload controllers in tests: every few milliseconds it reads the namespace's
 * StatefulSets and Deployments and writes the status a real controller would, per workload
 * following the behaviour the test chose.
 */
public final class RolloutPlayer implements AutoCloseable {

  /** What the "controller" does with a workload. */
  public enum Behaviour {
    /** One progressing status (0 ready), then all replicas ready on the new revision. */
    SUCCEED,
    /** Observes the generation, but no replica ever becomes ready. */
    STALL,
    /** Like STALL, plus a pod in CrashLoopBackOff with a BackOff event. */
    CRASH_LOOP,
    /** Like STALL, plus a pending pod that no node can take. */
    UNSCHEDULABLE
  }

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final Map<String, Integer> ticks = new ConcurrentHashMap<>();
  private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

  public RolloutPlayer(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
    executor.scheduleWithFixedDelay(this::tick, 10, 15, TimeUnit.MILLISECONDS);
  }

  public RolloutPlayer play(String workload, Behaviour behaviour) {
    behaviours.put(workload, behaviour);
    return this;
  }

  private void tick() {
    try {
      for (StatefulSet set :
          client.apps().statefulSets().inNamespace(namespace).list().getItems()) {
        statefulSet(set);
      }
      for (Deployment deployment :
          client.apps().deployments().inNamespace(namespace).list().getItems()) {
        deployment(deployment);
      }
    } catch (KubernetesClientException | IllegalStateException e) {
      // a write raced with an apply; the next tick tries again
    }
  }

  private void statefulSet(StatefulSet set) {
    String name = set.getMetadata().getName();
    long generation =
        set.getMetadata().getGeneration() == null ? 1 : set.getMetadata().getGeneration();
    int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
    Behaviour behaviour = behaviours.getOrDefault(name, Behaviour.SUCCEED);
    int tick = ticks.merge(name + "@" + generation, 1, Integer::sum);
    boolean ready = behaviour == Behaviour.SUCCEED && tick > 2;
    if (behaviour == Behaviour.CRASH_LOOP && tick == 2) {
      crashLoopingPod(name);
    }
    var status =
        new StatefulSetStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(ready ? replicas : 0)
            .withCurrentRevision(name + "-" + (ready ? generation : generation - 1))
            .withUpdateRevision(name + "-" + generation)
            .build();
    if (!status.equals(set.getStatus())) {
      set.setStatus(status);
      client.apps().statefulSets().inNamespace(namespace).resource(set).updateStatus();
    }
  }

  private void deployment(Deployment deployment) {
    String name = deployment.getMetadata().getName();
    long generation =
        deployment.getMetadata().getGeneration() == null
            ? 1
            : deployment.getMetadata().getGeneration();
    int replicas =
        deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    Behaviour behaviour = behaviours.getOrDefault(name, Behaviour.SUCCEED);
    int tick = ticks.merge(name + "@" + generation, 1, Integer::sum);
    boolean ready = behaviour == Behaviour.SUCCEED && tick > 2;
    if (behaviour == Behaviour.CRASH_LOOP && tick == 2) {
      crashLoopingPod(name);
    }
    if (behaviour == Behaviour.UNSCHEDULABLE && tick == 2) {
      unschedulablePod(name);
    }
    var status =
        new DeploymentStatusBuilder()
            .withObservedGeneration(generation)
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withAvailableReplicas(ready ? replicas : 0)
            .withReadyReplicas(ready ? replicas : 0)
            .build();
    if (!status.equals(deployment.getStatus())) {
      deployment.setStatus(status);
      client.apps().deployments().inNamespace(namespace).resource(deployment).updateStatus();
    }
  }

  private void crashLoopingPod(String app) {
    String pod = app + "-0";
    // the event first: a waiter that sees the pod must find its event too
    client
        .v1()
        .events()
        .inNamespace(namespace)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(pod + ".backoff")
                .withNamespace(namespace)
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName(pod)
                .withNamespace(namespace)
                .endInvolvedObject()
                .withType("Warning")
                .withReason("BackOff")
                .withMessage("Back-off restarting failed container " + app + " in pod " + pod)
                .withLastTimestamp("2026-01-01T00:00:00Z")
                .build())
        .createOr(existing -> existing.update());
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(pod)
                .withNamespace(namespace)
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewStatus()
                .withPhase("Running")
                .withContainerStatuses(
                    new ContainerStatusBuilder()
                        .withName(app)
                        .withState(
                            new ContainerStateBuilder()
                                .withNewWaiting()
                                .withReason("CrashLoopBackOff")
                                .withMessage("back-off 40s restarting failed container=" + app)
                                .endWaiting()
                                .build())
                        .build())
                .endStatus()
                .build())
        .createOr(existing -> existing.update());
  }

  private void unschedulablePod(String app) {
    client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(app + "-5d8f9-abcde")
                .withNamespace(namespace)
                .withLabels(Map.of("app", app))
                .endMetadata()
                .withNewStatus()
                .withPhase("Pending")
                .addNewCondition()
                .withType("PodScheduled")
                .withStatus("False")
                .withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient cpu.")
                .endCondition()
                .endStatus()
                .build())
        .createOr(existing -> existing.update());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
