package io.ferry.platform.apply;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.PlatformException;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import java.util.List;
import java.util.Optional;

/** Re-applies a recorded revision's objects, which records a new revision. */
public final class PlatformRollback {

  private final KubernetesClient client;
  private final PlatformApplier applier;

  public PlatformRollback(KubernetesClient client, PlatformApplier applier) {
    this.client = client;
    this.applier = applier;
  }

  /**
   * Rolls back platform {@code platform} in {@code namespace} to revision {@code to}, or when empty
   * to the deployed revision before the newest deployed one.
   */
  public ApplyOutcome rollback(
      String namespace,
      String platform,
      Optional<Integer> to,
      ApplyOptions options,
      ApplyListener listener) {
    RevisionStore store = new RevisionStore(client, namespace, platform);
    Revision target =
        to.map(store::get).orElseGet(() -> previousDeployed(store, namespace, platform));
    Release release =
        new Release(platform, target.version(), namespace, store.objects(target), target.values());
    return applier.apply(release, options, listener, "rollback to " + target.number());
  }

  private static Revision previousDeployed(RevisionStore store, String namespace, String platform) {
    List<Revision> deployed =
        store.list().stream().filter(r -> r.status() == Revision.Status.DEPLOYED).toList();
    if (deployed.size() < 2) {
      throw new PlatformException(
          "Tried to roll back platform "
              + platform
              + " in namespace "
              + namespace
              + " to its previous deployed revision but it has "
              + deployed.size()
              + " deployed revision"
              + (deployed.size() == 1 ? "" : "s")
              + " (name one with --to, see ferry platform history)");
    }
    return deployed.get(deployed.size() - 2);
  }
}
