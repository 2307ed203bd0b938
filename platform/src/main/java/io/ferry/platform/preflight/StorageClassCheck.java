package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether the storage classes the volumes name exist, and a default one when a volume names none.
 */
final class StorageClassCheck {

  private final KubernetesClient client;

  StorageClassCheck(KubernetesClient client) {
    this.client = client;
  }

  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";

  List<Finding> check(Release release) {
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
}
