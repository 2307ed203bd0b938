package io.ferry.platform.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.ferry.platform.SeedExample;
import io.ferry.platform.cluster.MockCluster;
import io.ferry.platform.spec.PlatformSpecLoader;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact server-side apply requests, checked with the mock server in expectations mode. */
class ServerSideApplierTest {

  private static final String PATH = "/apis/apps/v1/namespaces/project/statefulsets/gatekeeper";

  private final KubernetesMockServer server = new KubernetesMockServer(false);
  private KubernetesClient client;
  private HasMetadata gatekeeper;

  @BeforeEach
  void start() throws Exception {
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    client = MockCluster.clientFor("http://127.0.0.1:" + server.getPort());
    gatekeeper =
        Release.of(PlatformSpecLoader.load(SeedExample.spec(), Optional.empty()), "")
            .objects()
            .stream()
            .filter(
                o ->
                    o.getKind().equals("StatefulSet")
                        && o.getMetadata().getName().equals("gatekeeper"))
            .findFirst()
            .orElseThrow();
  }

  @AfterEach
  void stop() {
    client.close();
    server.destroy();
  }

  private RecordedRequest lastPatch() throws InterruptedException {
    for (RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
        r != null;
        r = server.takeRequest(5, TimeUnit.SECONDS)) {
      if (r.getMethod().equals("PATCH")) {
        return r;
      }
    }
    throw new AssertionError("no PATCH request arrived");
  }

  @Test
  void patchesWithApplyPatchYamlAsFieldManagerFerryWithoutForce() throws Exception {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=ferry")
        .andReturn(200, gatekeeper)
        .once();

    new ServerSideApplier(client, false, false).apply(gatekeeper);

    RecordedRequest request = lastPatch();
    assertThat(request.getPath()).isEqualTo(PATH + "?fieldManager=ferry");
    assertThat(request.getHeader("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(request.getUtf8Body())
        .contains("\"kind\":\"StatefulSet\"")
        .contains("dockerhub.kubekey.local/project/gatekeeper:v362")
        .doesNotContain("resourceVersion")
        .doesNotContain("managedFields");
  }

  @Test
  void forcesOnlyWhenAskedToTakeConflictsOver() throws Exception {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=ferry&force=true")
        .andReturn(200, gatekeeper)
        .once();

    new ServerSideApplier(client, true, false).apply(gatekeeper);

    assertThat(lastPatch().getPath()).isEqualTo(PATH + "?fieldManager=ferry&force=true");
  }

  @Test
  void dryRunAsksTheServerToStoreNothing() throws Exception {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=ferry&dryRun=All")
        .andReturn(200, gatekeeper)
        .once();

    new ServerSideApplier(client, false, true).apply(gatekeeper);

    assertThat(lastPatch().getPath()).isEqualTo(PATH + "?fieldManager=ferry&dryRun=All");
  }

  @Test
  void conflictNamesTheObjectTheOtherManagersAndTheFlag() {
    server
        .expect()
        .patch()
        .withPath(PATH + "?fieldManager=ferry")
        .andReturn(
            409,
            new StatusBuilder()
                .withStatus("Failure")
                .withCode(409)
                .withReason("Conflict")
                .withMessage(
                    "Apply failed with 2 conflicts: conflict with \"kubectl-edit\" using apps/v1: .spec.replicas")
                .withNewDetails()
                .withCauses(
                    new StatusCauseBuilder()
                        .withReason("FieldManagerConflict")
                        .withMessage("conflict with \"kubectl-edit\" using apps/v1")
                        .withField(".spec.replicas")
                        .build(),
                    new StatusCauseBuilder()
                        .withReason("FieldManagerConflict")
                        .withMessage("conflict with \"helm\" using apps/v1")
                        .withField(".spec.template.spec.containers[name=\"gatekeeper\"].image")
                        .build())
                .endDetails()
                .build())
        .once();

    assertThatThrownBy(() -> new ServerSideApplier(client, false, false).apply(gatekeeper))
        .hasMessage(
            "Tried to server-side apply StatefulSet project/gatekeeper but failed because: 409"
                + " Conflict: fields .spec.replicas,"
                + " .spec.template.spec.containers[name=\"gatekeeper\"].image are managed by"
                + " \"helm\", \"kubectl-edit\" (another field manager owns these fields; run with"
                + " --force-conflicts to take them over, or remove them from that manager's"
                + " configuration)");
  }
}
