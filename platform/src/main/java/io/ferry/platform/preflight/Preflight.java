package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.ferry.platform.PlatformException;
import io.ferry.platform.apply.Release;
import io.ferry.platform.apply.ServerSideApplier;
import io.ferry.platform.cluster.Errors;
import io.ferry.platform.cluster.KubeClients;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Checks, before an apply, everything that would make it fail and that can be known beforehand, and
 * reports every problem at once: the cluster and its version, the namespace, quota room, storage
 * classes, images in the site registry, and node ports.
 */
public final class Preflight {

  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

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
      guarded(findings, "quota", release.namespace(), () -> quota(release, namespaceExists));
      guarded(findings, "storage", "classes", () -> storage(release));
      guarded(findings, "nodeport", "ports", () -> nodePorts(release));
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

  private List<Finding> quota(Release release, boolean namespaceExists) {
    Map<String, BigDecimal> needs = ResourceNeeds.of(release.objects());
    List<ResourceQuota> quotas = new ArrayList<>();
    Map<String, BigDecimal> ours = Map.of();
    if (namespaceExists) {
      quotas.addAll(client.resourceQuotas().inNamespace(release.namespace()).list().getItems());
      List<HasMetadata> live = new ArrayList<>();
      Map<String, String> platform = Map.of("app.kubernetes.io/part-of", release.platform());
      live.addAll(
          client
              .apps()
              .statefulSets()
              .inNamespace(release.namespace())
              .withLabels(platform)
              .list()
              .getItems());
      live.addAll(
          client
              .apps()
              .deployments()
              .inNamespace(release.namespace())
              .withLabels(platform)
              .list()
              .getItems());
      ours = ResourceNeeds.of(live);
    }
    // The platform's own quota replaces a live one of the same name.
    for (HasMetadata object : release.objects()) {
      if (object instanceof ResourceQuota rendered) {
        quotas.removeIf(q -> q.getMetadata().getName().equals(rendered.getMetadata().getName()));
        quotas.add(rendered);
      }
    }
    if (quotas.isEmpty()) {
      return List.of(
          Finding.ok("quota", release.namespace(), "no ResourceQuota limits the namespace"));
    }
    List<Finding> findings = new ArrayList<>();
    for (ResourceQuota quota : quotas) {
      findings.add(room(quota, needs, ours));
    }
    return findings;
  }

  private static Finding room(
      ResourceQuota quota, Map<String, BigDecimal> needs, Map<String, BigDecimal> ours) {
    Map<String, Quantity> hard =
        quota.getSpec() == null || quota.getSpec().getHard() == null
            ? Map.of()
            : quota.getSpec().getHard();
    Map<String, Quantity> used =
        quota.getStatus() == null || quota.getStatus().getUsed() == null
            ? Map.of()
            : quota.getStatus().getUsed();
    List<String> short_ = new ArrayList<>();
    List<String> fits = new ArrayList<>();
    for (Map.Entry<String, Quantity> limit : new java.util.TreeMap<>(hard).entrySet()) {
      BigDecimal need = needs.get(limit.getKey());
      if (need == null) {
        continue;
      }
      BigDecimal usedNow =
          used.containsKey(limit.getKey())
              ? used.get(limit.getKey()).getNumericalAmount()
              : BigDecimal.ZERO;
      BigDecimal ourNow = ours.getOrDefault(limit.getKey(), BigDecimal.ZERO).min(usedNow);
      BigDecimal room = limit.getValue().getNumericalAmount().subtract(usedNow).add(ourNow);
      String line =
          limit.getKey()
              + " needs "
              + plain(need)
              + ", room "
              + plain(room)
              + " (hard "
              + limit.getValue()
              + ", used "
              + plain(usedNow)
              + (ourNow.signum() > 0 ? " of which this platform " + plain(ourNow) : "")
              + ")";
      (need.compareTo(room) > 0 ? short_ : fits).add(line);
    }
    String subject = "ResourceQuota " + quota.getMetadata().getName();
    if (!short_.isEmpty()) {
      return Finding.problem("quota", subject, "not enough room: " + String.join("; ", short_));
    }
    return Finding.ok(
        "quota",
        subject,
        fits.isEmpty() ? "limits nothing this platform asks for" : String.join("; ", fits));
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }

