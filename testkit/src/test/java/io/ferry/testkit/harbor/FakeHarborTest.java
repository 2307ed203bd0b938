package io.ferry.testkit.harbor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.registry.OciRegistry;
import io.ferry.testkit.registry.RegistryCredentials;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake's own contract: Harbor's project API answers, and the registry behind it. */
class FakeHarborTest {

  @RegisterExtension
  static final OciRegistry registry =
      OciRegistry.builder().basicAuth("admin", "Harbor12345").build();

  static FakeHarbor harbor;
  static final HttpClient http = HttpClient.newHttpClient();
  static final String ADMIN = new RegistryCredentials("admin", "Harbor12345").basicAuthorization();
  static final String DEVELOPER =
      new RegistryCredentials("developer", "Dev-Pass1").basicAuthorization();

  @BeforeAll
  static void start() {
    harbor =
        FakeHarbor.builder(registry)
            .user("admin", "Harbor12345", true)
            .user("developer", "Dev-Pass1", false)
            .start();
  }

  @AfterAll
  static void stop() {
    harbor.close();
  }

  private static HttpResponse<String> send(
      String method, String path, String authorization, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(harbor.baseUri().resolve(path))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (!authorization.isEmpty()) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String create(String name, String isPublic) {
    return "{\"project_name\":\"" + name + "\",\"metadata\":{\"public\":\"" + isPublic + "\"}}";
  }

  @Test
  void checksAProjectOnlyForAValidUser() throws Exception {
    String library = "/api/v2.0/projects?project_name=library";
    assertThat(send("HEAD", library, "", "").statusCode()).isEqualTo(401);
    assertThat(
            send(
                    "HEAD",
                    library,
                    new RegistryCredentials("admin", "wrong").basicAuthorization(),
                    "")
                .statusCode())
        .isEqualTo(401);
    assertThat(send("HEAD", library, ADMIN, "").statusCode()).isEqualTo(200);
    assertThat(send("HEAD", "/api/v2.0/projects?project_name=nope", DEVELOPER, "").statusCode())
        .isEqualTo(404);
  }

  @Test
  void createsAPrivateProjectOnceAndExplainsRefusals() throws Exception {
    HttpResponse<String> created = send("POST", "/api/v2.0/projects", ADMIN, create("p1", "false"));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).matches("/api/v2.0/projects/\\d+"));
    assertThat(harbor.projects()).containsEntry("p1", false);

    HttpResponse<String> again = send("POST", "/api/v2.0/projects", ADMIN, create("p1", "false"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"CONFLICT\",\"message\":\"The project named p1 already"
                + " exists\"}]}");

    assertThat(send("POST", "/api/v2.0/projects", "", create("p2", "false")).statusCode())
        .isEqualTo(401);
    HttpResponse<String> forbidden =
        send("POST", "/api/v2.0/projects", DEVELOPER, create("p2", "false"));
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(forbidden.body()).contains("FORBIDDEN").contains("Only system admin");
    assertThat(send("POST", "/api/v2.0/projects", ADMIN, create("p2", "yes")).statusCode())
        .isEqualTo(400);
    assertThat(harbor.projects()).doesNotContainKey("p2");
  }

  @Test
  void proxiesTheRegistryAtItsOwnAddressAndRefusesProjectsItLacks() throws Exception {
    HttpResponse<String> anonymous = send("GET", "/v2/", "", "");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Basic "));
    assertThat(send("GET", "/v2/", ADMIN, "").statusCode()).isEqualTo(200);

    HttpResponse<String> upload = send("POST", "/v2/library/app/blobs/uploads/", ADMIN, "");
    assertThat(upload.statusCode()).isEqualTo(202);
    assertThat(upload.headers().firstValue("Location"))
        .hasValueSatisfying(
            location ->
                assertThat(location)
                    .startsWith(harbor.baseUri() + "/v2/library/app/blobs/uploads/"));

    HttpResponse<String> missing = send("POST", "/v2/nope/app/blobs/uploads/", ADMIN, "");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"project nope not found\"}]}");
    assertThat(harbor.registryRequests())
        .extracting(r -> r.method() + " " + r.path())
        .contains("POST /v2/library/app/blobs/uploads/", "POST /v2/nope/app/blobs/uploads/");
  }
}
