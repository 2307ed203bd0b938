package io.ferry.platform.spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The rules within one service: ports, exposure, resources, mounts, probes, dependencies. */
final class ServiceValidator {

  static final Set<String> ACCESS_MODES =
      Set.of("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod");

  private final Checks checks;

  ServiceValidator(Checks checks) {
    this.checks = checks;
  }

  void validate(PlatformSpec spec, ServiceSpec service) {
    String path = "spec.services." + service.name();
    checks.check(path, service.name(), Names.dns1035Label(service.name(), Names.MAX_SERVICE_NAME));
    if (!service.image().isEmpty()) {
      checks.image(path + ".image", service.image());
    }
    if (service.replicas() < 0) {
      checks.add(
          path + ".replicas", "replicas was '" + service.replicas() + "' but it must be 0 or more");
    }
    checks.ports(path + ".ports", service.ports());
    for (int i = 0; i < service.expose().ingress().size(); i++) {
      int port = service.expose().ingress().get(i).port();
      if (port != 0 && !service.ports().containsValue(port)) {
        checks.add(
            path + ".expose.ingress[" + i + "].port",
            "port was '"
                + port
                + "' but it must be one of the service's ports "
                + Checks.sorted(service.ports().values()));
      }
    }
    service
        .expose()
        .nodePorts()
        .keySet()
        .forEach(
            name -> {
              if (!service.ports().containsKey(name)) {
                checks.add(
                    path + ".expose.nodePorts." + name,
                    "'"
                        + name
                        + "' is not a port name of the service; known: "
                        + Checks.sorted(service.ports().keySet()));
              }
            });
    resources(path + ".resources.limits", service.resources().limits());
    resources(path + ".resources.requests", service.resources().requests());
    mounts(path, service);
    service
        .env()
        .keySet()
        .forEach(name -> checks.check(path + ".env." + name, name, Names.envName(name)));
    service.readiness().ifPresent(p -> probe(path + ".readiness", p, service));
    service.liveness().ifPresent(p -> probe(path + ".liveness", p, service));
    for (int i = 0; i < service.dependsOn().size(); i++) {
      String dependency = service.dependsOn().get(i);
      String where = path + ".dependsOn[" + i + "]";
      if (dependency.equals(service.name())) {
        checks.add(where, service.name() + " cannot depend on itself");
      } else if (!spec.services().containsKey(dependency)) {
        checks.add(
            where,
            "'"
                + dependency
                + "' is not a service of this platform"
                + Suggestions.closest(dependency, spec.services().keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; known: " + Checks.sorted(spec.services().keySet())));
      }
    }
    if (service.kind() == WorkloadKind.DEPLOYMENT && service.replicas() > 1) {
      service
          .volumes()
          .forEach(
              (name, volume) -> {
                if (!volume.accessMode().endsWith("Many")) {
                  checks.add(
                      path + ".volumes." + name,
                      "a Deployment's replicas share one claim, which "
                          + volume.accessMode()
                          + " cannot serve on several hosts; use kind: StatefulSet (a claim per"
                          + " replica) or accessMode: ReadWriteMany");
                }
              });
    }
  }

  private void mounts(String path, ServiceSpec service) {
    Map<String, String> volumeNames = new HashMap<>();
    Map<String, String> mountPaths = new HashMap<>();
    service
        .volumes()
        .forEach(
            (name, volume) -> {
              String where = path + ".volumes." + name;
              mount(where, name, volume.mountPath(), volumeNames, mountPaths);
              if (!volume.size().isEmpty()) {
                checks.quantity(where + ".size", volume.size());
              }
              if (!ACCESS_MODES.contains(volume.accessMode())) {
                checks.add(
                    where + ".accessMode",
                    "accessMode was '"
                        + volume.accessMode()
                        + "' but it must be one of "
                        + Checks.sorted(ACCESS_MODES));
              }
              volume
                  .storageClass()
                  .ifPresent(
                      sc -> checks.check(where + ".storageClass", sc, Names.dns1123Subdomain(sc)));
            });
    service
        .hostPaths()
        .forEach(
            (name, hostPath) -> {
              String where = path + ".hostPaths." + name;
              mount(where, name, hostPath.mountPath(), volumeNames, mountPaths);
              checks.absolute(where + ".path", hostPath.path());
            });
    service
        .configFiles()
        .forEach(
            (name, file) -> {
              String where = path + ".configFiles." + name;
              mount(where, name, file.mountPath(), volumeNames, mountPaths);
              if (file.mountPath().endsWith("/")) {
                checks.add(where + ".mountPath", "mountPath must name a file, not end with '/'");
              }
            });
  }

  private void mount(
      String where,
      String name,
      String mountPath,
      Map<String, String> volumeNames,
      Map<String, String> mountPaths) {
    checks.check(where, name, Names.dns1123Label(name));
    String previous = volumeNames.putIfAbsent(name, where);
    if (previous != null) {
      checks.add(where, "volume name '" + name + "' is already used by " + previous);
    }
    if (checks.absolute(where + ".mountPath", mountPath)) {
      String other = mountPaths.putIfAbsent(mountPath, where);
      if (other != null) {
        checks.add(
            where + ".mountPath", "mountPath '" + mountPath + "' is already used by " + other);
      }
    }
  }

  private void probe(String path, Probe probe, ServiceSpec service) {
    String port = probe.port();
    if (port.isEmpty()) {
      return;
    }
    boolean known =
        service.ports().containsKey(port)
            || service.ports().containsValue(Checks.parseOrZero(port));
    if (!known) {
      checks.add(
          path + (probe.httpPath().isPresent() ? ".httpGet" : ".tcpSocket") + ".port",
          "port was '"
              + port
              + "' but it must be a port name or number of the service "
              + Checks.sorted(service.ports().keySet()));
    }
    probe
        .httpPath()
        .ifPresent(
            httpPath -> {
              if (!httpPath.startsWith("/")) {
                checks.add(
                    path + ".httpGet.path", "path was '" + httpPath + "' but it must start with /");
              }
            });
  }

  private void resources(String path, Map<String, String> quantities) {
    quantities.forEach((name, value) -> checks.quantity(path + "." + name, value));
  }
}
