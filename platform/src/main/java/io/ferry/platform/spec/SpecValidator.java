package io.ferry.platform.spec;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules between values that the shape of the format cannot express: names Kubernetes accepts,
 * ports, quantities, dependencies, colliding hosts. Every problem is recorded; none stops the
 * check.
 */
final class SpecValidator {

  static final Set<String> ARCHES =
      Set.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64");
  static final int MIN_NODE_PORT = 30000;
  static final int MAX_NODE_PORT = 32767;

  private static final Pattern REGISTRY_HOST =
      Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?(:\\d{1,5})?");
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+([._/-][a-z0-9]+)*");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:]*:[0-9a-fA-F:.]*");

  private final Checks checks;

  SpecValidator(SpecProblems problems) {
    this.checks = new Checks(problems);
  }

  void validate(PlatformSpec spec) {
    checks.check("metadata.name", spec.name(), Names.dns1123Label(spec.name()));
    checks.check("metadata.version", spec.version(), Names.labelValue(spec.version()));
    checks.check("spec.namespace", spec.namespace(), Names.dns1123Label(spec.namespace()));
    checks.check("spec.domain", spec.domain(), Names.dns1123Subdomain(spec.domain()));
    registry(spec.registry());
    if (spec.arches().isEmpty()) {
      checks.add("spec.arches", "arches is required: the CPU architectures the site runs");
    }
    for (int i = 0; i < spec.arches().size(); i++) {
      String arch = spec.arches().get(i);
      if (!ARCHES.contains(arch)) {
        checks.add(
            "spec.arches[" + i + "]",
            "arch was '"
                + arch
                + "' but it must be one of "
                + String.join(", ", Checks.sorted(ARCHES)));
      }
    }
    ServiceValidator services = new ServiceValidator(checks);
    spec.services().values().forEach(service -> services.validate(spec, service));
    dependencies(spec);
    ingressHosts(spec);
    nodePorts(spec);
    spec.external().forEach(this::external);
    serviceNameClashes(spec);
    for (int i = 0; i < spec.images().size(); i++) {
      checks.image("spec.images[" + i + "]", spec.images().get(i));
    }
    for (int i = 0; i < spec.monitoringRules().size(); i++) {
      String rule = spec.monitoringRules().get(i);
      if (rule.isBlank() || rule.startsWith("/") || List.of(rule.split("/")).contains("..")) {
        checks.add(
            "spec.monitoring.rules[" + i + "]",
            "rule was '" + rule + "' but it must be a path or glob relative to the spec's folder");
      }
    }
    spec.quota().ifPresent(quota -> quota(spec, quota));
  }

  private void registry(Registry registry) {
    if (!registry.host().isEmpty() && !REGISTRY_HOST.matcher(registry.host()).matches()) {
      checks.add(
          "spec.registry.host",
          "host was '" + registry.host() + "' but it must be a host name with an optional :port");
    }
    if (!registry.project().isEmpty() && !PROJECT.matcher(registry.project()).matches()) {
      checks.add(
          "spec.registry.project",
          "project was '"
              + registry.project()
              + "' but it must be lowercase letters and digits separated by '.', '_', '-' or '/'");
    }
    registry
        .pullSecret()
        .ifPresent(
            secret ->
                checks.check("spec.registry.pullSecret", secret, Names.dns1123Subdomain(secret)));
  }

  private void dependencies(PlatformSpec spec) {
    DependencyOrder.findCycle(DependencyOrder.graph(spec.services().values()))
        .filter(cycle -> cycle.size() > 2) // a self-dependency is reported on its own
        .ifPresent(
            cycle ->
                checks.add(
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
                  checks.check(where + ".host", host, Names.dns1123Subdomain(host));
                }
                String other = hosts.putIfAbsent(host, where);
                if (other != null) {
                  checks.add(
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
                            checks.add(
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
                            checks.add(where, "NodePort " + port + " is already used by " + other);
                          }
                        }));
  }

  /** Services and external dependencies both become Services: their names share one namespace. */
  private void serviceNameClashes(PlatformSpec spec) {
    Map<String, String> owners = new HashMap<>();
    spec.services()
        .keySet()
        .forEach(
            name -> {
              owners.put(name, "spec.services." + name);
              owners.put(name + "-headless", "spec.services." + name + " (its headless Service)");
            });
    spec.external()
        .keySet()
        .forEach(
            name -> {
              String owner = owners.get(name);
              if (owner != null) {
                checks.add(
                    "spec.external." + name,
                    "name '" + name + "' is already the Service name of " + owner);
              }
            });
  }

  private void external(String name, ExternalSpec external) {
    String path = "spec.external." + name;
    checks.check(path, name, Names.dns1035Label(name, 63));
    for (int i = 0; i < external.addresses().size(); i++) {
      String address = external.addresses().get(i);
      if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
        checks.add(
            path + ".addresses[" + i + "]",
            "address was '"
                + address
                + "' but it must be an IP address (Endpoints take no host names; a name"
                + " outside the cluster needs no Ferry entry)");
      }
    }
    if (external.ports().isEmpty()) {
      checks.add(path, "ports is required: the ports the dependency listens on, by name");
    }
    checks.ports(path + ".ports", external.ports());
  }

  private void quota(PlatformSpec spec, Quota quota) {
    quota.cpu().ifPresent(cpu -> checks.quantity("spec.quota.cpu", cpu));
    quota.memory().ifPresent(memory -> checks.quantity("spec.quota.memory", memory));
    quota
        .pods()
        .filter(pods -> pods < 0)
        .ifPresent(
            pods ->
                checks.add("spec.quota.pods", "pods was '" + pods + "' but it must be 0 or more"));
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
                  checks.add(
                      "spec.services." + service.name() + ".resources",
                      "the quota limits "
                          + resource
                          + ", so Kubernetes admits only pods that set a "
                          + resource
                          + " limit or request; set one"));
    }
  }
}
