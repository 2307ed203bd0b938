package io.ferry.platform.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of objects applied together before the next group starts: first {@code platform}
 * (namespace, quota, config maps, external Services and Endpoints), then each service's objects in
 * the renderer's {@code dependsOn} order.
 *
 * @param name {@link #PLATFORM} or the service's name
 * @param objects the step's objects in apply order
 */
public record ApplyStep(String name, List<HasMetadata> objects) {

  /** The name of the first step. */
  public static final String PLATFORM = "platform";

  private static final String APP = "app";

  /** Splits rendered objects into steps, keeping their order. */
  public static List<ApplyStep> of(List<HasMetadata> objects) {
    Map<String, List<HasMetadata>> steps = new LinkedHashMap<>();
    steps.put(PLATFORM, new ArrayList<>());
    for (HasMetadata object : objects) {
      steps.computeIfAbsent(stepOf(object), k -> new ArrayList<>()).add(object);
    }
    List<ApplyStep> result = new ArrayList<>();
    steps.forEach((name, list) -> result.add(new ApplyStep(name, List.copyOf(list))));
    return result;
  }

  private static String stepOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    String app = labels == null ? null : labels.get(APP);
    // Config maps go first, as the renderer orders them, so a pod never starts without its files.
    if (app == null || object.getKind().equals("ConfigMap")) {
      return PLATFORM;
    }
    return app;
  }
}
