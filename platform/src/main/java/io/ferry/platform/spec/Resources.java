package io.ferry.platform.spec;

import java.util.Map;

/**
 * Container resources as Kubernetes quantities, such as {@code cpu: "2"}, {@code memory: 4Gi}.
 *
 * @param limits limits by resource name
 * @param requests requests by resource name
 */
public record Resources(Map<String, String> limits, Map<String, String> requests) {

  /** No limits and no requests. */
  public static final Resources NONE = new Resources(Map.of(), Map.of());

  /** Whether either a limit or a request is set for {@code resource}. */
  public boolean sets(String resource) {
    return limits.containsKey(resource) || requests.containsKey(resource);
  }
}
