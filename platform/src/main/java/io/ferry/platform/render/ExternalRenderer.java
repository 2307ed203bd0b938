package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.ferry.platform.spec.ExternalSpec;
import io.ferry.platform.spec.PlatformSpec;
import java.util.List;
import java.util.Map;

/**
 * A dependency outside Kubernetes as a Service without selector plus Endpoints of the same name, so
 * code in the cluster calls {@code name.namespace.svc} and the site changes addresses in one place.
 */
final class ExternalRenderer {

  private ExternalRenderer() {}

  static List<HasMetadata> render(PlatformSpec spec, String name, ExternalSpec external) {
    Map<String, String> labels = Labels.external(spec, name);
    Service service =
        new ServiceBuilder()
            .withMetadata(ObjectMetas.of(name, spec.namespace(), labels))
            .withNewSpec()
            .withType("ClusterIP")
            .withPorts(
                external.ports().entrySet().stream()
                    .map(
                        port ->
                            new ServicePortBuilder()
                                .withName(port.getKey())
                                .withProtocol("TCP")
                                .withPort(port.getValue())
                                .withTargetPort(new IntOrString(port.getValue()))
                                .build())
                    .toList())
            .endSpec()
            .build();
    Endpoints endpoints =
        new EndpointsBuilder()
            .withMetadata(ObjectMetas.of(name, spec.namespace(), labels))
            .addNewSubset()
            .withAddresses(
                external.addresses().stream()
                    .map(ip -> new EndpointAddressBuilder().withIp(ip).build())
                    .toList())
            .withPorts(
                external.ports().entrySet().stream()
                    .map(
                        port ->
                            new EndpointPortBuilder()
                                .withName(port.getKey())
                                .withProtocol("TCP")
                                .withPort(port.getValue())
                                .build())
                    .toList())
            .endSubset()
            .build();
    return List.of(service, endpoints);
  }
}
