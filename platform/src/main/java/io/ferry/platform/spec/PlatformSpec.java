package io.ferry.platform.spec;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated platform spec, site values already merged in. Maps are sorted by key.
 *
 * @param name the platform's name ({@code metadata.name}), the {@code part-of} label
 * @param version the platform's version ({@code metadata.version})
 * @param arches CPU architectures the site runs
 * @param registry the site registry the images are served from
 * @param namespace the Kubernetes namespace
 * @param domain the ingress host suffix: {@code <service>.<namespace>.<domain>}
 * @param services the services by name
 * @param external dependencies outside Kubernetes by name
 * @param images images carried in the bundle but not deployed as a service
 * @param monitoringRules globs of Prometheus rule files shipped with the platform
 * @param quota the tenant's quota for the namespace, when set
 */
public record PlatformSpec(
    String name,
    String version,
    List<String> arches,
    Registry registry,
    String namespace,
    String domain,
    Map<String, ServiceSpec> services,
    Map<String, ExternalSpec> external,
    List<String> images,
    List<String> monitoringRules,
    Optional<Quota> quota) {

  /** The API version of the spec format this build reads. */
  public static final String API_VERSION = "ferry.dev/v1alpha1";

  /** The kind of the spec document. */
  public static final String KIND = "Platform";

  /** The ingress host a rule without an explicit host gets. */
  public String defaultHost(String service) {
    return service + "." + namespace + "." + domain;
  }
}
