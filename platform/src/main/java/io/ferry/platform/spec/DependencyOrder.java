package io.ferry.platform.spec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Orders services so each comes after what it depends on; ties go by name, so it is stable. */
public final class DependencyOrder {

  private DependencyOrder() {}

  /**
   * The services in rollout order. Dependencies on unknown services are ignored here (validation
   * reports them).
   *
   * @throws IllegalStateException when the dependencies form a cycle
   */
  public static List<String> of(Map<String, List<String>> dependsOn) {
    Map<String, Set<String>> waitingFor = new TreeMap<>();
    dependsOn.forEach(
        (service, deps) -> {
          Set<String> known = new TreeSet<>(deps);
          known.retainAll(dependsOn.keySet());
          waitingFor.put(service, known);
        });
    List<String> order = new ArrayList<>();
    TreeSet<String> ready = new TreeSet<>();
    waitingFor.forEach(
        (service, deps) -> {
          if (deps.isEmpty()) {
            ready.add(service);
          }
        });
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(next);
      waitingFor.forEach(
          (service, deps) -> {
            if (deps.remove(next) && deps.isEmpty()) {
              ready.add(service);
            }
          });
    }
    if (order.size() < waitingFor.size()) {
      throw new IllegalStateException(
          "dependsOn forms a cycle: " + String.join(" -> ", findCycle(dependsOn).orElseThrow()));
    }
    return order;
  }

  /** One cycle, as the services along it with the first repeated at the end, if there is one. */
  public static Optional<List<String>> findCycle(Map<String, List<String>> dependsOn) {
    Set<String> done = new HashSet<>();
    for (String start : new TreeSet<>(dependsOn.keySet())) {
      List<String> stack = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, dependsOn, stack, done);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> visit(
      String service, Map<String, List<String>> dependsOn, List<String> stack, Set<String> done) {
    int seen = stack.indexOf(service);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(stack.subList(seen, stack.size()));
      cycle.add(service);
      return Optional.of(cycle);
    }
    if (done.contains(service) || !dependsOn.containsKey(service)) {
      return Optional.empty();
    }
    stack.add(service);
    for (String dependency : new TreeSet<>(dependsOn.get(service))) {
      Optional<List<String>> cycle = visit(dependency, dependsOn, stack, done);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    stack.remove(stack.size() - 1);
    done.add(service);
    return Optional.empty();
  }

  /** The dependency graph of a spec's services. */
  public static Map<String, List<String>> graph(Collection<ServiceSpec> services) {
    Map<String, List<String>> graph = new HashMap<>();
    services.forEach(s -> graph.put(s.name(), s.dependsOn()));
    return graph;
  }
}
