package io.ferry.platform.preflight;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether the fixed node ports the Services ask for are free of other Services. */
final class NodePortCheck {

  private final KubernetesClient client;

  NodePortCheck(KubernetesClient client) {
    this.client = client;
  }

  List<Finding> check(Release release) {
    List<Finding> findings = new ArrayList<>();
    List<Service> live = null;
    for (HasMetadata object : release.objects()) {
      if (!(object instanceof Service service) || service.getSpec().getPorts() == null) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getNodePort() == null) {
          continue;
        }
        if (live == null) {
          live = client.services().inAnyNamespace().list().getItems();
        }
        String subject = "nodePort " + port.getNodePort();
        Optional<Service> taken =
            live.stream()
                .filter(
                    s ->
                        !(s.getMetadata().getNamespace().equals(release.namespace())
                            && s.getMetadata().getName().equals(service.getMetadata().getName())))
                .filter(
                    s ->
                        s.getSpec().getPorts() != null
                            && s.getSpec().getPorts().stream()
                                .anyMatch(p -> port.getNodePort().equals(p.getNodePort())))
                .findFirst();
        findings.add(
            taken
                .map(
                    s ->
                        Finding.problem(
                            "nodeport",
                            subject,
                            "wanted by Service "
                                + service.getMetadata().getName()
                                + " but already used by Service "
                                + s.getMetadata().getNamespace()
                                + "/"
                                + s.getMetadata().getName()))
                .orElseGet(() -> Finding.ok("nodeport", subject, "free")));
      }
    }
    if (findings.isEmpty()) {
      findings.add(Finding.ok("nodeport", "ports", "no fixed node ports asked for"));
    }
    return findings;
  }
}
