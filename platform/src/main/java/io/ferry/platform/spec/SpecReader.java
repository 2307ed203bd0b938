package io.ferry.platform.spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Binds the YAML node tree to the spec records: the shape of the format (known keys, types,
 * required fields). The rules between values live in {@link SpecValidator}.
 */
final class SpecReader {

  static final Set<String> ROOT_KEYS = Set.of("apiVersion", "kind", "metadata", "spec");
  static final Set<String> METADATA_KEYS = Set.of("name", "version");
  static final Set<String> SPEC_KEYS =
      Set.of(
          "arches",
          "registry",
          "namespace",
          "domain",
          "services",
          "external",
          "images",
          "monitoring",
          "quota");
  static final Set<String> REGISTRY_KEYS = Set.of("host", "project", "pullSecret");
  static final Set<String> SERVICE_KEYS =
      Set.of(
          "kind",
          "image",
          "replicas",
          "ports",
          "expose",
          "resources",
          "volumes",
          "hostPaths",
          "configFiles",
          "env",
          "readiness",
          "liveness",
          "dependsOn");
  static final Set<String> EXPOSE_KEYS = Set.of("nodePort", "nodePorts", "ingress");
  static final Set<String> INGRESS_KEYS = Set.of("port", "host");
  static final Set<String> RESOURCES_KEYS = Set.of("limits", "requests");
  static final Set<String> RESOURCE_NAMES = Set.of("cpu", "memory", "ephemeral-storage");
  static final Set<String> VOLUME_KEYS = Set.of("mountPath", "size", "storageClass", "accessMode");
  static final Set<String> HOST_PATH_KEYS = Set.of("path", "mountPath");
  static final Set<String> CONFIG_FILE_KEYS = Set.of("mountPath", "content");
  static final Set<String> PROBE_KEYS = Set.of("httpGet", "tcpSocket", "initialDelay", "period");
  static final Set<String> HTTP_GET_KEYS = Set.of("path", "port");
  static final Set<String> TCP_SOCKET_KEYS = Set.of("port");
  static final Set<String> EXTERNAL_KEYS = Set.of("addresses", "ports");
  static final Set<String> MONITORING_KEYS = Set.of("rules");
  static final Set<String> QUOTA_KEYS = Set.of("cpu", "memory", "pods");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h)?");

  private final Nodes nodes;
  private final SpecProblems problems;

  SpecReader(SpecProblems problems) {
    this.problems = problems;
    this.nodes = new Nodes(problems);
  }

  PlatformSpec read(Node root) {
    Map<String, Node> top = nodes.map(root, "", ROOT_KEYS).orElse(Map.of());
    String apiVersion = required(top, "", "apiVersion");
    if (!apiVersion.isEmpty() && !apiVersion.equals(PlatformSpec.API_VERSION)) {
      problems.add(
          "apiVersion",
          "apiVersion was '"
              + apiVersion
              + "' but this build of Ferry reads '"
              + PlatformSpec.API_VERSION
              + "'");
    }
    String kind = required(top, "", "kind");
    if (!kind.isEmpty() && !kind.equals(PlatformSpec.KIND)) {
      problems.add("kind", "kind was '" + kind + "' but it must be '" + PlatformSpec.KIND + "'");
    }
    Map<String, Node> metadata = child(top, "", "metadata", METADATA_KEYS, true);
    String name = required(metadata, "metadata", "name");
    String version = required(metadata, "metadata", "version");
    Map<String, Node> spec = child(top, "", "spec", SPEC_KEYS, true);
    return new PlatformSpec(
        name,
        version,
        stringList(spec, "spec", "arches"),
        registry(child(spec, "spec", "registry", REGISTRY_KEYS, true)),
        required(spec, "spec", "namespace"),
        required(spec, "spec", "domain"),
        named(spec, "spec.services", "services", this::service),
        named(spec, "spec.external", "external", this::external),
        stringList(spec, "spec", "images"),
        stringList(
            child(spec, "spec", "monitoring", MONITORING_KEYS, false), "spec.monitoring", "rules"),
        optionalChild(spec, "spec", "quota", QUOTA_KEYS).map(q -> quota(q, "spec.quota")));
  }

  private Registry registry(Map<String, Node> registry) {
    return new Registry(
        required(registry, "spec.registry", "host"),
        required(registry, "spec.registry", "project"),
        optionalString(registry, "spec.registry", "pullSecret"));
  }

  private ServiceSpec service(String name, String path, Node node) {
    Map<String, Node> service = nodes.map(node, path, SERVICE_KEYS).orElse(Map.of());
    WorkloadKind kind = WorkloadKind.STATEFUL_SET;
    Optional<String> kindName = optionalString(service, path, "kind");
    if (kindName.isPresent()) {
      kind =
          switch (kindName.get()) {
            case "StatefulSet" -> WorkloadKind.STATEFUL_SET;
            case "Deployment" -> WorkloadKind.DEPLOYMENT;
            default -> {
              problems.add(
                  path + ".kind",
                  "kind was '" + kindName.get() + "' but it must be StatefulSet or Deployment");
              yield WorkloadKind.STATEFUL_SET;
            }
          };
    }
    Map<String, Node> resources =
        optionalChild(service, path, "resources", RESOURCES_KEYS).orElse(Map.of());
    return new ServiceSpec(
        name,
        kind,
        required(service, path, "image"),
        get(service, "replicas").flatMap(n -> nodes.integer(n, path + ".replicas")).orElse(1),
        ports(service, path),
        optionalChild(service, path, "expose", EXPOSE_KEYS)
            .map(e -> expose(e, path + ".expose"))
            .orElse(Expose.NONE),
        new Resources(
            quantities(resources, path + ".resources", "limits"),
            quantities(resources, path + ".resources", "requests")),
        named(service, path + ".volumes", "volumes", this::volume),
        named(service, path + ".hostPaths", "hostPaths", this::hostPath),
        named(service, path + ".configFiles", "configFiles", this::configFile),
        named(service, path + ".env", "env", (k, p, n) -> nodes.string(n, p).orElse("")),
        optionalChild(service, path, "readiness", PROBE_KEYS)
            .flatMap(p -> probe(p, path + ".readiness")),
        optionalChild(service, path, "liveness", PROBE_KEYS)
            .flatMap(p -> probe(p, path + ".liveness")),
        stringList(service, path, "dependsOn"));
  }

  private Map<String, Integer> ports(Map<String, Node> parent, String path) {
    return named(parent, path + ".ports", "ports", (k, p, n) -> nodes.integer(n, p).orElse(0));
  }

  private Expose expose(Map<String, Node> expose, String path) {
    List<IngressRule> rules = new ArrayList<>();
    List<Node> items =
        get(expose, "ingress").flatMap(n -> nodes.list(n, path + ".ingress")).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      String rulePath = path + ".ingress[" + i + "]";
      Optional<Map<String, Node>> rule = nodes.map(items.get(i), rulePath, INGRESS_KEYS);
      if (rule.isEmpty()) {
        continue;
      }
      Optional<Node> portNode = get(rule.get(), "port");
      if (portNode.isEmpty()) {
        problems.add(rulePath, "port is required (the service port the host routes to)");
      }
      // Port 0 marks a port already reported, so the index of later rules stays right.
      int port = portNode.flatMap(n -> nodes.integer(n, rulePath + ".port")).orElse(0);
      rules.add(new IngressRule(port, optionalString(rule.get(), rulePath, "host")));
    }
    return new Expose(
        get(expose, "nodePort").flatMap(n -> nodes.bool(n, path + ".nodePort")).orElse(false),
        named(expose, path + ".nodePorts", "nodePorts", (k, p, n) -> nodes.integer(n, p).orElse(0)),
        List.copyOf(rules));
  }

  private Map<String, String> quantities(Map<String, Node> parent, String path, String key) {
    Map<String, String> values = new TreeMap<>();
    get(parent, key)
        .flatMap(n -> nodes.map(n, path + "." + key, RESOURCE_NAMES))
        .ifPresent(
            map ->
                map.forEach(
                    (name, node) ->
                        nodes
                            .string(node, path + "." + key + "." + name)
                            .ifPresent(v -> values.put(name, v))));
    return values;
  }

  private VolumeSpec volume(String name, String path, Node node) {
    Map<String, Node> volume = nodes.map(node, path, VOLUME_KEYS).orElse(Map.of());
    return new VolumeSpec(
        required(volume, path, "mountPath"),
        required(volume, path, "size"),
        optionalString(volume, path, "storageClass"),
        optionalString(volume, path, "accessMode").orElse(VolumeSpec.DEFAULT_ACCESS_MODE));
  }

  private HostPathSpec hostPath(String name, String path, Node node) {
    Map<String, Node> hostPath = nodes.map(node, path, HOST_PATH_KEYS).orElse(Map.of());
    return new HostPathSpec(
        required(hostPath, path, "path"), required(hostPath, path, "mountPath"));
  }

  private ConfigFileSpec configFile(String name, String path, Node node) {
    Map<String, Node> file = nodes.map(node, path, CONFIG_FILE_KEYS).orElse(Map.of());
    if (get(file, "content").isEmpty()) {
      problems.add(path, "content is required (the file's text; use '' for an empty file)");
    }
    return new ConfigFileSpec(
        required(file, path, "mountPath"), optionalString(file, path, "content").orElse(""));
  }

  private Optional<Probe> probe(Map<String, Node> probe, String path) {
    Optional<Map<String, Node>> http = optionalChild(probe, path, "httpGet", HTTP_GET_KEYS);
    Optional<Map<String, Node>> tcp = optionalChild(probe, path, "tcpSocket", TCP_SOCKET_KEYS);
    if (http.isPresent() == tcp.isPresent()) {
      problems.add(path, "give exactly one of httpGet or tcpSocket");
      return Optional.empty();
    }
    String actionPath = path + (http.isPresent() ? ".httpGet" : ".tcpSocket");
    Map<String, Node> action = http.or(() -> tcp).orElseThrow();
    return Optional.of(
        new Probe(
            http.map(h -> optionalString(h, actionPath, "path").orElse("/")),
            required(action, actionPath, "port"),
            duration(probe, path, "initialDelay").orElse(Duration.ZERO),
            duration(probe, path, "period").orElse(Probe.DEFAULT_PERIOD)));
  }

  private Optional<Duration> duration(Map<String, Node> parent, String path, String key) {
    Optional<String> text = optionalString(parent, path, key);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher matcher = DURATION.matcher(text.get());
    if (!matcher.matches()) {
      problems.add(
          path + "." + key,
          key + " was '" + text.get() + "' but it must be a duration such as 10s, 2m or 1h");
      return Optional.empty();
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "s" : matcher.group(2);
    return Optional.of(
        switch (unit) {
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofSeconds(amount);
        });
  }

  private ExternalSpec external(String name, String path, Node node) {
    Map<String, Node> external = nodes.map(node, path, EXTERNAL_KEYS).orElse(Map.of());
    if (get(external, "addresses").isEmpty()) {
      problems.add(path, "addresses is required (the IP addresses the dependency listens on)");
    }
    return new ExternalSpec(stringList(external, path, "addresses"), ports(external, path));
  }

  private Quota quota(Map<String, Node> quota, String path) {
    return new Quota(
        optionalString(quota, path, "cpu"),
        optionalString(quota, path, "memory"),
        get(quota, "pods").flatMap(n -> nodes.integer(n, path + ".pods")));
  }

  // ---- helpers over an already-read mapping

  private interface Entry<T> {
    T read(String key, String path, Node node);
  }

  /** A map with free keys (services, ports, env), sorted by key for deterministic output. */
  private <T> Map<String, T> named(
      Map<String, Node> parent, String path, String key, Entry<T> reader) {
    Map<String, T> values = new TreeMap<>();
    get(parent, key)
        .flatMap(n -> nodes.map(n, path, Set.of()))
        .ifPresent(map -> map.forEach((k, n) -> values.put(k, reader.read(k, path + "." + k, n))));
    return values;
  }

  private Map<String, Node> child(
      Map<String, Node> parent, String path, String key, Set<String> keys, boolean required) {
    String childPath = join(path, key);
    Optional<Node> node = get(parent, key);
    if (node.isEmpty()) {
      if (required) {
        problems.add(childPath, key + " is required");
      }
      return Map.of();
    }
    return nodes.map(node.get(), childPath, keys).orElse(Map.of());
  }

  private Optional<Map<String, Node>> optionalChild(
      Map<String, Node> parent, String path, String key, Set<String> keys) {
    return get(parent, key).flatMap(n -> nodes.map(n, join(path, key), keys));
  }

  private String required(Map<String, Node> parent, String path, String key) {
    Optional<Node> node = get(parent, key);
    if (node.isEmpty()) {
      problems.add(join(path, key), key + " is required");
      return "";
    }
    Optional<String> value = nodes.string(node.get(), join(path, key));
    if (Nodes.isNull(node.get()) || value.filter(String::isBlank).isPresent()) {
      problems.add(node.get(), join(path, key), key + " is required but it is empty");
      return "";
    }
    return value.orElse("");
  }

  private Optional<String> optionalString(Map<String, Node> parent, String path, String key) {
    return get(parent, key).flatMap(n -> nodes.string(n, join(path, key)));
  }

  private List<String> stringList(Map<String, Node> parent, String path, String key) {
    return get(parent, key).map(n -> nodes.strings(n, join(path, key))).orElse(List.of());
  }

  private static Optional<Node> get(Map<String, Node> map, String key) {
    return Optional.ofNullable(map.get(key));
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
