package io.ferry.platform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.cluster.ClusterTarget;
import io.ferry.platform.cluster.KubeClients;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mock-server scenarios against a real cluster: set {@code FERRY_IT_KUBECONFIG} to a kubeconfig
 * whose user may create namespaces. Images come from {@code FERRY_IT_REGISTRY}/{@code
 * FERRY_IT_PROJECT} (default {@code docker.io/library}: nginx and busybox must be pullable there).
 * Each test works in a namespace of its own and deletes it afterwards.
 */
@Timeout(900)
class RealClusterTest {

  private static final String KUBECONFIG = System.getenv("FERRY_IT_KUBECONFIG");

  @TempDir Path tmp;

  private KubernetesClient client;
  private String namespace;

  @BeforeEach
  void connect() {
    assumeTrue(
        KUBECONFIG != null && !KUBECONFIG.isBlank(),
        "set FERRY_IT_KUBECONFIG to run against a real cluster");
    client =
        KubeClients.connect(new ClusterTarget(Optional.of(Path.of(KUBECONFIG)), Optional.empty()));
    namespace = "ferry-it-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
  }

  @AfterEach
  void cleanUp() {
    if (client != null) {
      client.namespaces().withName(namespace).delete();
      client.close();
    }
  }

  private PlatformSpec spec(String version, String webImage, String extra) throws IOException {
    String registry = Optional.ofNullable(System.getenv("FERRY_IT_REGISTRY")).orElse("docker.io");
    String project = Optional.ofNullable(System.getenv("FERRY_IT_PROJECT")).orElse("library");
    Path file = tmp.resolve("ferry-" + version + ".yaml");
    Files.writeString(
        file,
        """
        apiVersion: ferry.dev/v1alpha1
        kind: Platform
        metadata: {name: itest, version: %s}
        spec:
          arches: [amd64]
          registry: {host: %s, project: %s}
          namespace: %s
          domain: it.local
          services:
            web:
              kind: Deployment
              image: vendor.example/x/%s
              ports: {http: 80}
              readiness: {tcpSocket: {port: http}}
        %s
        """
            .formatted(version, registry, project, namespace, webImage, extra));
    return PlatformSpecLoader.load(file, Optional.empty());
  }

  private ApplyOutcome apply(PlatformSpec spec, boolean atomic, Duration timeout) {
    return new PlatformApplier(client, Duration.ofSeconds(1))
        .apply(
            Release.of(spec, ""),
            new ApplyOptions(atomic, false, timeout, false, false),
            ApplyListener.silent(),
            "apply");
  }

  @Test
  void rolloutSucceedsAndHistoryAndRollbackRoundTrip() throws IOException {
    apply(spec("1.0.0", "nginx:1.27", ""), false, Duration.ofMinutes(5));
    apply(spec("1.1.0", "nginx:1.26", ""), false, Duration.ofMinutes(5));

    new PlatformRollback(client, new PlatformApplier(client, Duration.ofSeconds(1)))
        .rollback(
            namespace,
            "itest",
            Optional.empty(),
            new ApplyOptions(false, false, Duration.ofMinutes(5), false, false),
            ApplyListener.silent());

    assertThat(new RevisionStore(client, namespace, "itest").list())
        .extracting(r -> r.number() + " " + r.version() + " " + r.status().label())
        .containsExactly("1 1.0.0 deployed", "2 1.1.0 deployed", "3 1.0.0 deployed");
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .endsWith("/nginx:1.27");
  }

  @Test
  void crashLoopFailsEarly() throws IOException {
    // busybox's shell exits at once without a terminal: the container restarts in a loop
    assertThatThrownBy(
            () -> apply(spec("1.0.0", "busybox:1.36", ""), false, Duration.ofMinutes(10)))
        .hasMessageContaining("failed early because pod")
        .hasMessageContaining("CrashLoopBackOff");
  }

  @Test
  void stalledRolloutTimesOut() throws IOException {
    PlatformSpec never =
        spec(
            "1.0.0",
            "nginx:1.27",
            """
                stuck:
                  kind: Deployment
                  image: vendor.example/x/nginx:1.27
                  ports: {http: 80, closed: 81}
                  readiness: {tcpSocket: {port: closed}}
            """);
    assertThatThrownBy(() -> apply(never, false, Duration.ofSeconds(60)))
        .hasMessageContaining(
            "Rollout of Deployment " + namespace + "/stuck did not finish within PT1M");
  }

  @Test
  void atomicApplyRollsBackTheFirstServiceWhenTheSecondFails() throws IOException {
    apply(spec("1.0.0", "nginx:1.27", ""), false, Duration.ofMinutes(5));
    PlatformSpec broken =
        spec(
            "1.1.0",
            "nginx:1.26",
            """
                zz-stuck:
                  kind: Deployment
                  image: vendor.example/x/nginx:1.27
                  ports: {http: 80, closed: 81}
                  readiness: {tcpSocket: {port: closed}}
                  dependsOn: [web]
            """);

    assertThatThrownBy(() -> apply(broken, true, Duration.ofSeconds(60)))
        .hasMessageContaining("--atomic rolled back");

    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName("web")
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getImage())
        .endsWith("/nginx:1.27");
    assertThat(client.apps().deployments().inNamespace(namespace).withName("zz-stuck").get())
        .isNull();
    assertThat(new RevisionStore(client, namespace, "itest").list())
        .extracting(Revision::status)
        .containsExactly(Revision.Status.DEPLOYED, Revision.Status.ROLLED_BACK);
  }
}
