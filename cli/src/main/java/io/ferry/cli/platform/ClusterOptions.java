package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.cluster.ClusterTarget;
import io.ferry.platform.cluster.KubeClients;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options of every command that talks to a cluster, as kubectl names them. */
public final class ClusterOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Kubeconfig file (default: KUBECONFIG, then ~/.kube/config, then in-cluster).")
  Path kubeconfig;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Kubeconfig context to use instead of the current one.")
  String context;

  /** A client for the chosen cluster; the caller closes it. */
  KubernetesClient connect() {
    return KubeClients.connect(
        new ClusterTarget(Optional.ofNullable(kubeconfig), Optional.ofNullable(context)));
  }
}
