package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.ferry.platform.image.SiteRegistry;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.Probe;
import io.ferry.platform.spec.ServiceSpec;
import io.ferry.platform.spec.WorkloadKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The pod template of a service, shared by StatefulSet and Deployment. */
final class PodTemplates {

  /** Changes when a config file changes, so the pods roll and read the new file. */
  static final String CONFIG_HASH = "ferry.dev/config-hash";

  static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";

  private PodTemplates() {}

  static PodTemplateSpec of(PlatformSpec spec, ServiceSpec service, Optional<String> configHash) {
    ObjectMetaBuilder metadata = new ObjectMetaBuilder().withLabels(Labels.service(spec, service));
    configHash.ifPresent(hash -> metadata.withAnnotations(Map.of(CONFIG_HASH, hash)));
    return new PodTemplateSpecBuilder()
        .withMetadata(metadata.build())
        .withNewSpec()
        .withAffinity(antiAffinity(service))
        .withImagePullSecrets(
            spec.registry().pullSecret().stream()
                .map(name -> new LocalObjectReferenceBuilder().withName(name).build())
                .toList())
        .withContainers(container(spec, service))
        .withVolumes(volumes(service))
        .endSpec()
        .build();
  }

  /** Replicas prefer different hosts, so losing one host loses one replica. */
  private static Affinity antiAffinity(ServiceSpec service) {
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .addNewPreferredDuringSchedulingIgnoredDuringExecution()
        .withWeight(100)
        .withNewPodAffinityTerm()
        .withNewLabelSelector()
        .withMatchLabels(Labels.selector(service))
        .endLabelSelector()
        .withTopologyKey(HOSTNAME_TOPOLOGY)
        .endPodAffinityTerm()
        .endPreferredDuringSchedulingIgnoredDuringExecution()
        .endPodAntiAffinity()
        .build();
  }

  private static Container container(PlatformSpec spec, ServiceSpec service) {
    SiteRegistry registry = new SiteRegistry(spec.registry().host(), spec.registry().project());
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(service.name())
            .withImage(registry.rewrite(service.image()))
            .withImagePullPolicy("IfNotPresent")
            .withPorts(
                service.ports().entrySet().stream()
                    .map(
                        port ->
                            new ContainerPortBuilder()
                                .withName(port.getKey())
                                .withContainerPort(port.getValue())
                                .withProtocol("TCP")
                                .build())
                    .toList())
            .withEnv(
                service.env().entrySet().stream()
                    .map(
                        e ->
                            new EnvVarBuilder()
                                .withName(e.getKey())
                                .withValue(e.getValue())
                                .build())
                    .toList())
            .withVolumeMounts(mounts(service));
    if (!service.resources().limits().isEmpty() || !service.resources().requests().isEmpty()) {
      ResourceRequirementsBuilder resources = new ResourceRequirementsBuilder();
      if (!service.resources().limits().isEmpty()) {
        resources.withLimits(quantities(service.resources().limits()));
      }
      if (!service.resources().requests().isEmpty()) {
        resources.withRequests(quantities(service.resources().requests()));
      }
      container.withResources(resources.build());
    }
    service.readiness().ifPresent(p -> container.withReadinessProbe(probe(p, service)));
    service.liveness().ifPresent(p -> container.withLivenessProbe(probe(p, service)));
    return container.build();
  }

  private static Map<String, Quantity> quantities(Map<String, String> values) {
    Map<String, Quantity> quantities = new TreeMap<>();
    values.forEach((name, value) -> quantities.put(name, new Quantity(value)));
    return quantities;
  }

  private static io.fabric8.kubernetes.api.model.Probe probe(Probe probe, ServiceSpec service) {
    IntOrString port =
        service.ports().containsKey(probe.port())
            ? new IntOrString(probe.port())
            : new IntOrString(Integer.parseInt(probe.port()));
    ProbeBuilder builder =
        new ProbeBuilder()
            .withInitialDelaySeconds((int) probe.initialDelay().toSeconds())
            .withPeriodSeconds((int) probe.period().toSeconds());
    if (probe.httpPath().isPresent()) {
      builder.withNewHttpGet().withPath(probe.httpPath().get()).withPort(port).endHttpGet();
    } else {
      builder.withNewTcpSocket().withPort(port).endTcpSocket();
    }
    return builder.build();
  }

  private static List<VolumeMount> mounts(ServiceSpec service) {
    List<VolumeMount> mounts = new ArrayList<>();
    service
        .volumes()
        .forEach(
            (name, volume) ->
                mounts.add(
                    new VolumeMountBuilder()
                        .withName(name)
                        .withMountPath(volume.mountPath())
                        .build()));
    service
        .hostPaths()
        .forEach(
            (name, hostPath) ->
                mounts.add(
                    new VolumeMountBuilder()
                        .withName(name)
                        .withMountPath(hostPath.mountPath())
                        .build()));
    service
        .configFiles()
        .forEach(
            (name, file) ->
                mounts.add(
                    new VolumeMountBuilder()
                        .withName(name)
                        .withMountPath(file.mountPath())
                        .withSubPath(file.fileName())
                        .withReadOnly(true)
                        .build()));
    mounts.sort(Comparator.comparing(VolumeMount::getName));
    return mounts;
  }

  private static List<Volume> volumes(ServiceSpec service) {
    List<Volume> volumes = new ArrayList<>();
    if (service.kind() == WorkloadKind.DEPLOYMENT) {
      service
          .volumes()
          .keySet()
          .forEach(
              name ->
                  volumes.add(
                      new VolumeBuilder()
                          .withName(name)
                          .withNewPersistentVolumeClaim()
                          .withClaimName(Names.sharedClaim(service, name))
                          .endPersistentVolumeClaim()
                          .build()));
    }
    service
        .hostPaths()
        .forEach(
            (name, hostPath) ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(name)
                        .withNewHostPath()
                        .withPath(hostPath.path())
                        .endHostPath()
                        .build()));
    service
        .configFiles()
        .forEach(
            (name, file) ->
                volumes.add(
                    new VolumeBuilder()
                        .withName(name)
                        .withNewConfigMap()
                        .withName(Names.configMap(service))
                        .addNewItem()
                        .withKey(name)
                        .withPath(file.fileName())
                        .endItem()
                        .endConfigMap()
                        .build()));
    volumes.sort(Comparator.comparing(Volume::getName));
    return volumes;
  }
}
