package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.oci.Platform;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.testkit.harbor.FakeHarbor;
import io.ferry.testkit.http.RecordedRequest;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code push --harbor} end to end: Harbor's project API and its registry at one address (a {@link
 * FakeHarbor} in front of a real registry with basic auth), as a real Harbor serves them.
 */
class BundlePushHarborTest {

  private static final String ADMIN = "admin";
  private static final String ADMIN_PASSWORD = "Harbor12345";

  @RegisterExtension static final OciRegistry source = TestBundles.sourceRegistry();

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder().basicAuth(ADMIN, ADMIN_PASSWORD).build();

  @TempDir static Path shared;
  static Path bundle;
  static CreateResult created;
  static FakeHarbor harbor;

  @BeforeAll
  static void createBundleAndStartHarbor() throws Exception {
    TestImages images = new TestImages(TestBundles.client(source));
    images.pushMultiArch("vendor/app", "1.0", true, 200_000);
    images.pushSingle("library/tool", "1.36", "amd64", false, 100_000);
    String host = source.hostAndPort();
    Path spec =
        TestBundles.writeSpec(
            shared, List.of(host + "/vendor/app:1.0", host + "/library/tool:1.36"));
    bundle = shared.resolve("b.tar");
    created = TestBundles.create(source, spec, bundle, List.of(Platform.parse("linux/amd64")));
    harbor =
        FakeHarbor.builder(registry)
            .user(ADMIN, ADMIN_PASSWORD, true)
            .user("developer", "Dev-Pass1", false)
            .start();
  }

  @AfterAll
  static void stopHarbor() {
    harbor.close();
  }

  private static PushResult push(String user, String password, String project, boolean withHarbor) {
    return push(user, password, project, withHarbor, TransportOptions.defaults());
  }

  private static PushResult push(
      String user,
      String password,
      String project,
      boolean withHarbor,
      TransportOptions transport) {
    RegistryClients clients =
        new RegistryClients(CredentialProvider.of(new Credentials(user, password)), transport);
    return new BundlePusher(clients, PushListener.NONE)
        .push(
            new PushRequest(
                bundle,
                Optional.of(harbor.hostAndPort()),
                Optional.of(project),
                // tool goes to the project every Harbor has, so only `project` is missing
                Map.of(source.hostAndPort() + "/library/tool", "library/tool-" + project),
                4,
                withHarbor,
                Optional.empty()));
  }

  private static List<RecordedRequest> projectCalls(String project) {
    return harbor.projectRequests().stream()
        .filter(
            r ->
                r.path().endsWith("project_name=" + project)
                    || r.bodyText().contains("\"" + project + "\""))
        .toList();
  }

  private static List<RecordedRequest> uploadsInto(String project) {
    return harbor.registryRequests().stream()
        .filter(r -> r.path().startsWith("/v2/" + project + "/"))
        .filter(r -> Set.of("POST", "PUT", "PATCH").contains(r.method()))
        .toList();
  }

