package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.registry.TransportOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Harbor project creation against a local server answering as Harbor's API v2.0 does (swagger: HEAD
 * /projects?project_name= → 200 or 404; POST /projects → 201 Created, 409 Conflict, 401, 403).
 */
class HarborProjectsTest {

  private HttpServer server;
  private final Set<String> projects = ConcurrentHashMap.newKeySet();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile int postStatus = 201;

  @BeforeEach
  void start() throws Exception {
    projects.add("library");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext(
        "/api/v2.0/projects",
        exchange -> {
          String auth = exchange.getRequestHeaders().getFirst("Authorization");
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          calls.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI()
                  + " "
                  + body
                  + " "
                  + auth);
          int status;
          if (!new Credentials("admin", "Harbor12345").basicAuthorization().equals(auth)) {
            status = 401;
          } else if (exchange.getRequestMethod().equals("HEAD")) {
            String name = exchange.getRequestURI().getQuery().replace("project_name=", "");
            status = projects.contains(name) ? 200 : 404;
          } else if (exchange.getRequestMethod().equals("POST")) {
            String name = body.replaceAll(".*\"project_name\":\"([^\"]+)\".*", "$1");
            status = postStatus == 201 && !projects.add(name) ? 409 : postStatus;
          } else {
            status = 405;
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HarborProjects harbor(String user, String password) {
    return new HarborProjects(
        "127.0.0.1:" + server.getAddress().getPort(),
        Optional.of(new Credentials(user, password)),
        TransportOptions.defaults());
  }

  @Test
  void createsOnlyMissingProjectsAsPrivate() {
    List<String> created = harbor("admin", "Harbor12345").ensure(List.of("citybrain", "library"));

    assertThat(created).containsExactly("citybrain");
    assertThat(calls).hasSize(3);
    assertThat(calls.get(0)).startsWith("HEAD /api/v2.0/projects?project_name=citybrain ");
    assertThat(calls.get(1))
        .startsWith("POST /api/v2.0/projects {")
        .contains("\"project_name\":\"citybrain\"")
        .contains("\"metadata\":{\"public\":\"false\"}");
    assertThat(calls.get(2)).startsWith("HEAD /api/v2.0/projects?project_name=library ");
    assertThat(harbor("admin", "Harbor12345").ensure(List.of("citybrain"))).isEmpty();
  }

  @Test
  void wrongCredentialsAndMissingRightsAreExplained() {
    assertThatThrownBy(() -> harbor("admin", "wrong").ensure(List.of("citybrain")))
        .hasMessageContaining("401")
        .hasMessageContaining("citybrain");
    postStatus = 403;
    assertThatThrownBy(() -> harbor("admin", "Harbor12345").ensure(List.of("citybrain")))
        .hasMessageContaining("403")
        .hasMessageContaining("may not create projects");
  }
}
