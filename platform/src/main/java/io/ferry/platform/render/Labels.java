package io.ferry.platform.render;

import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.ServiceSpec;
import java.util.Map;
import java.util.TreeMap;

/** The labels Ferry puts on what it renders; prune and history select by them later. */
final class Labels {

  static final String APP = "app";
  static final String NAME = "app.kubernetes.io/name";
  static final String INSTANCE = "app.kubernetes.io/instance";
  static final String VERSION = "app.kubernetes.io/version";
  static final String PART_OF = "app.kubernetes.io/part-of";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  static final String FERRY = "ferry";

  private Labels() {}

  /** On every object: which platform it belongs to and that Ferry manages it. */
  static Map<String, String> platform(PlatformSpec spec) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(PART_OF, spec.name());
    labels.put(MANAGED_BY, FERRY);
    return labels;
  }

  /** On a service's objects and pods. */
  static Map<String, String> service(PlatformSpec spec, ServiceSpec service) {
    Map<String, String> labels = platform(spec);
    labels.putAll(selector(service));
    labels.put(NAME, service.name());
    labels.put(INSTANCE, spec.name() + "-" + service.name());
    labels.put(VERSION, spec.version());
    return labels;
  }

  /** On an external dependency's Service and Endpoints. */
  static Map<String, String> external(PlatformSpec spec, String name) {
    Map<String, String> labels = platform(spec);
    labels.put(NAME, name);
    labels.put(INSTANCE, spec.name() + "-" + name);
    return labels;
  }

  /**
   * What selects a service's pods. Only {@code app}: a workload's selector cannot change after
   * creation, so it must not carry the version.
   */
  static Map<String, String> selector(ServiceSpec service) {
    return new TreeMap<>(Map.of(APP, service.name()));
  }
}
