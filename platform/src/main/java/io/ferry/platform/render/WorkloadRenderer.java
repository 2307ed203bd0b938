package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.ServiceSpec;
import io.ferry.platform.spec.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A service's workload: a StatefulSet with claim templates, or a Deployment with shared claims. */
final class WorkloadRenderer {

  private WorkloadRenderer() {}

  /** The ConfigMap holding a service's config files, when it has any. */
  static Optional<ConfigMap> configMap(PlatformSpec spec, ServiceSpec service) {
    if (service.configFiles().isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> data = new TreeMap<>();
    service.configFiles().forEach((name, file) -> data.put(name, file.content()));
    return Optional.of(
        new ConfigMapBuilder()
            .withMetadata(
                ObjectMetas.of(
                    Names.configMap(service), spec.namespace(), Labels.service(spec, service)))
            .withData(data)
            .build());
  }

  /** The claims a Deployment's replicas share; a StatefulSet gets claim templates instead. */
  static List<PersistentVolumeClaim> sharedClaims(PlatformSpec spec, ServiceSpec service) {
    if (service.kind() != io.ferry.platform.spec.WorkloadKind.DEPLOYMENT) {
      return List.of();
    }
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    service
        .volumes()
        .forEach(
            (name, volume) ->
                claims.add(
                    new PersistentVolumeClaimBuilder()
                        .withMetadata(
                            ObjectMetas.of(
                                Names.sharedClaim(service, name),
                                spec.namespace(),
                                Labels.service(spec, service)))
                        .withSpec(claimSpec(volume))
                        .build()));
    return claims;
  }

  static HasMetadata workload(PlatformSpec spec, ServiceSpec service) {
    Optional<String> configHash = configMap(spec, service).map(WorkloadRenderer::hash);
    var metadata = ObjectMetas.of(service.name(), spec.namespace(), Labels.service(spec, service));
    var template = PodTemplates.of(spec, service, configHash);
    return switch (service.kind()) {
      case DEPLOYMENT ->
          new DeploymentBuilder()
              .withMetadata(metadata)
              .withNewSpec()
              .withReplicas(service.replicas())
              .withNewSelector()
              .withMatchLabels(Labels.selector(service))
              .endSelector()
              .withTemplate(template)
              .endSpec()
              .build();
      case STATEFUL_SET ->
          new StatefulSetBuilder()
              .withMetadata(metadata)
              .withNewSpec()
              .withServiceName(Names.headlessService(service))
              .withReplicas(service.replicas())
              .withNewSelector()
              .withMatchLabels(Labels.selector(service))
              .endSelector()
              .withTemplate(template)
              .withVolumeClaimTemplates(
                  service.volumes().entrySet().stream()
                      .map(
                          volume ->
                              new PersistentVolumeClaimBuilder()
                                  .withMetadata(
                                      new ObjectMetaBuilder()
                                          .withName(volume.getKey())
                                          .withLabels(Labels.service(spec, service))
                                          .build())
                                  .withSpec(claimSpec(volume.getValue()))
                                  .build())
                      .toList())
              .endSpec()
              .build();
    };
  }

  private static PersistentVolumeClaimSpec claimSpec(VolumeSpec volume) {
    return new PersistentVolumeClaimSpecBuilder()
        .withAccessModes(volume.accessMode())
        .withStorageClassName(volume.storageClass().orElse(null))
        .withNewResources()
        .withRequests(new TreeMap<>(Map.of("storage", new Quantity(volume.size()))))
        .endResources()
        .build();
  }

  private static String hash(ConfigMap configMap) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      configMap
          .getData()
          .forEach(
              (key, value) -> {
                digest.update(key.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(value.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
              });
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
