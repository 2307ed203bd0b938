package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.ferry.platform.spec.DependencyOrder;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.Quota;
import io.ferry.platform.spec.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a validated spec into Kubernetes objects, in the order they are applied: the namespace
 * and its quota, config maps, external dependencies, then each service in {@code dependsOn} order
 * (ties by name). The same spec always gives the same objects in the same order.
 */
public final class PlatformRenderer {

  private PlatformRenderer() {}

  /** The objects for {@code spec}, in apply order. */
  public static List<HasMetadata> render(PlatformSpec spec) {
    List<HasMetadata> objects = new ArrayList<>();
    objects.add(
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(spec.namespace())
            .withLabels(Labels.platform(spec))
            .endMetadata()
            .build());
    spec.quota().ifPresent(quota -> objects.add(quota(spec, quota)));
    List<ServiceSpec> services =
        DependencyOrder.of(DependencyOrder.graph(spec.services().values())).stream()
            .map(name -> spec.services().get(name))
            .toList();
    services.forEach(s -> WorkloadRenderer.configMap(spec, s).ifPresent(objects::add));
    spec.external()
        .forEach((name, external) -> objects.addAll(ExternalRenderer.render(spec, name, external)));
    for (ServiceSpec service : services) {
      objects.addAll(WorkloadRenderer.sharedClaims(spec, service));
      if (service.kind() == io.ferry.platform.spec.WorkloadKind.STATEFUL_SET) {
        objects.add(ServiceRenderer.headless(spec, service));
      }
      ServiceRenderer.service(spec, service).ifPresent(objects::add);
      objects.add(WorkloadRenderer.workload(spec, service));
      ServiceRenderer.ingress(spec, service).ifPresent(objects::add);
    }
    return List.copyOf(objects);
  }

  private static HasMetadata quota(PlatformSpec spec, Quota quota) {
    Map<String, Quantity> hard = new TreeMap<>();
    quota.cpu().ifPresent(cpu -> hard.put("requests.cpu", new Quantity(cpu)));
    quota.memory().ifPresent(memory -> hard.put("requests.memory", new Quantity(memory)));
    quota.pods().ifPresent(pods -> hard.put("pods", new Quantity(String.valueOf(pods))));
    return new ResourceQuotaBuilder()
        .withMetadata(ObjectMetas.of(Names.quota(spec), spec.namespace(), Labels.platform(spec)))
        .withNewSpec()
        .withHard(hard)
        .endSpec()
        .build();
  }
}
