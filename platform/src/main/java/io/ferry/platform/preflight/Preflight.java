package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.ferry.platform.PlatformException;
import io.ferry.platform.apply.Release;
import io.ferry.platform.apply.ServerSideApplier;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.KubeClients;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks, before an apply, everything that would make it fail and that can be known beforehand, and
 * reports every problem at once: the cluster and its version, the namespace, quota room, storage
 * classes, images in the site registry, and node ports.
 */
public final class Preflight {

  private final KubernetesClient client;
  private final ImageChecker images;

  public Preflight(KubernetesClient client, ImageChecker images) {
    this.client = client;
    this.images = images;
  }

  /** Runs every check on {@code release}; never throws for a failed check. */
  public PreflightReport check(Release release) {
    List<Finding> findings = new ArrayList<>();
    boolean reachable = cluster(findings);
    if (reachable) {
      boolean namespaceExists = namespaceExists(release);
      guarded(
          findings, "namespace", release.namespace(), () -> namespace(release, namespaceExists));
      guarded(
          findings,
          "quota",
          release.namespace(),
          () -> new QuotaCheck(client).check(release, namespaceExists));
      guarded(findings, "storage", "classes", () -> new StorageClassCheck(client).check(release));
      guarded(findings, "nodeport", "ports", () -> new NodePortCheck(client).check(release));
    }
    imageReferences(release).forEach(image -> findings.add(images.check(image)));
    return new PreflightReport(findings);
  }

  private boolean cluster(List<Finding> findings) {
    String url = client.getConfiguration().getMasterUrl();
    try {
      VersionInfo version = KubeClients.version(client);
      findings.add(Finding.ok("cluster", url, "reachable, Kubernetes " + version.getGitVersion()));
      return true;
    } catch (PlatformException e) {
      findings.add(Finding.problem("cluster", url, e.getMessage()));
      return false;
    }
  }

  /** Runs a check that adds its own findings; a failing API call becomes a problem finding. */
  private static void guarded(
      List<Finding> findings, String check, String subject, Supplier<List<Finding>> body) {
    try {
      findings.addAll(body.get());
    } catch (KubernetesClientException | PlatformException e) {
      findings.add(Finding.problem(check, subject, "could not check: " + Errors.rootMessage(e)));
    }
  }

  private boolean namespaceExists(Release release) {
    try {
      return client.namespaces().withName(release.namespace()).get() != null;
    } catch (KubernetesClientException e) {
      return false; // the namespace check reports why
    }
  }

  private List<Finding> namespace(Release release, boolean exists) {
    if (exists) {
      return List.of(Finding.ok("namespace", release.namespace(), "exists"));
    }
    HasMetadata rendered =
        release.objects().stream().filter(o -> o instanceof Namespace).findFirst().orElseThrow();
    try {
      new ServerSideApplier(client, false, true).apply(rendered);
      return List.of(
          Finding.ok(
              "namespace",
              release.namespace(),
              "does not exist; can be created (server dry run passed)"));
    } catch (PlatformException e) {
      return List.of(
          Finding.problem(
              "namespace",
              release.namespace(),
              "does not exist and cannot be created: " + e.getMessage()));
    }
  }

  /** Every container image of the rendered workloads, sorted, once each. */
  static List<String> imageReferences(Release release) {
    TreeSet<String> images = new TreeSet<>();
    for (HasMetadata object : release.objects()) {
      PodSpec pod = null;
      if (object instanceof StatefulSet set) {
        pod = set.getSpec().getTemplate().getSpec();
      } else if (object instanceof Deployment deployment) {
        pod = deployment.getSpec().getTemplate().getSpec();
      }
      if (pod != null) {
        pod.getContainers().forEach(c -> images.add(c.getImage()));
        pod.getInitContainers().forEach(c -> images.add(c.getImage()));
      }
    }
    return List.copyOf(images);
  }
}
