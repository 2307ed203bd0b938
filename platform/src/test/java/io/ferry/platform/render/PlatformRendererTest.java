package io.ferry.platform.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.ferry.platform.SeedExample;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformRendererTest {

  private static PlatformSpec seed() {
    return PlatformSpecLoader.load(SeedExample.spec(), Optional.empty());
  }

  private static PlatformSpec seedInHangzhou() {
    return PlatformSpecLoader.load(SeedExample.spec(), Optional.of(SeedExample.siteValues()));
  }

  private static PlatformSpec full() throws URISyntaxException {
    return PlatformSpecLoader.load(
        Path.of(PlatformRendererTest.class.getResource("/specs/full-platform.yaml").toURI()),
        Optional.empty());
  }

  private static <T extends HasMetadata> T find(
      List<HasMetadata> objects, Class<T> type, String name) {
    return objects.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .filter(o -> o.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
  }

  @Test
  void seedRendersAsTheGoldenFile() throws Exception {
    Golden.assertMatches("seed.yaml", ManifestWriter.toYaml(PlatformRenderer.render(seed())));
  }

  @Test
  void seedWithHangzhouValuesRendersAsTheGoldenFile() throws Exception {
    Golden.assertMatches(
        "seed-hangzhou.yaml", ManifestWriter.toYaml(PlatformRenderer.render(seedInHangzhou())));
  }

  @Test
  void everyFeatureRendersAsTheGoldenFile() throws Exception {
    Golden.assertMatches(
        "full-platform.yaml", ManifestWriter.toYaml(PlatformRenderer.render(full())));
  }

  @Test
  void renderingTwiceGivesTheSameBytes() throws Exception {
    for (PlatformSpec spec : List.of(seed(), seedInHangzhou(), full())) {
      assertThat(ManifestWriter.toYaml(PlatformRenderer.render(spec)))
          .isEqualTo(ManifestWriter.toYaml(PlatformRenderer.render(spec)));
    }
  }

  @Test
  void everyRenderedObjectRoundTripsThroughFabric8WithUnknownFieldsRejected() throws Exception {
    for (PlatformSpec spec : List.of(seed(), seedInHangzhou(), full())) {
      List<HasMetadata> objects = PlatformRenderer.render(spec);
      List<String> documents = FabricRoundTrip.documents(ManifestWriter.toYaml(objects));
      assertThat(documents).hasSameSizeAs(objects);
      for (int i = 0; i < objects.size(); i++) {
        HasMetadata read = FabricRoundTrip.read(documents.get(i), objects.get(i).getKind());
        assertThat(read).isEqualTo(objects.get(i));
        assertThat(ManifestWriter.toYaml(read)).isEqualTo(documents.get(i));
      }
    }
  }

  @Test
  void seedGatekeeperIsTheArticlesStatefulSet() {
    List<HasMetadata> objects = PlatformRenderer.render(seed());
    StatefulSet gatekeeper = find(objects, StatefulSet.class, "gatekeeper");

    assertThat(gatekeeper.getSpec().getReplicas()).isEqualTo(2);
    assertThat(gatekeeper.getSpec().getServiceName()).isEqualTo("gatekeeper-headless");
    WeightedPodAffinityTerm spread =
        gatekeeper
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution()
            .get(0);
    assertThat(spread.getWeight()).isEqualTo(100);
    assertThat(spread.getPodAffinityTerm().getTopologyKey()).isEqualTo("kubernetes.io/hostname");
    assertThat(spread.getPodAffinityTerm().getLabelSelector().getMatchLabels())
        .isEqualTo(Map.of("app", "gatekeeper"));

    Container container = gatekeeper.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("dockerhub.kubekey.local/project/gatekeeper:v362");
    assertThat(container.getPorts()).extracting("containerPort").containsExactly(8000, 8080);
    assertThat(container.getResources().getLimits())
        .containsEntry("cpu", new Quantity("2"))
        .containsEntry("memory", new Quantity("4Gi"));
    assertThat(container.getVolumeMounts())
        .extracting("name", "mountPath")
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("vol-data", "/home/user/data1"),
            org.assertj.core.groups.Tuple.tuple("data0", "/home/user/data0"));
    assertThat(gatekeeper.getSpec().getTemplate().getSpec().getVolumes())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getName()).isEqualTo("data0");
              assertThat(v.getHostPath().getPath()).isEqualTo("/data0");
            });
    PersistentVolumeClaim claim = gatekeeper.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("vol-data");
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests())
        .containsEntry("storage", new Quantity("10Gi"));
    assertThat(gatekeeper.getMetadata().getLabels())
        .containsEntry("app", "gatekeeper")
        .containsEntry("app.kubernetes.io/name", "gatekeeper")
        .containsEntry("app.kubernetes.io/instance", "citybrain-gatekeeper")
        .containsEntry("app.kubernetes.io/version", "3.6.2")
        .containsEntry("app.kubernetes.io/part-of", "citybrain")
        .containsEntry("app.kubernetes.io/managed-by", "ferry");
  }

  @Test
  void seedGatekeeperIsExposedByNodePortAndTwoIngressHosts() {
    List<HasMetadata> objects = PlatformRenderer.render(seed());
    Service service = find(objects, Service.class, "gatekeeper");
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getPorts()).extracting("port").containsExactly(8000, 8080);
    assertThat(find(objects, Service.class, "gatekeeper-headless").getSpec().getClusterIP())
        .isEqualTo("None");

    Ingress ingress = find(objects, Ingress.class, "gatekeeper");
    assertThat(ingress.getApiVersion()).isEqualTo("networking.k8s.io/v1");
    assertThat(ingress.getSpec().getRules())
        .extracting(
            r -> r.getHost(),
            r -> r.getHttp().getPaths().get(0).getBackend().getService().getPort().getNumber(),
            r -> r.getHttp().getPaths().get(0).getPathType())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "gatekeeper.project.10.86.67.11.nip.io", 8000, "Prefix"),
            org.assertj.core.groups.Tuple.tuple(
                "gatekeeper.project.10.86.68.66.nip.io", 8080, "Prefix"));
  }

  @Test
  void externalDependencyIsASelectorlessServiceWithEndpoints() {
    List<HasMetadata> objects = PlatformRenderer.render(seed());
    Service redis = find(objects, Service.class, "redis-cluster");
    assertThat(redis.getSpec().getSelector()).isNullOrEmpty();
    Endpoints endpoints = find(objects, Endpoints.class, "redis-cluster");
    assertThat(endpoints.getSubsets().get(0).getAddresses())
        .extracting("ip")
        .containsExactly("10.86.67.11");
    assertThat(endpoints.getSubsets().get(0).getPorts()).extracting("port").containsExactly(6379);
  }

  @Test
  void hangzhouValuesMoveRegistryDomainReplicasAndRedis() {
    List<HasMetadata> objects = PlatformRenderer.render(seedInHangzhou());
    StatefulSet gatekeeper = find(objects, StatefulSet.class, "gatekeeper");
    assertThat(gatekeeper.getSpec().getReplicas()).isEqualTo(3);
    assertThat(gatekeeper.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("harbor.hz.internal/citybrain/gatekeeper:v362");
    assertThat(find(objects, Ingress.class, "gatekeeper").getSpec().getRules())
        .extracting("host")
        .containsExactly(
            "gatekeeper.project.apps.hz.internal", "gatekeeper.project.10.86.68.66.nip.io");
    assertThat(find(objects, Endpoints.class, "redis-cluster").getSubsets().get(0).getAddresses())
        .extracting("ip")
        .containsExactly("10.20.1.5", "10.20.1.6", "10.20.1.7");
  }

  @Test
  void objectsComeInApplyOrderWithDependenciesFirst() {
    assertThat(PlatformRenderer.render(seed()))
        .extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
        .containsExactly(
            "Namespace/project",
            "Service/redis-cluster",
            "Endpoints/redis-cluster",
            "Service/abc-service-headless",
            "Service/abc-service",
            "StatefulSet/abc-service",
            "Service/gatekeeper-headless",
            "Service/gatekeeper",
            "StatefulSet/gatekeeper",
            "Ingress/gatekeeper");
  }

  @Test
  void deploymentSharesClaimsAndCarriesProbesConfigQuotaAndPullSecret() throws Exception {
    List<HasMetadata> objects = PlatformRenderer.render(full());
    assertThat(objects.get(1)).isInstanceOf(ResourceQuota.class);
    assertThat(((ResourceQuota) objects.get(1)).getSpec().getHard())
        .containsEntry("requests.cpu", new Quantity("16"))
        .containsEntry("pods", new Quantity("40"));
    Deployment web = find(objects, Deployment.class, "web");
    var pod = web.getSpec().getTemplate().getSpec();
    assertThat(pod.getImagePullSecrets()).extracting("name").containsExactly("site-registry");
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage())
        .isEqualTo(
            "registry.site.local:5000/shop/web@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/ready");
    assertThat(container.getLivenessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8080);
    assertThat(container.getLivenessProbe().getInitialDelaySeconds()).isEqualTo(60);
    assertThat(find(objects, PersistentVolumeClaim.class, "web-uploads").getSpec().getAccessModes())
        .containsExactly("ReadWriteMany");
    assertThat(find(objects, ConfigMap.class, "web-files").getData()).containsKey("app-conf");
    assertThat(web.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("ferry.dev/config-hash");
    assertThat(find(objects, Service.class, "web").getSpec().getPorts().get(0).getNodePort())
        .isEqualTo(30080);
    assertThat(objects)
        .noneMatch(o -> o instanceof Service s && s.getMetadata().getName().equals("web-headless"));
  }
}
