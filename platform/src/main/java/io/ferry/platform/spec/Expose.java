package io.ferry.platform.spec;

import java.util.List;
import java.util.Map;

/**
 * How a service is reached from outside the cluster.
 *
 * @param nodePort whether the Service is of type NodePort
 * @param nodePorts fixed node ports by port name; Kubernetes picks the others
 * @param ingress Ingress rules
 */
public record Expose(boolean nodePort, Map<String, Integer> nodePorts, List<IngressRule> ingress) {

  /** Not exposed at all. */
  public static final Expose NONE = new Expose(false, Map.of(), List.of());

  /** Whether the Service is a NodePort Service, asked for or implied by a fixed node port. */
  public boolean usesNodePort() {
    return nodePort || !nodePorts.isEmpty();
  }
}