  @Test
  void createsOnlyTheMissingProjectAsPrivateThenPushesEveryImage() throws Exception {
    PushResult result = push(ADMIN, ADMIN_PASSWORD, "citybrain", true);

    assertThat(result.createdProjects()).containsExactly("citybrain");
    assertThat(harbor.projects()).containsEntry("citybrain", false);
    List<RecordedRequest> posts =
        projectCalls("citybrain").stream().filter(r -> r.method().equals("POST")).toList();
    assertThat(posts).hasSize(1);
    JsonNode body = new ObjectMapper().readTree(posts.get(0).body());
    assertThat(body.path("project_name").asText()).isEqualTo("citybrain");
    assertThat(body.path("metadata").path("public").asText()).isEqualTo("false");
    assertThat(posts.get(0).headers().get("Authorization"))
        .containsExactly(new Credentials(ADMIN, ADMIN_PASSWORD).basicAuthorization());
    assertThat(projectCalls("library"))
        .as("an existing project is checked, never created")
        .extracting(RecordedRequest::method)
        .contains("HEAD")
        .doesNotContain("POST");
    assertThat(uploadsInto("citybrain")).isNotEmpty();

    // What the registry behind Harbor holds, read from it directly, not through the fake.
    RegistryClient direct =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(new Credentials(ADMIN, ADMIN_PASSWORD)))
            .build();
    assertThat(result.images())
        .extracting(PushResult.ImageResult::target)
        .containsExactly(
            harbor.hostAndPort() + "/citybrain/app:1.0",
            harbor.hostAndPort() + "/library/tool-citybrain:1.36");
    assertThat(direct.checkManifest("citybrain/app", "1.0").orElseThrow().digest().toString())
        .isEqualTo(created.index().images().get(0).digest())
        .isEqualTo(result.images().get(0).digest());
    assertThat(
            direct
                .checkManifest("library/tool-citybrain", "1.36")
                .orElseThrow()
                .digest()
                .toString())
        .isEqualTo(created.index().images().get(1).digest())
        .isEqualTo(result.images().get(1).digest());
  }

  @Test
  void withoutHarborAMissingProjectFailsNamingItAndSuggestingHarbor() {
    assertThatThrownBy(() -> push(ADMIN, ADMIN_PASSWORD, "absent", false))
        .hasMessageContaining("project 'absent'")
        .hasMessageContaining("the project exists")
        .hasMessageContaining("--harbor")
        .hasMessageContaining("no image was tagged");

    assertThat(harbor.projects()).doesNotContainKey("absent");
    assertThat(projectCalls("absent")).as("no Harbor API call without --harbor").isEmpty();
    RegistryClient direct =
        RegistryClient.builder(registry.hostAndPort())
            .credentials(CredentialProvider.of(new Credentials(ADMIN, ADMIN_PASSWORD)))
            .build();
    assertThat(direct.catalog()).noneMatch(repo -> repo.startsWith("absent/"));
  }

  @Test
  void wrongCredentialsStopThePushBeforeAnyBlobNamingProjectAnswerAndCause() {
    assertThatThrownBy(() -> push(ADMIN, "wrong", "denied", true))
        .hasMessageContaining("Harbor project 'denied'")
        .hasMessageContaining("401")
        .hasMessageContaining("username and password");

    assertThat(uploadsInto("denied")).isEmpty();
    assertThat(harbor.projects()).doesNotContainKey("denied");
  }

  @Test
  void aUserWhoMayNotCreateProjectsStopsThePushBeforeAnyBlobNamingProjectAnswerAndCause() {
    assertThatThrownBy(() -> push("developer", "Dev-Pass1", "forbidden", true))
        .hasMessageContaining("create Harbor project 'forbidden'")
        .hasMessageContaining("403")
        .hasMessageContaining("Only system admin can create project")
        .hasMessageContaining("system admin");

    assertThat(projectCalls("forbidden"))
        .extracting(RecordedRequest::method)
        .containsExactly("HEAD", "POST");
    assertThat(uploadsInto("forbidden")).isEmpty();
    assertThat(harbor.projects()).doesNotContainKey("forbidden");
  }

  @Test
  void harborsApiReachedOverTlsWhenItSpeaksPlainHttpIsToldSoBeforeAnyBlob() {
    TransportOptions tls = TransportOptions.defaults().withCaFile(source.caCertificatePem());

    assertThatThrownBy(() -> push(ADMIN, ADMIN_PASSWORD, "overtls", true, tls))
        .hasMessageContaining("check Harbor project 'overtls' at https://" + harbor.hostAndPort())
        .hasMessageContaining(harbor.hostAndPort() + " closed the connection at the TLS handshake")
        .hasMessageContaining("pass --plain-http");
    assertThat(uploadsInto("overtls")).isEmpty();
  }

  @Test
  void aProjectCreatedConcurrentlyIsFine() {
    harbor.createConcurrentlyAfterNextCheck("raced");

    PushResult result = push(ADMIN, ADMIN_PASSWORD, "raced", true);

    assertThat(result.createdProjects()).as("409: another push created it").isEmpty();
    assertThat(projectCalls("raced"))
        .extracting(RecordedRequest::method)
        .containsExactly("HEAD", "POST");
    assertThat(result.images().get(0).target()).isEqualTo(harbor.hostAndPort() + "/raced/app:1.0");
    assertThat(uploadsInto("raced")).isNotEmpty();
  }
}
