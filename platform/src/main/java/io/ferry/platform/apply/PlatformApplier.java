package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.diff.ClusterDiff;
import io.ferry.platform.diff.ObjectDiff;
import io.ferry.platform.render.ManifestWriter;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import io.ferry.platform.rollout.RolloutWaiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies a release step by step (see {@link ApplyStep}): each object by server-side apply, then
 * each workload of the step waited for until its rollout is done; records the outcome as a
 * revision.
 */
public final class PlatformApplier {

  private final KubernetesClient client;
  private final Duration poll;

  /**
   * @param poll how often a rolling-out workload is read
   */
  public PlatformApplier(KubernetesClient client, Duration poll) {
    this.client = client;
    this.poll = poll;
  }

  public PlatformApplier(KubernetesClient client) {
    this(client, RolloutWaiter.DEFAULT_POLL);
  }

  /**
   * Applies {@code release}; {@code note} says in the revision what made it ({@code apply}, {@code
   * rollback to 3}).
   *
   * @throws ApplyFailedException when an object or a rollout failed, after recording the revision
   */
  public ApplyOutcome apply(
      Release release, ApplyOptions options, ApplyListener listener, String note) {
    ServerSideApplier applier =
        new ServerSideApplier(client, options.forceConflicts(), options.dryRun());
    Pruner pruner = new Pruner(client);
    if (options.dryRun()) {
      return dryRun(release, options, listener, applier, pruner);
    }
    RevisionStore store = new RevisionStore(client, release.namespace(), release.platform());
    Optional<Revision> previous = store.lastDeployed();
    List<ApplyStep> steps = ApplyStep.of(release.objects());
    List<Touched> touched = new ArrayList<>();
    RolloutWaiter waiter = new RolloutWaiter(client, poll);
    int step = 0;
    try {
      for (; step < steps.size(); step++) {
        listener.stepStarted(steps.get(step).name());
        for (HasMetadata object : steps.get(step).objects()) {
          boolean existed = read(object) != null;
          touched.add(new Touched(step, object, existed));
          applier.apply(object);
          listener.applied(ObjectKey.of(object), existed ? "configured" : "created");
        }
        for (HasMetadata object : steps.get(step).objects()) {
          if (RolloutWaiter.isWorkload(object)) {
            waiter.await(object, options.timeout(), listener);
          }
        }
      }
      List<ObjectKey> pruned = List.of();
      if (options.prune()) {
        List<HasMetadata> candidates =
            pruner.candidates(release.namespace(), release.platform(), release.objects());
        pruner.prune(candidates, listener);
        pruned = candidates.stream().map(ObjectKey::of).toList();
      }
      Revision revision = record(store, release, Revision.Status.DEPLOYED, note);
      return new ApplyOutcome(Optional.of(revision), List.of(), pruned);
    } catch (PlatformException e) {
      String failedStep = step < steps.size() ? steps.get(step).name() : "prune";
      String rolledBack = "";
      Revision.Status status = Revision.Status.FAILED;
      if (options.atomic()) {
        rolledBack = new AtomicRollback(applier, client, listener).undo(touched, previous, store);
        status = Revision.Status.ROLLED_BACK;
      }
      Optional<Revision> recorded;
      String recordNote;
      try {
        recorded = Optional.of(record(store, release, status, note));
        recordNote =
            "; recorded as revision " + recorded.get().number() + " (" + status.label() + ")";
      } catch (PlatformException recordFailure) {
        recorded = Optional.empty();
        recordNote = "; and could not record a revision: " + recordFailure.getMessage();
      }
      throw new ApplyFailedException(
          "Apply of platform "
              + release.platform()
              + " "
              + release.version()
              + " failed at step "
              + failedStep
              + ": "
              + e.getMessage()
              + rolledBack
              + recordNote,
          recorded,
          e);
    }
  }

  private ApplyOutcome dryRun(
      Release release,
      ApplyOptions options,
      ApplyListener listener,
      ServerSideApplier applier,
      Pruner pruner) {
    ClusterDiff differ = new ClusterDiff(client);
    List<ObjectDiff> diffs = new ArrayList<>();
    for (HasMetadata object : release.objects()) {
      ObjectDiff diff = differ.diff(object);
      // Only the namespace may be missing on the server; the rest would land in it.
      if (diff.change() != ObjectDiff.Change.CREATED
          || object.getKind().equals("Namespace")
          || namespaceExists(release)) {
        applier.apply(object);
      }
      diffs.add(diff);
      listener.wouldApply(diff);
    }
    List<ObjectKey> pruned = List.of();
    if (options.prune()) {
      pruned =
          pruner.candidates(release.namespace(), release.platform(), release.objects()).stream()
              .map(ObjectKey::of)
              .toList();
      pruned.forEach(key -> listener.pruned(key, true));
    }
    return new ApplyOutcome(Optional.empty(), diffs, pruned);
  }

  private boolean namespaceExists(Release release) {
    return client.namespaces().withName(release.namespace()).get() != null;
  }

  private HasMetadata read(HasMetadata object) {
    try {
      return client.resource(object).get();
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Tried to read "
              + ObjectKey.of(object)
              + " before applying it but failed because: "
              + Errors.rootMessage(e),
          e);
    }
  }

  private static Revision record(
      RevisionStore store, Release release, Revision.Status status, String note) {
    return store.record(
        release.version(),
        status,
        ManifestWriter.toYaml(release.objects()),
        release.values(),
        note);
  }

  /** An object this apply has sent, in which step, and whether it was there before. */
  record Touched(int step, HasMetadata object, boolean existed) {}
}
