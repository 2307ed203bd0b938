package io.ferry.platform.apply;

import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.ServiceSpec;
import java.util.Map;

/** Variations of a loaded spec for tests, as a new vendor release would bring. */
final class Specs {

  private Specs() {}

  static ServiceSpec withImage(ServiceSpec s, String image) {
    return new ServiceSpec(
        s.name(),
        s.kind(),
        image,
        s.replicas(),
        s.ports(),
        s.expose(),
        s.resources(),
        s.volumes(),
        s.hostPaths(),
        s.configFiles(),
        s.env(),
        s.readiness(),
        s.liveness(),
        s.dependsOn());
  }

  static PlatformSpec with(PlatformSpec p, String version, Map<String, ServiceSpec> services) {
    return new PlatformSpec(
        p.name(),
        version,
        p.arches(),
        p.registry(),
        p.namespace(),
        p.domain(),
        services,
        p.external(),
        p.images(),
        p.monitoringRules(),
        p.quota());
  }
}
