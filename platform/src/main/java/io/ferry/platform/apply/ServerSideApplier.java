package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.ObjectKey;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Server-side apply of one object with field manager {@value #FIELD_MANAGER}: {@code PATCH} with
 * {@code application/apply-patch+yaml}, {@code force=true} only when asked to take fields over.
 */
public final class ServerSideApplier {

  /**
   * The field manager Ferry applies as; {@code kubectl get -o yaml --show-managed-fields} shows it.
   */
  public static final String FIELD_MANAGER = "ferry";

  private static final Pattern MANAGER = Pattern.compile("conflict with \"([^\"]+)\"");

  private final KubernetesClient client;
  private final boolean forceConflicts;
  private final boolean dryRun;

  /**
   * @param forceConflicts take over fields another manager owns ({@code --force-conflicts})
   * @param dryRun ask the server to validate only ({@code dryRun=All}); nothing is stored
   */
  public ServerSideApplier(KubernetesClient client, boolean forceConflicts, boolean dryRun) {
    this.client = client;
    this.forceConflicts = forceConflicts;
    this.dryRun = dryRun;
  }

  /** Applies {@code object} and returns what the server stored (or would store, under dry run). */
  public HasMetadata apply(HasMetadata object) {
    PatchContext.Builder context =
        new PatchContext.Builder()
            .withPatchType(PatchType.SERVER_SIDE_APPLY)
            .withFieldManager(FIELD_MANAGER);
    if (forceConflicts) {
      context.withForce(true);
    }
    if (dryRun) {
      context.withDryRun(List.of("All"));
    }
    HasMetadata body = ApplyObjects.forApply(object);
    try {
      return client.resource(body).patch(context.build(), body);
    } catch (KubernetesClientException e) {
      throw failure(ObjectKey.of(object), e);
    }
  }

  private PlatformException failure(ObjectKey key, KubernetesClientException e) {
    String verb = dryRun ? "Tried to server-side apply (dry run) " : "Tried to server-side apply ";
    if (e.getCode() == 409) {
      return new PlatformException(
          verb
              + key
              + " but failed because: 409 Conflict: "
              + conflicts(e)
              + " (another field manager owns these fields; run with --force-conflicts to take"
              + " them over, or remove them from that manager's configuration)",
          e);
    }
    String hint =
        switch (e.getCode()) {
          case 403 -> " (the kubeconfig's user may not change this object; check its RBAC)";
          case 404 -> " (its namespace or API group does not exist in this cluster)";
          case 422 -> " (the cluster refused the object's content)";
          case 0 -> " (the API server did not answer; check that it is reachable)";
          default -> "";
        };
    return new PlatformException(
        verb + key + " but failed because: " + Errors.rootMessage(e) + hint, e);
  }

  /** {@code fields .spec.replicas owned by "kubectl-edit"}, from the 409 Status causes. */
  static String conflicts(KubernetesClientException e) {
    TreeSet<String> managers = new TreeSet<>();
    TreeSet<String> fields = new TreeSet<>();
    if (e.getStatus() != null && e.getStatus().getDetails() != null) {
      for (StatusCause cause : e.getStatus().getDetails().getCauses()) {
        if (cause.getMessage() != null) {
          Matcher m = MANAGER.matcher(cause.getMessage());
          if (m.find()) {
            managers.add(m.group(1));
          }
        }
        if (cause.getField() != null) {
          fields.add(cause.getField());
        }
      }
    }
    if (managers.isEmpty() && e.getStatus() != null && e.getStatus().getMessage() != null) {
      Matcher m = MANAGER.matcher(e.getStatus().getMessage());
      while (m.find()) {
        managers.add(m.group(1));
      }
    }
    return "fields "
        + (fields.isEmpty() ? "(not listed)" : String.join(", ", fields))
        + " are managed by "
        + (managers.isEmpty()
            ? "another field manager"
            : "\"" + String.join("\", \"", managers) + "\"");
  }
}
