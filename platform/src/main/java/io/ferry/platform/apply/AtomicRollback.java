package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.ObjectKey;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Puts back what a failed apply changed, newest first: an object that existed gets the previous
 * revision's version again, one that did not is deleted. The namespace is kept even when this apply
 * created it, since deleting it would delete the revision records too.
 */
final class AtomicRollback {

  private final ServerSideApplier applier;
  private final KubernetesClient client;
  private final ApplyListener listener;

  AtomicRollback(ServerSideApplier applier, KubernetesClient client, ApplyListener listener) {
    this.applier = applier;
    this.client = client;
    this.listener = listener;
  }

  /** Undoes {@code touched}; returns a sentence for the error message saying what it did. */
  String undo(
      List<PlatformApplier.Touched> touched, Optional<Revision> previous, RevisionStore store) {
    Map<ObjectKey, HasMetadata> before =
        previous.map(store::objects).orElse(List.of()).stream()
            .collect(Collectors.toMap(ObjectKey::of, Function.identity(), (a, b) -> a));
    List<String> problems = new ArrayList<>();
    int restored = 0;
    int deleted = 0;
    for (int i = touched.size() - 1; i >= 0; i--) {
      PlatformApplier.Touched t = touched.get(i);
      ObjectKey key = ObjectKey.of(t.object());
      try {
        if (!t.existed()) {
          if (t.object().getKind().equals("Namespace")) {
            listener.rolledBack(key, "kept (holds the revision records)");
            continue;
          }
          client.resource(t.object()).delete();
          deleted++;
          listener.rolledBack(key, "deleted (did not exist before)");
        } else if (before.containsKey(key)) {
          applier.apply(before.get(key));
          restored++;
          listener.rolledBack(key, "restored to revision " + previous.get().number());
        } else {
          listener.rolledBack(key, "left as applied (no earlier revision has it)");
        }
      } catch (PlatformException | io.fabric8.kubernetes.client.KubernetesClientException e) {
        problems.add(key + ": " + e.getMessage());
      }
    }
    return "; --atomic rolled back: "
        + restored
        + " restored"
        + previous.map(r -> " to revision " + r.number()).orElse("")
        + ", "
        + deleted
        + " deleted"
        + (problems.isEmpty() ? "" : ", but could not roll back " + String.join("; ", problems));
  }
}
