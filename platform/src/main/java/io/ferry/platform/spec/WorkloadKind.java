package io.ferry.platform.spec;

/** How a service runs: with a stable identity and storage, or stateless. */
public enum WorkloadKind {
  STATEFUL_SET("StatefulSet"),
  DEPLOYMENT("Deployment");

  private final String specName;

  WorkloadKind(String specName) {
    this.specName = specName;
  }

  /** The name used in the spec and by Kubernetes. */
  public String specName() {
    return specName;
  }
}
