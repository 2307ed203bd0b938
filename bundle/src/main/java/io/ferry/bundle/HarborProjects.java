package io.ferry.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.registry.ErrorHints;
import io.ferry.oci.registry.ErrorResponse;
import io.ferry.oci.registry.HttpClients;
import io.ferry.oci.registry.TransportOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates missing Harbor projects (private) through Harbor's API v2.0: {@code HEAD
 * /api/v2.0/projects?project_name=P} answers 200 when it exists and 404 when not; {@code POST
 * /api/v2.0/projects} with {@code {"project_name":P,"metadata":{"public":"false"}}} answers 201, or
 * 409 when another push created it first.
 */
final class HarborProjects {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http;
  private final Optional<Credentials> credentials;
  private final TransportOptions transport;

  HarborProjects(String registry, Optional<Credentials> credentials, TransportOptions transport) {
    this.base = URI.create(transport.schemeFor(registry) + "://" + registry);
    this.http = HttpClients.create(transport);
    this.credentials = credentials;
    this.transport = transport;
  }

  /** Creates each of {@code projects} that Harbor lacks; returns those it created. */
  List<String> ensure(List<String> projects) {
    List<String> created = new ArrayList<>();
    for (String project : projects) {
      String check = "check Harbor project '" + project + "'";
      HttpResponse<byte[]> exists =
          send(
              request(
                      "/api/v2.0/projects?project_name="
                          + URLEncoder.encode(project, StandardCharsets.UTF_8))
                  .method("HEAD", HttpRequest.BodyPublishers.noBody())
                  .build(),
              check);
      if (exists.statusCode() == 200) {
        continue;
      }
      if (exists.statusCode() != 404) {
        throw failure(check, project, exists);
      }
      byte[] body;
      try {
        body =
            JSON.writeValueAsBytes(
                Map.of("project_name", project, "metadata", Map.of("public", "false")));
      } catch (IOException e) {
        throw new BundleException("Tried to write a Harbor project request but failed", e);
      }
      String create = "create Harbor project '" + project + "'";
      HttpResponse<byte[]> answer =
          send(
              request("/api/v2.0/projects")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                  .build(),
              create);
      if (answer.statusCode() == 201) {
        created.add(project);
      } else if (answer.statusCode() != 409) {
        throw failure(create, project, answer);
      }
    }
    return created;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(transport.requestTimeout())
            .header("Accept", "application/json");
    credentials
        .filter(c -> !c.isIdentityToken()) // a refresh token is for a token service only
        .ifPresent(c -> builder.header("Authorization", c.basicAuthorization()));
    return builder;
  }

  private HttpResponse<byte[]> send(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new BundleException(
          "Tried to "
              + what
              + " at "
              + base
              + " but failed: "
              + e
              + " ("
              + ErrorHints.forIoError(e, base.getAuthority(), base.getScheme())
              + ")",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleException("Interrupted while trying to " + what, e);
    }
  }

  private BundleException failure(String what, String project, HttpResponse<byte[]> answer) {
    int status = answer.statusCode();
    ErrorResponse error = ErrorResponse.parse(answer.body());
    String user = credentials.map(c -> "user '" + c.username() + "'").orElse("no user");
    String hint =
        switch (status) {
          case 401 ->
              credentials.isPresent() && credentials.get().isIdentityToken()
                  ? "the Docker config holds an identity token for "
                      + base.getAuthority()
                      + ", which Harbor's API does not take: pass --username and"
                      + " --password-stdin of a Harbor user who may create projects"
                  : credentials.isEmpty()
                      ? "Harbor's API needs a user: pass --username and --password-stdin (or an"
                          + " --authfile entry) of a Harbor user who may create projects"
                      : "Harbor did not accept the username and password of "
                          + user
                          + ": check them, or the --authfile entry for "
                          + base.getAuthority();
          case 403 ->
              user
                  + " may not create projects: when Harbor's project creation is set to 'admin"
                  + " only' only system admins may, and robot accounts only when system-level; use"
                  + " such an account, or create project '"
                  + project
                  + "' in Harbor first";
          default -> "is " + base + " a Harbor 2.x?";
        };
    return new BundleException(
        "Tried to "
            + what
            + " at "
            + base
            + " but failed because: HTTP "
            + status
            + (error.summary().isEmpty() ? "" : " [" + error.summary() + "]")
            + " ("
            + hint
            + ")");
  }
}
