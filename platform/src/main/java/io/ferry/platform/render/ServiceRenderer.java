package io.ferry.platform.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.ferry.platform.spec.IngressRule;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.ServiceSpec;
import java.util.List;
import java.util.Optional;

/** The network objects of one service: headless governing Service, Service, Ingress. */
final class ServiceRenderer {

  private ServiceRenderer() {}

  /** The StatefulSet's governing Service: gives each pod a stable DNS name. */
  static Service headless(PlatformSpec spec, ServiceSpec service) {
    return new ServiceBuilder()
        .withMetadata(
            ObjectMetas.of(
                Names.headlessService(service), spec.namespace(), Labels.service(spec, service)))
        .withNewSpec()
        .withClusterIP("None")
        .withSelector(Labels.selector(service))
        .withPorts(ports(service, false))
        .endSpec()
        .build();
  }

  /** The Service others call by {@code name.namespace.svc}; NodePort when exposed so. */
  static Optional<Service> service(PlatformSpec spec, ServiceSpec service) {
    if (service.ports().isEmpty()) {
      return Optional.empty(); // the API server rejects a ClusterIP Service without ports
    }
    return Optional.of(
        new ServiceBuilder()
            .withMetadata(
                ObjectMetas.of(service.name(), spec.namespace(), Labels.service(spec, service)))
            .withNewSpec()
            .withType(service.expose().usesNodePort() ? "NodePort" : "ClusterIP")
            .withSelector(Labels.selector(service))
            .withPorts(ports(service, true))
            .endSpec()
            .build());
  }

  /** One Ingress with a rule per exposed host, or empty when the service has no ingress. */
  static Optional<Ingress> ingress(PlatformSpec spec, ServiceSpec service) {
    List<IngressRule> rules = service.expose().ingress();
    if (rules.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new IngressBuilder()
            .withMetadata(
                ObjectMetas.of(service.name(), spec.namespace(), Labels.service(spec, service)))
            .withNewSpec()
            .withRules(
                rules.stream()
                    .map(
                        rule ->
                            new IngressRuleBuilder()
                                .withHost(rule.host().orElse(spec.defaultHost(service.name())))
                                .withNewHttp()
                                .withPaths(
                                    new HTTPIngressPathBuilder()
                                        .withPath("/")
                                        .withPathType("Prefix")
                                        .withNewBackend()
                                        .withNewService()
                                        .withName(service.name())
                                        .withNewPort()
                                        .withNumber(rule.port())
                                        .endPort()
                                        .endService()
                                        .endBackend()
                                        .build())
                                .endHttp()
                                .build())
                    .toList())
            .endSpec()
            .build());
  }

  private static List<ServicePort> ports(ServiceSpec service, boolean withNodePorts) {
    return service.ports().entrySet().stream()
        .map(
            port ->
                new ServicePortBuilder()
                    .withName(port.getKey())
                    .withProtocol("TCP")
                    .withPort(port.getValue())
                    .withTargetPort(new IntOrString(port.getKey()))
                    .withNodePort(
                        withNodePorts ? service.expose().nodePorts().get(port.getKey()) : null)
                    .build())
        .toList();
  }
}
