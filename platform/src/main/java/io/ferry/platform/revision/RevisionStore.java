package io.ferry.platform.revision;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.ferry.platform.PlatformException;
import io.ferry.platform.cluster.Errors;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Keeps revisions as ConfigMaps {@code ferry-<platform>-rev-<n>} in the platform's namespace, so a
 * site with only kubectl can read them: {@code kubectl get cm -l ferry.dev/platform=<name>}.
 */
public final class RevisionStore {

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String PLATFORM = "ferry.dev/platform";
  public static final String REVISION = "ferry.dev/revision";
  static final String VERSION = "ferry.dev/version";
  static final String STATUS = "ferry.dev/status";
  static final String APPLIED_AT = "ferry.dev/applied-at";
  static final String NOTE = "ferry.dev/note";
  static final String OBJECTS = "objects.yaml";
  static final String VALUES = "values.yaml";

  // A ConfigMap holds at most 1 MiB; leave room for metadata.
  private static final int MAX_BYTES = 1_000_000;

  private final KubernetesClient client;
  private final String namespace;
  private final String platform;

  public RevisionStore(KubernetesClient client, String namespace, String platform) {
    this.client = client;
    this.namespace = namespace;
    this.platform = platform;
  }

  /** Every revision, oldest first. */
  public List<Revision> list() {
    try {
      return client
          .configMaps()
          .inNamespace(namespace)
          .withLabel(PLATFORM, platform)
          .list()
          .getItems()
          .stream()
          .filter(c -> c.getMetadata().getLabels().containsKey(REVISION))
          .map(this::read)
          .sorted(Comparator.comparingInt(Revision::number))
          .toList();
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Tried to list the revisions of platform "
              + platform
              + " (ConfigMaps labelled "
              + PLATFORM
              + "="
              + platform
              + " in namespace "
              + namespace
              + ") but failed because: "
              + Errors.rootMessage(e),
          e);
    }
  }

  /** The newest revision that deployed successfully. */
  public Optional<Revision> lastDeployed() {
    List<Revision> all = list();
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).status() == Revision.Status.DEPLOYED) {
        return Optional.of(all.get(i));
      }
    }
    return Optional.empty();
  }

  /** Revision {@code number}, or an error listing the ones there are. */
  public Revision get(int number) {
    List<Revision> all = list();
    return all.stream()
        .filter(r -> r.number() == number)
        .findFirst()
        .orElseThrow(
            () ->
                new PlatformException(
                    "Tried to find revision "
                        + number
                        + " of platform "
                        + platform
                        + " in namespace "
                        + namespace
                        + " but it has "
                        + (all.isEmpty()
                            ? "no revisions (was it ever applied here?)"
                            : "only revisions "
                                + all.stream().map(r -> String.valueOf(r.number())).toList())));
  }

  /** Stores a new revision numbered one past the highest there is, and returns it. */
  public Revision record(
      String version, Revision.Status status, String objectsYaml, String values, String note) {
    int number = list().stream().mapToInt(Revision::number).max().orElse(0) + 1;
    Revision revision =
        new Revision(number, platform, version, Instant.now(), status, objectsYaml, values, note);
    if (objectsYaml.length() + values.length() > MAX_BYTES) {
      throw new PlatformException(
          "Tried to record revision "
              + number
              + " of platform "
              + platform
              + " but its objects and values take "
              + (objectsYaml.length() + values.length())
              + " bytes, more than a ConfigMap holds (1 MiB)");
    }
    try {
      client.configMaps().inNamespace(namespace).resource(toConfigMap(revision)).create();
    } catch (KubernetesClientException e) {
      throw new PlatformException(
          "Tried to record revision "
              + number
              + " of platform "
              + platform
              + " as ConfigMap "
              + name(number)
              + " in namespace "
              + namespace
              + " but failed because: "
              + Errors.rootMessage(e)
              + " (the objects were applied; only the record is missing)",
          e);
    }
    return revision;
  }

  /** The objects a revision recorded, typed, in apply order. */
  public List<HasMetadata> objects(Revision revision) {
    return client
        .load(new ByteArrayInputStream(revision.objectsYaml().getBytes(StandardCharsets.UTF_8)))
        .items();
  }

  String name(int number) {
    return "ferry-" + platform + "-rev-" + number;
  }

  private ConfigMap toConfigMap(Revision revision) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED_BY, "ferry");
    labels.put(PLATFORM, platform);
    labels.put(REVISION, String.valueOf(revision.number()));
    Map<String, String> annotations = new TreeMap<>();
    annotations.put(VERSION, revision.version());
    annotations.put(STATUS, revision.status().label());
    annotations.put(APPLIED_AT, revision.appliedAt().toString());
    annotations.put(NOTE, revision.note());
    Map<String, String> data = new TreeMap<>();
    data.put(OBJECTS, revision.objectsYaml());
    data.put(VALUES, revision.values());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(revision.number()))
        .withNamespace(namespace)
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withData(data)
        .build();
  }

  private Revision read(ConfigMap map) {
    Map<String, String> labels = map.getMetadata().getLabels();
    Map<String, String> annotations =
        map.getMetadata().getAnnotations() == null ? Map.of() : map.getMetadata().getAnnotations();
    Map<String, String> data = map.getData() == null ? Map.of() : map.getData();
    int number;
    try {
      number = Integer.parseInt(labels.get(REVISION));
    } catch (NumberFormatException e) {
      throw new PlatformException(
          "ConfigMap "
              + namespace
              + "/"
              + map.getMetadata().getName()
              + " has label "
              + REVISION
              + "='"
              + labels.get(REVISION)
              + "' but it must be a number (was it edited by hand?)");
    }
    Instant at;
    try {
      at = Instant.parse(annotations.getOrDefault(APPLIED_AT, "1970-01-01T00:00:00Z"));
    } catch (DateTimeParseException e) {
      at = Instant.EPOCH;
    }
    return new Revision(
        number,
        platform,
        annotations.getOrDefault(VERSION, ""),
        at,
        Revision.Status.parse(annotations.getOrDefault(STATUS, "")),
        data.getOrDefault(OBJECTS, ""),
        data.getOrDefault(VALUES, ""),
        annotations.getOrDefault(NOTE, ""));
  }
}
