package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.testkit.harbor.FakeHarbor;
import io.ferry.testkit.http.RecordedRequest;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry bundle push --harbor} into a fake Harbor whose registry is a real one. */
class BundlePushHarborCommandTest {

  @RegisterExtension static final OciRegistry vendor = SeedSite.vendorRegistry();

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder().basicAuth("admin", "Harbor12345").build();

  @TempDir static Path shared;
  static Path bundle;
  static FakeHarbor harbor;

  @TempDir Path dir;

  @BeforeAll
  static void createBundleAndStartHarbor() throws Exception {
    bundle = SeedSite.createBundle(vendor, shared);
    harbor = FakeHarbor.builder(registry).user("admin", "Harbor12345", true).start();
  }

  @AfterAll
  static void stopHarbor() {
    harbor.close();
  }

  private int push(CliRun run, String project, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                harbor.hostAndPort(),
                "--project",
                project,
                "--map",
                vendor.hostAndPort() + "/library/busybox=library/busybox",
                "--username",
                "admin",
                "--password-stdin"));
    args.addAll(List.of(more));
    return run.runWithStdin("Harbor12345\n", args.toArray(String[]::new));
  }

  @Test
  void createsTheMissingProjectAsPrivateNamesItThenPushes() throws Exception {
    Path report = dir.resolve("report.json");
    CliRun run = new CliRun();

    int code = push(run, "citybrain", "--harbor", "--report", report.toString());

    assertThat(code).as(run.err.toString()).isZero();
    assertThat(run.err.toString()).contains("created Harbor project citybrain (private)");
    assertThat(run.out.toString())
        .contains("-> " + harbor.hostAndPort() + "/citybrain/gatekeeper:v362")
        .contains("-> " + harbor.hostAndPort() + "/library/busybox:1.36")
        .contains("Pushed 3 images");
    List<RecordedRequest> posts =
        harbor.projectRequests().stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(posts).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(posts.get(0).body());
    assertThat(body.path("project_name").asText()).isEqualTo("citybrain");
    assertThat(body.path("metadata").path("public").asText()).isEqualTo("false");
    assertThat(harbor.projects()).containsEntry("citybrain", false);

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    assertThat(json.path("createdProjects").toString()).isEqualTo("[\"citybrain\"]");
    RegistryClient direct =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(new Credentials("admin", "Harbor12345")))
            .build();
    for (JsonNode image : json.path("images")) {
      String target = image.path("target").asText().substring(harbor.hostAndPort().length() + 1);
      String[] repoAndTag = target.split(":");
      assertThat(
              direct.checkManifest(repoAndTag[0], repoAndTag[1]).orElseThrow().digest().toString())
          .isEqualTo(image.path("digest").asText());
    }
  }

  @Test
  void withoutHarborAMissingProjectFailsNamingItAndSuggestingHarbor() {
    CliRun run = new CliRun();

    int code = push(run, "absent");

    assertThat(code).isEqualTo(1);
    assertThat(run.err.toString())
        .contains("project 'absent'")
        .contains("--harbor")
        .contains("no image was tagged");
    assertThat(harbor.projects()).doesNotContainKey("absent");
  }
}
