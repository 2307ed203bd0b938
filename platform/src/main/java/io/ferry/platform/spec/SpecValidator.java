package io.ferry.platform.spec;

import io.ferry.platform.image.ImageReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The rules between values that the shape of the format cannot express: names Kubernetes accepts,
 * ports, quantities, dependencies, colliding hosts. Every problem is recorded; none stops the
 * check.
 */
final class SpecValidator {

  static final Set<String> ARCHES =
      Set.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64");
  static final Set<String> ACCESS_MODES =
      Set.of("ReadWriteOnce", "ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod");
  static final int MIN_NODE_PORT = 30000;
  static final int MAX_NODE_PORT = 32767;

  private static final Pattern REGISTRY_HOST =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\\d{1,5})?");
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+([._/-][a-z0-9]+)*");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private final SpecProblems problems;

  SpecValidator(SpecProblems problems) {
    this.problems = problems;
  }

  void validate(PlatformSpec spec) {
    check("metadata.name", spec.name(), Names.dns1123Label(spec.name()));
    check("metadata.version", spec.version(), Names.labelValue(spec.version()));
    check("spec.namespace", spec.namespace(), Names.dns1123Label(spec.namespace()));
    check("spec.domain", spec.domain(), Names.dns1123Subdomain(spec.domain()));
    registry(spec.registry());
    if (spec.arches().isEmpty()) {
      problems.add("spec.arches", "arches is required: the CPU architectures the site runs");
    }
    for (int i = 0; i < spec.arches().size(); i++) {
      String arch = spec.arches().get(i);
      if (!ARCHES.contains(arch)) {
        problems.add(
            "spec.arches[" + i + "]",
            "arch was '" + arch + "' but it must be one of " + String.join(", ", sorted(ARCHES)));
      }
    }
    spec.services().values().forEach(service -> service(spec, service));
    dependencies(spec);
    ingressHosts(spec);
    nodePorts(spec);
    spec.external().forEach(this::external);
    for (int i = 0; i < spec.images().size(); i++) {
      image("spec.images[" + i + "]", spec.images().get(i));
    }
    for (int i = 0; i < spec.monitoringRules().size(); i++) {
      String rule = spec.monitoringRules().get(i);
      if (rule.isBlank() || rule.startsWith("/") || List.of(rule.split("/")).contains("..")) {
        problems.add(
            "spec.monitoring.rules[" + i + "]",
            "rule was '" + rule + "' but it must be a path or glob relative to the spec's folder");
      }
    }
    spec.quota().ifPresent(quota -> quota(spec, quota));
  }

  private void registry(Registry registry) {
    if (!registry.host().isEmpty() && !REGISTRY_HOST.matcher(registry.host()).matches()) {
      problems.add(
          "spec.registry.host",
          "host was '" + registry.host() + "' but it must be a host name with an optional :port");
    }
    if (!registry.project().isEmpty() && !PROJECT.matcher(registry.project()).matches()) {
      problems.add(
          "spec.registry.project",
          "project was '"
              + registry.project()
              + "' but it must be lowercase letters and digits separated by '.', '_', '-' or '/'");
    }
    registry
        .pullSecret()
        .ifPresent(
            secret -> check("spec.registry.pullSecret", secret, Names.dns1123Subdomain(secret)));
  }

  private void service(PlatformSpec spec, ServiceSpec service) {
    String path = "spec.services." + service.name();
    check(path, service.name(), Names.dns1035Label(service.name(), Names.MAX_SERVICE_NAME));
    if (!service.image().isEmpty()) {
      image(path + ".image", service.image());
    }
    if (service.replicas() < 0) {
      problems.add(
          path + ".replicas", "replicas was '" + service.replicas() + "' but it must be 0 or more");
    }
    ports(path + ".ports", service.ports());
    for (int i = 0; i < service.expose().ingress().size(); i++) {
      int port = service.expose().ingress().get(i).port();
      if (port != 0 && !service.ports().containsValue(port)) {
        problems.add(
            path + ".expose.ingress[" + i + "].port",
            "port was '"
                + port
                + "' but it must be one of the service's ports "
                + sorted(service.ports().values()));
      }
    }
    service
        .expose()
        .nodePorts()
        .keySet()
        .forEach(
            name -> {
              if (!service.ports().containsKey(name)) {
                problems.add(
                    path + ".expose.nodePorts." + name,
                    "'"
                        + name
                        + "' is not a port name of the service; known: "
                        + sorted(service.ports().keySet()));
              }
            });
    resources(path + ".resources.limits", service.resources().limits());
    resources(path + ".resources.requests", service.resources().requests());
    mounts(path, service);
    service.env().keySet().forEach(name -> check(path + ".env." + name, name, Names.envName(name)));
    service.readiness().ifPresent(p -> probe(path + ".readiness", p, service));
    service.liveness().ifPresent(p -> probe(path + ".liveness", p, service));
    for (int i = 0; i < service.dependsOn().size(); i++) {
      String dependency = service.dependsOn().get(i);
      String where = path + ".dependsOn[" + i + "]";
      if (dependency.equals(service.name())) {
        problems.add(where, service.name() + " cannot depend on itself");
      } else if (!spec.services().containsKey(dependency)) {
        problems.add(
            where,
            "'"
                + dependency
                + "' is not a service of this platform"
                + Suggestions.closest(dependency, spec.services().keySet())
                    .map(s -> "; did you mean '" + s + "'?")
                    .orElse("; known: " + sorted(spec.services().keySet())));
      }
    }
    if (service.kind() == WorkloadKind.DEPLOYMENT && service.replicas() > 1) {
      service
          .volumes()
          .forEach(
              (name, volume) -> {
                if (!volume.accessMode().endsWith("Many")) {
                  problems.add(
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
                quantity(where + ".size", volume.size());
              }
              if (!ACCESS_MODES.contains(volume.accessMode())) {
                problems.add(
                    where + ".accessMode",
                    "accessMode was '"
                        + volume.accessMode()
                        + "' but it must be one of "
                        + sorted(ACCESS_MODES));
              }
              volume
                  .storageClass()
                  .ifPresent(sc -> check(where + ".storageClass", sc, Names.dns1123Subdomain(sc)));
            });
    service
        .hostPaths()
        .forEach(
            (name, hostPath) -> {
              String where = path + ".hostPaths." + name;
              mount(where, name, hostPath.mountPath(), volumeNames, mountPaths);
              absolute(where + ".path", hostPath.path());
            });
    service
        .configFiles()
        .forEach(
            (name, file) -> {
              String where = path + ".configFiles." + name;
              mount(where, name, file.mountPath(), volumeNames, mountPaths);
              if (file.mountPath().endsWith("/")) {
                problems.add(where + ".mountPath", "mountPath must name a file, not end with '/'");
              }
            });
  }

  private void mount(
      String where,
      String name,
      String mountPath,
      Map<String, String> volumeNames,
      Map<String, String> mountPaths) {
    check(where, name, Names.dns1123Label(name));
    String previous = volumeNames.putIfAbsent(name, where);
    if (previous != null) {
      problems.add(where, "volume name '" + name + "' is already used by " + previous);
    }
    if (absolute(where + ".mountPath", mountPath)) {
      String other = mountPaths.putIfAbsent(mountPath, where);
      if (other != null) {
        problems.add(
            where + ".mountPath", "mountPath '" + mountPath + "' is already used by " + other);
      }
    }
  }

  private boolean absolute(String path, String value) {
    if (value.isEmpty()) {
      return false; // reported as missing already
    }
    if (!value.startsWith("/")) {
      problems.add(
          path, Nodes.field(path) + " was '" + value + "' but it must be an absolute path");
      return false;
    }
    return true;
  }

  private void probe(String path, Probe probe, ServiceSpec service) {
    String port = probe.port();
    if (port.isEmpty()) {
      return;
    }
    boolean known =
        service.ports().containsKey(port) || service.ports().containsValue(parseOrZero(port));
    if (!known) {
      problems.add(
          path + (probe.httpPath().isPresent() ? ".httpGet" : ".tcpSocket") + ".port",
          "port was '"
              + port
              + "' but it must be a port name or number of the service "
              + sorted(service.ports().keySet()));
    }
    probe
        .httpPath()
        .ifPresent(
            httpPath -> {
              if (!httpPath.startsWith("/")) {
                problems.add(
                    path + ".httpGet.path", "path was '" + httpPath + "' but it must start with /");
              }
            });
  }

  private void ports(String path, Map<String, Integer> ports) {
    Map<Integer, String> byNumber = new HashMap<>();
    ports.forEach(
        (name, number) -> {
          String where = path + "." + name;
          check(where, name, Names.portName(name));
          if (number < 1 || number > 65535) {
            problems.add(where, name + " was '" + number + "' but it must be a port, 1 to 65535");
            return;
          }
          String other = byNumber.putIfAbsent(number, name);
          if (other != null) {
            problems.add(where, "port " + number + " is already used by port '" + other + "'");
          }
        });
  }

  private void resources(String path, Map<String, String> quantities) {
    quantities.forEach((name, value) -> quantity(path + "." + name, value));
  }

  private void quantity(String path, String value) {
    if (!Quantities.isValid(value)) {
      problems.add(
          path,
          Nodes.field(path)
              + " was '"
              + value
              + "' but it must be a Kubernetes quantity such as 2, 500m, 512Mi or 4Gi"
              + Quantities.hint(value));
    }
  }

  private void image(String path, String image) {
    try {
      ImageReference reference = ImageReference.parse(image);
      if (!reference.isPinned()) {
        problems.add(
            path,
            "image '"
                + image
                + "' has no tag or digest; pin one (an implicit 'latest' cannot be ferried)");
      }
    } catch (IllegalArgumentException e) {
      problems.add(
          path, "image was '" + image + "' but it is not an image reference: " + e.getMessage());
    }
  }

  private void dependencies(PlatformSpec spec) {
    DependencyOrder.findCycle(DependencyOrder.graph(spec.services().values()))
        .filter(cycle -> cycle.size() > 2) // a self-dependency is reported on its own
        .ifPresent(
            cycle ->
                problems.add(
                    "spec.services." + cycle.get(0) + ".dependsOn",
                    "dependsOn forms a cycle: " + String.join(" -> ", cycle)));
  }

  private void ingressHosts(PlatformSpec spec) {
    Map<String, String> hosts = new HashMap<>();
    spec.services()
        .values()
        .forEach(
            service -> {
              List<IngressRule> rules = service.expose().ingress();
              for (int i = 0; i < rules.size(); i++) {
                String where = "spec.services." + service.name() + ".expose.ingress[" + i + "]";
                String host = rules.get(i).host().orElse(spec.defaultHost(service.name()));
                if (rules.get(i).host().isPresent()) {
                  check(where + ".host", host, Names.dns1123Subdomain(host));
                }
                String other = hosts.putIfAbsent(host, where);
                if (other != null) {
                  problems.add(
                      where,
                      "ingress host '"
                          + host
                          + "' is already used by "
                          + other
                          + (rules.get(i).host().isEmpty()
                              ? " (it is the default host; give this rule its own host)"
                              : ""));
                }
              }
            });
  }

  private void nodePorts(PlatformSpec spec) {
    Map<Integer, String> used = new HashMap<>();
    spec.services()
        .values()
        .forEach(
            service ->
                service
                    .expose()
                    .nodePorts()
                    .forEach(
                        (name, port) -> {
                          String where =
                              "spec.services." + service.name() + ".expose.nodePorts." + name;
                          if (port < MIN_NODE_PORT || port > MAX_NODE_PORT) {
                            problems.add(
                                where,
                                name
                                    + " was '"
                                    + port
                                    + "' but a NodePort must be in "
                                    + MIN_NODE_PORT
                                    + "-"
                                    + MAX_NODE_PORT
                                    + " (the API server's default service-node-port-range)");
                            return;
                          }
                          String other = used.putIfAbsent(port, where);
                          if (other != null) {
                            problems.add(
                                where, "NodePort " + port + " is already used by " + other);
                          }
                        }));
  }

  private void external(String name, ExternalSpec external) {
    String path = "spec.external." + name;
    check(path, name, Names.dns1035Label(name, 63));
    for (int i = 0; i < external.addresses().size(); i++) {
      String address = external.addresses().get(i);
      if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
        problems.add(
            path + ".addresses[" + i + "]",
            "address was '"
                + address
                + "' but it must be an IP address (Endpoints take no host names; a name"
                + " outside the cluster needs no Ferry entry)");
      }
    }
    if (external.ports().isEmpty()) {
      problems.add(path, "ports is required: the ports the dependency listens on, by name");
    }
    ports(path + ".ports", external.ports());
  }

  private void quota(PlatformSpec spec, Quota quota) {
    quota.cpu().ifPresent(cpu -> quantity("spec.quota.cpu", cpu));
    quota.memory().ifPresent(memory -> quantity("spec.quota.memory", memory));
    quota
        .pods()
        .filter(pods -> pods < 0)
        .ifPresent(
            pods ->
                problems.add(
                    "spec.quota.pods", "pods was '" + pods + "' but it must be 0 or more"));
    // With a cpu or memory quota the API server rejects pods that set neither limit nor request.
    for (String resource : List.of("cpu", "memory")) {
      boolean limited =
          resource.equals("cpu") ? quota.cpu().isPresent() : quota.memory().isPresent();
      if (!limited) {
        continue;
      }
      spec.services().values().stream()
          .filter(service -> !service.resources().sets(resource))
          .forEach(
              service ->
                  problems.add(
                      "spec.services." + service.name() + ".resources",
                      "the quota limits "
                          + resource
                          + ", so Kubernetes admits only pods that set a "
                          + resource
                          + " limit or request; set one"));
    }
  }

  private void check(String path, String value, @Nullable String reason) {
    if (reason == null || value.isEmpty()) {
      return;
    }
    String field = Nodes.field(path);
    problems.add(
        path,
        field.equals(value)
            ? "name '" + value + "' " + reason
            : field + " was '" + value + "' but it " + reason);
  }

  private static int parseOrZero(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static <T extends Comparable<T>> List<T> sorted(java.util.Collection<T> values) {
    return values.stream().sorted().toList();
  }
}
