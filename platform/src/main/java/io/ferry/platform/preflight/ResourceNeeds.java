package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What workloads ask of a ResourceQuota, keyed like its {@code hard} map: {@code requests.cpu},
 * {@code requests.memory}, {@code limits.cpu}, {@code limits.memory}, {@code pods}. A container
 * without a request gets its limit as request, as Kubernetes defaults it.
 */
final class ResourceNeeds {

  private ResourceNeeds() {}

  static Map<String, BigDecimal> of(List<? extends HasMetadata> objects) {
    Map<String, BigDecimal> needs = new TreeMap<>();
    for (HasMetadata object : objects) {
      PodTemplateSpec template;
      int replicas;
      if (object instanceof StatefulSet set) {
        template = set.getSpec().getTemplate();
        replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
      } else if (object instanceof Deployment deployment) {
        template = deployment.getSpec().getTemplate();
        replicas =
            deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
      } else {
        continue;
      }
      BigDecimal n = BigDecimal.valueOf(replicas);
      needs.merge("pods", n, BigDecimal::add);
      for (Container container : template.getSpec().getContainers()) {
        Map<String, Quantity> limits =
            container.getResources() == null
                ? Map.of()
                : orEmpty(container.getResources().getLimits());
        Map<String, Quantity> requests =
            container.getResources() == null
                ? Map.of()
                : orEmpty(container.getResources().getRequests());
        for (String resource : List.of("cpu", "memory")) {
          Quantity request = requests.getOrDefault(resource, limits.get(resource));
          if (request != null) {
            BigDecimal amount = request.getNumericalAmount().multiply(n);
            needs.merge("requests." + resource, amount, BigDecimal::add);
            needs.merge(resource, amount, BigDecimal::add);
          }
          Quantity limit = limits.get(resource);
          if (limit != null) {
            needs.merge(
                "limits." + resource, limit.getNumericalAmount().multiply(n), BigDecimal::add);
          }
        }
      }
    }
    return needs;
  }

  private static Map<String, Quantity> orEmpty(Map<String, Quantity> map) {
    return map == null ? Map.of() : map;
  }
}
