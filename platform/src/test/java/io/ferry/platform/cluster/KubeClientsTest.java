package io.ferry.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class KubeClientsTest {

  @Test
  void explicitKubeconfigReachesTheClusterAndReportsItsVersion(@TempDir Path tmp)
      throws IOException {
    try (MockCluster cluster = new MockCluster();
        KubernetesClient client =
            KubeClients.connect(
                new ClusterTarget(Optional.of(cluster.writeKubeconfig(tmp)), Optional.empty()))) {
      assertThat(client.getConfiguration().getMasterUrl())
          .contains("127.0.0.1")
          .doesNotContain("localhost:8443");
      assertThat(KubeClients.version(client).getGitVersion()).isEqualTo(MockCluster.VERSION);
    }
  }

  @Test
  void contextPicksTheClusterOfThatContext(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters:
        - {name: a, cluster: {server: "https://127.0.0.1:1"}}
        - {name: b, cluster: {server: "https://127.0.0.1:2"}}
        contexts:
        - {name: a, context: {cluster: a, user: u}}
        - {name: b, context: {cluster: b, user: u}}
        current-context: a
        users:
        - {name: u, user: {token: t}}
        """);
    try (KubernetesClient client =
        KubeClients.connect(new ClusterTarget(Optional.of(file), Optional.of("b")))) {
      assertThat(client.getConfiguration().getMasterUrl()).startsWith("https://127.0.0.1:2");
    }
  }

  @Test
  void unreachableClusterIsNamedByItsServerUrl(@TempDir Path tmp) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort(); // closed again: nothing listens there
    }
    Path file = tmp.resolve("kubeconfig");
    Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Config
        clusters: [{name: c, cluster: {server: "http://127.0.0.1:%d"}}]
        contexts: [{name: c, context: {cluster: c, user: u}}]
        current-context: c
        users: [{name: u, user: {token: t}}]
        """
            .formatted(port));
    try (KubernetesClient client =
        KubeClients.connect(new ClusterTarget(Optional.of(file), Optional.empty()))) {
      assertThatThrownBy(() -> KubeClients.version(client))
          .hasMessageStartingWith(
              "Tried to reach the Kubernetes API server at http://127.0.0.1:" + port)
          .hasMessageContaining("check that the cluster is running");
    }
  }

  @Test
  void missingKubeconfigFileIsAClearError(@TempDir Path tmp) {
    assertThatThrownBy(
            () ->
                KubeClients.connect(
                    new ClusterTarget(Optional.of(tmp.resolve("nope")), Optional.empty())))
        .hasMessage(
            "Tried to read the kubeconfig " + tmp.resolve("nope") + " but there is no such file");
  }
}
