package io.ferry.platform.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.SeedExample;
import io.ferry.platform.apply.Release;
import io.ferry.platform.cluster.MockCluster;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PreflightTest {

  private static final String SHOP =
      """
      apiVersion: ferry.dev/v1alpha1
      kind: Platform
      metadata: {name: shop, version: 1.0.0}
      spec:
        arches: [amd64]
        registry: {host: registry.site.local, project: shop}
        namespace: shop
        domain: apps.site.local
        services:
          web:
            image: vendor.example/shop/web:1.0
            replicas: 2
            ports: {http: 8080}
            expose: {nodePorts: {http: 30080}}
            resources: {requests: {cpu: 500m, memory: 1Gi}}
            volumes:
              data: {mountPath: /data, size: 1Gi, storageClass: fast}
              cache: {mountPath: /cache, size: 1Gi}
          api:
            image: vendor.example/shop/api:2.0
            ports: {http: 8081}
            expose: {nodePorts: {http: 30081}}
      """;

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient client = cluster.client();

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void reportsEveryProblemAtOnce(@TempDir Path tmp) throws IOException {
    Path spec = tmp.resolve("ferry.yaml");
    Files.writeString(spec, SHOP);
    Release release = Release.of(PlatformSpecLoader.load(spec, Optional.empty()), "");
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("shop").endMetadata().build())
        .create();
    ResourceQuota quota =
        client
            .resourceQuotas()
            .inNamespace("shop")
            .resource(
                new ResourceQuotaBuilder()
                    .withNewMetadata()
                    .withName("tenant")
                    .withNamespace("shop")
                    .endMetadata()
                    .withNewSpec()
                    .withHard(Map.of("requests.cpu", new Quantity("2"), "pods", new Quantity("10")))
                    .endSpec()
                    .build())
            .create();
    quota.setStatus(
        new io.fabric8.kubernetes.api.model.ResourceQuotaStatusBuilder()
            .withHard(quota.getSpec().getHard())
            .withUsed(Map.of("requests.cpu", new Quantity("1500m"), "pods", new Quantity("3")))
            .build());
    client.resourceQuotas().inNamespace("shop").resource(quota).updateStatus();
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("standard")
                .endMetadata()
                .withProvisioner("local")
                .build())
        .create();
    client
        .services()
        .inNamespace("other")
        .resource(
            new ServiceBuilder()
                .withNewMetadata()
                .withName("legacy")
                .withNamespace("other")
                .endMetadata()
                .withNewSpec()
                .withType("NodePort")
                .addNewPort()
                .withPort(80)
                .withNodePort(30080)
                .endPort()
                .endSpec()
                .build())
        .create();
    ImageChecker images =
        image ->
            image.endsWith("web:1.0")
                ? Finding.problem("image", image, "not in registry registry.site.local")
                : Finding.ok("image", image, "present");

    PreflightReport report = new Preflight(client, images).check(release);

    assertThat(report.passed()).isFalse();
    assertThat(report.problems())
        .extracting(Finding::toString)
        .containsExactly(
            "PROBLEM     quota     ResourceQuota tenant: not enough room: requests.cpu needs 1, room 0.5"
                + " (hard 2, used 1.5)",
            "PROBLEM     storage   class fast: no such StorageClass (the cluster has: standard); claims"
                + " would stay Pending",
            "PROBLEM     storage   default class: volumes name no storage class and the cluster has no"
                + " default one; claims would stay Pending (set storageClass on the volumes, or mark a"
                + " class with storageclass.kubernetes.io/is-default-class=true)",
            "PROBLEM     nodeport  nodePort 30080: wanted by Service web but already used by Service"
                + " other/legacy",
            "PROBLEM     image     registry.site.local/shop/web:1.0: not in registry registry.site.local");
    assertThat(report.findings())
        .extracting(Finding::toString)
        .contains(
            "ok          cluster   "
                + cluster.url()
                + "/: reachable, Kubernetes "
                + MockCluster.VERSION,
            "ok          namespace shop: exists",
            "ok          nodeport  nodePort 30081: free",
            "ok          image     registry.site.local/shop/api:2.0: present");
  }

  @Test
  void seedOnAnEmptyClusterPassesButSaysImagesWereNotChecked() {
    Release release = Release.of(PlatformSpecLoader.load(SeedExample.spec(), Optional.empty()), "");
    client
        .storage()
        .v1()
        .storageClasses()
        .resource(
            new StorageClassBuilder()
                .withNewMetadata()
                .withName("local-path")
                .withAnnotations(Map.of("storageclass.kubernetes.io/is-default-class", "true"))
                .endMetadata()
                .withProvisioner("rancher.io/local-path")
                .build())
        .create();

    PreflightReport report =
        new Preflight(client, ImageChecker.notChecked("no registry client configured"))
            .check(release);

    assertThat(report.passed()).isTrue();
    assertThat(report.findings())
        .extracting(Finding::toString)
        .contains(
            "ok          namespace project: does not exist; can be created (server dry run passed)",
            "ok          quota     project: no ResourceQuota limits the namespace",
            "ok          storage   default class: local-path is the default",
            "ok          nodeport  ports: no fixed node ports asked for",
            "not checked image     dockerhub.kubekey.local/project/gatekeeper:v362: no registry client"
                + " configured");
    assertThat(client.namespaces().withName("project").get()).as("dry run only").isNull();
  }

  @Test
  void unreachableClusterIsOneProblemAndImagesAreStillChecked(@TempDir Path tmp) {
    Release release = Release.of(PlatformSpecLoader.load(SeedExample.spec(), Optional.empty()), "");
    String url = cluster.url();
    cluster.close();
    try (KubernetesClient gone =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder()
                    .withMasterUrl(url)
                    .withRequestRetryBackoffLimit(0)
                    .withHttp2Disable(true)
                    .build())
            .build()) {
      PreflightReport report =
          new Preflight(gone, image -> Finding.ok("image", image, "present")).check(release);

      assertThat(report.problems()).hasSize(1);
      assertThat(report.problems().get(0).message())
          .startsWith("Tried to reach the Kubernetes API server at " + url);
      assertThat(report.findings()).filteredOn(f -> f.check().equals("image")).hasSize(2);
    }
  }
}
