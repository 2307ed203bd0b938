package io.ferry.platform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.SeedExample;
import io.ferry.platform.cluster.MockCluster;
import io.ferry.platform.cluster.RolloutPlayer;
import io.ferry.platform.cluster.RolloutPlayer.Behaviour;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import io.ferry.platform.spec.PlatformSpec;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class PlatformApplierTest {

  private static final Duration POLL = Duration.ofMillis(20);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final MockCluster cluster = new MockCluster();
  private final KubernetesClient client = cluster.client();
  private final RolloutPlayer player = new RolloutPlayer(client, "project");
  private final PlatformApplier applier = new PlatformApplier(client, POLL);
  private final RecordingListener listener = new RecordingListener();
  private final PlatformSpec seed = PlatformSpecLoader.load(SeedExample.spec(), Optional.empty());

  @AfterEach
  void stop() {
    player.close();
    cluster.close();
  }

  private static ApplyOptions options(
      boolean atomic, boolean prune, Duration timeout, boolean dryRun) {
    return new ApplyOptions(atomic, prune, timeout, false, dryRun);
  }

  @Test
  void appliesInOrderWaitsForEachRolloutAndRecordsRevisionOne() {
    ApplyOutcome outcome =
        applier.apply(
            Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply");

    assertThat(outcome.revision()).map(Revision::number).contains(1);
    List<String> lines = listener.lines;
    assertThat(lines.get(0)).isEqualTo("step platform");
    assertThat(lines)
        .containsSubsequence(
            "created Namespace project",
            "created Service project/redis-cluster",
            "created Endpoints project/redis-cluster",
            "step abc-service",
            "created StatefulSet project/abc-service",
            "rollout StatefulSet project/abc-service DONE 1 of 1 replicas ready",
            "step gatekeeper",
            "created StatefulSet project/gatekeeper",
            "rollout StatefulSet project/gatekeeper DONE 2 of 2 replicas ready");
    assertThat(lines.indexOf("rollout StatefulSet project/abc-service DONE 1 of 1 replicas ready"))
        .as("progress is reported before the rollout is done")
        .isGreaterThan(
            lines.stream()
                .filter(l -> l.startsWith("rollout StatefulSet project/abc-service PROGRESSING"))
                .findFirst()
                .map(lines::indexOf)
                .orElse(Integer.MAX_VALUE));
    StatefulSet gatekeeper =
        client.apps().statefulSets().inNamespace("project").withName("gatekeeper").get();
    assertThat(gatekeeper.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("dockerhub.kubekey.local/project/gatekeeper:v362");
    assertThat(cluster.applies())
        .hasSize((int) lines.stream().filter(l -> l.startsWith("created ")).count())
        .allSatisfy(
            r -> {
              assertThat(r.contentType()).startsWith("application/apply-patch+yaml");
              assertThat(r.query())
                  .containsEntry("fieldManager", "ferry")
                  .doesNotContainKey("force");
            });
  }

  @Test
  void stalledRolloutFailsAtTheTimeoutSayingHowFarItGot() {
    player.play("abc-service", Behaviour.STALL);

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(seed, ""),
                    options(false, false, Duration.ofMillis(400), false),
                    listener,
                    "apply"))
        .isInstanceOf(ApplyFailedException.class)
        .hasMessageContaining("failed at step abc-service")
        .hasMessageContaining(
            "Rollout of StatefulSet project/abc-service did not finish within PT0.4S: 0 of 1 replicas ready")
        .hasMessageContaining("recorded as revision 1 (failed)");
    assertThat(client.apps().statefulSets().inNamespace("project").withName("gatekeeper").get())
        .as("a service is not started before what it depends on is ready")
        .isNull();
  }

  @Test
  void crashLoopingPodFailsTheRolloutEarlyQuotingReasonAndEvents() {
    player.play("abc-service", Behaviour.CRASH_LOOP);
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(seed, ""),
                    options(false, false, Duration.ofSeconds(30), false),
                    listener,
                    "apply"))
        .isInstanceOf(ApplyFailedException.class)
        .hasMessageContaining(
            "Rollout of StatefulSet project/abc-service failed early because pod abc-service-0"
                + " container abc-service is CrashLoopBackOff: back-off 40s restarting failed"
                + " container=abc-service")
        .hasMessageContaining(
            "latest events: Warning BackOff: Back-off restarting failed container abc-service in"
                + " pod abc-service-0");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void atomicApplyPutsBackTheServicesItChangedInReverseOrderWhenALaterOneFails() {
    applier.apply(Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply");
    PlatformSpec v2 = withImages(seed, "1.5.0", "v363", "3.7.0");
    player.play("gatekeeper", Behaviour.STALL);
    listener.lines.clear();

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(v2, ""),
                    options(true, false, Duration.ofMillis(500), false),
                    listener,
                    "apply"))
        .isInstanceOf(ApplyFailedException.class)
        .hasMessageContaining("failed at step gatekeeper")
        .hasMessageContaining("--atomic rolled back")
        .hasMessageContaining("recorded as revision 2 (rolled-back)");

    assertThat(image("abc-service")).isEqualTo("dockerhub.kubekey.local/project/abc-service:1.4.0");
    assertThat(image("gatekeeper")).isEqualTo("dockerhub.kubekey.local/project/gatekeeper:v362");
    assertThat(listener.lines)
        .containsSubsequence(
            "rollback StatefulSet project/gatekeeper restored to revision 1",
            "rollback StatefulSet project/abc-service restored to revision 1");
    assertThat(new RevisionStore(client, "project", "citybrain").list())
        .extracting(r -> r.number() + " " + r.status().label() + " " + r.version())
        .containsExactly("1 deployed 3.6.2", "2 rolled-back 3.7.0");
  }

  @Test
  void atomicFirstInstallDeletesWhatItCreatedButKeepsTheNamespace() {
    player.play("gatekeeper", Behaviour.STALL);

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(seed, ""),
                    options(true, false, Duration.ofMillis(300), false),
                    listener,
                    "apply"))
        .hasMessageContaining("0 restored, ");

    assertThat(client.apps().statefulSets().inNamespace("project").list().getItems()).isEmpty();
    assertThat(client.services().inNamespace("project").list().getItems()).isEmpty();
    assertThat(client.namespaces().withName("project").get()).isNotNull();
    assertThat(listener.lines)
        .contains("rollback Namespace project kept (holds the revision records)");
  }

  @Test
  void historyAndRollbackRoundTrip() {
    applier.apply(
        Release.of(seed, "a: 1\n"), options(false, false, TIMEOUT, false), listener, "apply");
    applier.apply(
        Release.of(withImages(seed, "1.5.0", "v363", "3.7.0"), ""),
        options(false, false, TIMEOUT, false),
        listener,
        "apply");
    assertThat(image("gatekeeper")).endsWith(":v363");

    ApplyOutcome back =
        new PlatformRollback(client, applier)
            .rollback(
                "project",
                "citybrain",
                Optional.empty(),
                options(false, false, TIMEOUT, false),
                listener);

    assertThat(back.revision()).map(Revision::number).contains(3);
    assertThat(image("gatekeeper")).endsWith(":v362");
    assertThat(image("abc-service")).endsWith(":1.4.0");
    List<Revision> history = new RevisionStore(client, "project", "citybrain").list();
    assertThat(history)
        .extracting(r -> r.number() + " " + r.version() + " " + r.status().label() + " " + r.note())
        .containsExactly(
            "1 3.6.2 deployed apply", "2 3.7.0 deployed apply", "3 3.6.2 deployed rollback to 1");
    assertThat(history.get(2).values()).isEqualTo("a: 1\n");
    var map = client.configMaps().inNamespace("project").withName("ferry-citybrain-rev-3").get();
    assertThat(map.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "ferry")
        .containsEntry("ferry.dev/platform", "citybrain")
        .containsEntry("ferry.dev/revision", "3");
    assertThat(map.getData().get("objects.yaml"))
        .contains("kind: StatefulSet")
        .contains("gatekeeper:v362");
  }

  @Test
  void rollbackToAnUnknownRevisionListsTheOnesThereAre() {
    applier.apply(Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply");

    assertThatThrownBy(
            () ->
                new PlatformRollback(client, applier)
                    .rollback(
                        "project",
                        "citybrain",
                        Optional.of(7),
                        options(false, false, TIMEOUT, false),
                        listener))
        .hasMessage(
            "Tried to find revision 7 of platform citybrain in namespace project but it has only"
                + " revisions [1]");
  }

  @Test
  void pruneListsUnderDryRunThenDeletesWhatIsNoLongerRendered() {
    applier.apply(Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply");
    client
        .configMaps()
        .inNamespace("project")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("someone-elses")
                .withLabels(Map.of("app.kubernetes.io/part-of", "other"))
                .endMetadata()
                .build())
        .create();
    PlatformSpec withoutGatekeeper = removeGatekeeper(seed);
    listener.lines.clear();

    ApplyOutcome dry =
        applier.apply(
            Release.of(withoutGatekeeper, ""),
            options(false, true, TIMEOUT, true),
            listener,
            "apply");

    assertThat(dry.revision()).isEmpty();
    assertThat(dry.pruned())
        .extracting(Object::toString)
        .containsExactly(
            "StatefulSet project/gatekeeper",
            "Ingress project/gatekeeper",
            "Service project/gatekeeper-headless",
            "Service project/gatekeeper");
    assertThat(listener.lines).contains("would prune StatefulSet project/gatekeeper");
    assertThat(listener.lines).contains("would be unchanged StatefulSet project/abc-service");
    assertThat(client.apps().statefulSets().inNamespace("project").withName("gatekeeper").get())
        .as("dry run deletes nothing")
        .isNotNull();

    applier.apply(
        Release.of(withoutGatekeeper, ""), options(false, true, TIMEOUT, false), listener, "apply");

    assertThat(client.apps().statefulSets().inNamespace("project").withName("gatekeeper").get())
        .isNull();
    assertThat(client.services().inNamespace("project").withName("gatekeeper-headless").get())
        .isNull();
    assertThat(client.apps().statefulSets().inNamespace("project").withName("abc-service").get())
        .isNotNull();
    assertThat(client.configMaps().inNamespace("project").withName("someone-elses").get())
        .isNotNull();
    assertThat(client.configMaps().inNamespace("project").withName("ferry-citybrain-rev-1").get())
        .as("revisions are not pruned")
        .isNotNull();
  }

  @Test
  void dryRunChangesNothingAndReportsChangedPaths() {
    applier.apply(Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply");
    listener.lines.clear();

    ApplyOutcome dry =
        applier.apply(
            Release.of(withImages(seed, "1.5.0", "v362", "3.6.2"), ""),
            options(false, false, TIMEOUT, true),
            listener,
            "apply");

    assertThat(dry.diffs())
        .extracting(Object::toString)
        .contains(
            "changed StatefulSet project/abc-service: spec.template.spec.containers[0].image",
            "unchanged StatefulSet project/gatekeeper");
    assertThat(image("abc-service")).endsWith(":1.4.0");
    assertThat(cluster.applies().get(cluster.applies().size() - 1).query())
        .containsEntry("dryRun", "All");
    assertThat(new RevisionStore(client, "project", "citybrain").list()).hasSize(1);
  }

  @Test
  void deploymentsWaitForAvailableReplicasAndAnUnschedulablePodFailsEarly(@TempDir Path tmp)
      throws java.io.IOException {
    Path file = tmp.resolve("ferry.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        apiVersion: ferry.dev/v1alpha1
        kind: Platform
        metadata: {name: shop, version: 1.0.0}
        spec:
          arches: [amd64]
          registry: {host: registry.site.local, project: shop}
          namespace: project
          domain: apps.site.local
          services:
            api:
              kind: Deployment
              image: vendor.example/shop/api:2.0
              replicas: 2
              ports: {http: 8081}
            web:
              kind: Deployment
              image: vendor.example/shop/web:1.0
              ports: {http: 8080}
              dependsOn: [api]
        """);
    PlatformSpec shop = PlatformSpecLoader.load(file, Optional.empty());
    player.play("web", Behaviour.UNSCHEDULABLE);

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(shop, ""),
                    options(false, false, Duration.ofSeconds(30), false),
                    listener,
                    "apply"))
        .hasMessageContaining(
            "Rollout of Deployment project/web failed early because pod web-5d8f9-abcde is"
                + " Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.");
    assertThat(listener.lines)
        .contains("rollout Deployment project/api DONE 2 of 2 replicas available");
  }

  @Test
  void conflictStopsTheApplyNamingTheObjectAndOtherManagerAndForceConflictsSendsForce() {
    cluster
        .server()
        .expect()
        .patch()
        .withPath("/apis/apps/v1/namespaces/project/statefulsets/gatekeeper?fieldManager=ferry")
        .andReturn(
            409,
            new io.fabric8.kubernetes.api.model.StatusBuilder()
                .withStatus("Failure")
                .withCode(409)
                .withReason("Conflict")
                .withMessage(
                    "Apply failed with 1 conflict: conflict with \"kubectl-edit\": .spec.replicas")
                .withNewDetails()
                .addNewCause()
                .withReason("FieldManagerConflict")
                .withMessage("conflict with \"kubectl-edit\" using apps/v1")
                .withField(".spec.replicas")
                .endCause()
                .endDetails()
                .build())
        .once();

    assertThatThrownBy(
            () ->
                applier.apply(
                    Release.of(seed, ""), options(false, false, TIMEOUT, false), listener, "apply"))
        .hasMessageContaining(
            "failed at step gatekeeper: Tried to server-side apply StatefulSet project/gatekeeper but"
                + " failed because: 409 Conflict: fields .spec.replicas are managed by \"kubectl-edit\"")
        .hasMessageContaining("run with --force-conflicts");

    applier.apply(
        Release.of(seed, ""),
        new ApplyOptions(false, false, TIMEOUT, true, false),
        listener,
        "apply");
    assertThat(cluster.applies().subList(cluster.applies().size() - 10, cluster.applies().size()))
        .allSatisfy(
            r ->
                assertThat(r.query())
                    .containsEntry("force", "true")
                    .containsEntry("fieldManager", "ferry"));
  }

  private String image(String statefulSet) {
    return client
        .apps()
        .statefulSets()
        .inNamespace("project")
        .withName(statefulSet)
        .get()
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  static PlatformSpec withImages(
      PlatformSpec spec, String abcTag, String gatekeeperTag, String version) {
    var services = new java.util.TreeMap<>(spec.services());
    services.computeIfPresent(
        "abc-service",
        (k, s) -> Specs.withImage(s, "registry.vendor.example/project1/abc-service:" + abcTag));
    services.computeIfPresent(
        "gatekeeper",
        (k, s) ->
            Specs.withImage(s, "registry.vendor.example/project/gatekeeper:" + gatekeeperTag));
    return Specs.with(spec, version, services);
  }

  static PlatformSpec removeGatekeeper(PlatformSpec spec) {
    var services = new java.util.TreeMap<>(spec.services());
    services.remove("gatekeeper");
    return Specs.with(spec, spec.version(), services);
  }
}