  private List<Finding> storage(Release release) {
    TreeSet<String> named = new TreeSet<>();
    boolean unnamed = false;
    for (PersistentVolumeClaim claim : claims(release)) {
      String name = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
      if (name == null || name.isEmpty()) {
        unnamed = true;
      } else {
        named.add(name);
      }
    }
    if (named.isEmpty() && !unnamed) {
      return List.of(Finding.ok("storage", "classes", "no volumes"));
    }
    List<StorageClass> classes = client.storage().v1().storageClasses().list().getItems();
    List<Finding> findings = new ArrayList<>();
    for (String name : named) {
      boolean exists = classes.stream().anyMatch(c -> c.getMetadata().getName().equals(name));
      findings.add(
          exists
              ? Finding.ok("storage", "class " + name, "exists")
              : Finding.problem(
                  "storage",
                  "class " + name,
                  "no such StorageClass (the cluster has: "
                      + (classes.isEmpty()
                          ? "none"
                          : String.join(
                              ", ", classes.stream().map(c -> c.getMetadata().getName()).toList()))
                      + "); claims would stay Pending"));
    }
    if (unnamed) {
      Optional<StorageClass> fallback =
          classes.stream()
              .filter(
                  c ->
                      c.getMetadata().getAnnotations() != null
                          && "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_CLASS)))
              .findFirst();
      findings.add(
          fallback
              .map(
                  c ->
                      Finding.ok(
                          "storage",
                          "default class",
                          c.getMetadata().getName() + " is the default"))
              .orElseGet(
                  () ->
                      Finding.problem(
                          "storage",
                          "default class",
                          "volumes name no storage class and the cluster has no default one; claims would stay"
                              + " Pending (set storageClass on the volumes, or mark a class with "
                              + DEFAULT_CLASS
                              + "=true)")));
    }
    return findings;
  }

  private static List<PersistentVolumeClaim> claims(Release release) {
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    for (HasMetadata object : release.objects()) {
      if (object instanceof PersistentVolumeClaim claim) {
        claims.add(claim);
      } else if (object instanceof StatefulSet set
          && set.getSpec().getVolumeClaimTemplates() != null) {
        claims.addAll(set.getSpec().getVolumeClaimTemplates());
      }
    }
    return claims;
  }

  private List<Finding> nodePorts(Release release) {
    List<Finding> findings = new ArrayList<>();
    List<Service> live = null;
    for (HasMetadata object : release.objects()) {
      if (!(object instanceof Service service) || service.getSpec().getPorts() == null) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getNodePort() == null) {
          continue;
        }
        if (live == null) {
          live = client.services().inAnyNamespace().list().getItems();
        }
        String subject = "nodePort " + port.getNodePort();
        Optional<Service> taken =
            live.stream()
                .filter(
                    s ->
                        !(s.getMetadata().getNamespace().equals(release.namespace())
                            && s.getMetadata().getName().equals(service.getMetadata().getName())))
                .filter(
                    s ->
                        s.getSpec().getPorts() != null
                            && s.getSpec().getPorts().stream()
                                .anyMatch(p -> port.getNodePort().equals(p.getNodePort())))
                .findFirst();
        findings.add(
            taken
                .map(
                    s ->
                        Finding.problem(
                            "nodeport",
                            subject,
                            "wanted by Service "
                                + service.getMetadata().getName()
                                + " but already used by Service "
                                + s.getMetadata().getNamespace()
                                + "/"
                                + s.getMetadata().getName()))
                .orElseGet(() -> Finding.ok("nodeport", subject, "free")));
      }
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok("nodeport", "ports", "no fixed node ports asked for"));
    }
    return findings;
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
