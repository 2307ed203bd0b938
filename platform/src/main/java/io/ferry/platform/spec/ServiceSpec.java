package io.ferry.platform.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of the platform.
 *
 * @param name the service name: workload, Service and Ingress name, and the {@code app} label
 * @param kind StatefulSet (default) or Deployment
 * @param image the source image reference, rewritten to the site registry when rendered
 * @param replicas the number of pods
 * @param ports container ports by name
 * @param expose NodePort and Ingress exposure
 * @param resources limits and requests per resource name
 * @param volumes persistent volumes by name
 * @param hostPaths host directories by volume name
 * @param configFiles files mounted from a ConfigMap, by name
 * @param env environment variables
 * @param readiness readiness probe, when given
 * @param liveness liveness probe, when given
 * @param dependsOn services that must be healthy before this one rolls out
 */
public record ServiceSpec(
    String name,
    WorkloadKind kind,
    String image,
    int replicas,
    Map<String, Integer> ports,
    Expose expose,
    Resources resources,
    Map<String, VolumeSpec> volumes,
    Map<String, HostPathSpec> hostPaths,
    Map<String, ConfigFileSpec> configFiles,
    Map<String, String> env,
    Optional<Probe> readiness,
    Optional<Probe> liveness,
    List<String> dependsOn) {}
