package io.ferry.platform.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.VersionInfo;
import io.ferry.platform.PlatformException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a fabric8 client for a {@link ClusterTarget} and checks that the cluster answers. */
public final class KubeClients {

  // A refused or unroutable API server should fail in seconds, not after fabric8's ten retries.
  private static final int RETRIES = 1;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private KubeClients() {}

  /** A client for the target; does not contact the cluster yet. */
  public static KubernetesClient connect(ClusterTarget target) {
    Config config = config(target);
    config.setRequestRetryBackoffLimit(RETRIES);
    config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * The cluster's version, which also proves it is reachable with these credentials.
   *
   * @throws PlatformException naming the server URL and the likely cause when it is not
   */
  public static VersionInfo version(KubernetesClient client) {
    try {
      return client.getKubernetesVersion();
    } catch (KubernetesClientException e) {
      throw unreachable(client, e);
    }
  }

  /** The error for a cluster that did not answer, naming its URL. */
  public static PlatformException unreachable(KubernetesClient client, RuntimeException e) {
    String hint =
        e instanceof KubernetesClientException k && (k.getCode() == 401 || k.getCode() == 403)
            ? "check the kubeconfig's credentials for this cluster"
            : "check that the cluster is running and that its address in the kubeconfig is"
                + " reachable from here";
    return new PlatformException(
        "Tried to reach the Kubernetes API server at "
            + client.getConfiguration().getMasterUrl()
            + " but failed because: "
            + Errors.rootMessage(e)
            + " ("
            + hint
            + ")",
        e);
  }

  private static Config config(ClusterTarget target) {
    String context = target.context().orElse(null);
    if (target.kubeconfig().isPresent()) {
      Path file = target.kubeconfig().get();
      if (!Files.isRegularFile(file)) {
        throw new PlatformException(
            "Tried to read the kubeconfig " + file + " but there is no such file");
      }
      try {
        return Config.fromKubeconfig(context, file.toFile());
      } catch (RuntimeException e) {
        throw new PlatformException(
            "Tried to read the kubeconfig "
                + file
                + target.context().map(c -> " with context " + c).orElse("")
                + " but failed because: "
                + Errors.rootMessage(e),
            e);
      }
    }
    Config config = Config.autoConfigure(context);
    if (target.context().isPresent() && !target.context().get().equals(currentContext(config))) {
      throw new PlatformException(
          "Tried to use context "
              + target.context().get()
              + " but no kubeconfig found through KUBECONFIG or ~/.kube/config has it");
    }
    return config;
  }

  private static String currentContext(Config config) {
    return config.getCurrentContext() == null ? null : config.getCurrentContext().getName();
  }
}
