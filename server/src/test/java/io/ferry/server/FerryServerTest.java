package io.ferry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.FerryVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

class FerryServerTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path dataDir;

  @Test
  void answersHealthMetricsAndHomePage() throws Exception {
    try (ConfigurableApplicationContext server = start()) {
      String base = baseUrl(server);

      HttpResponse<String> health = get(base + "/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");

      HttpResponse<String> home = get(base + "/");
      assertThat(home.statusCode()).isEqualTo(200);
      assertThat(home.body()).contains("<title>Ferry " + FerryVersion.get() + "</title>");

      HttpResponse<String> metrics = get(base + "/actuator/prometheus");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.body())
          .contains("jvm_memory_used_bytes")
          .contains("http_server_requests_seconds_count")
          .contains("hikaricp_connections");
    }
  }

  @Test
  void keepsItsDataAcrossARestart() throws Exception {
    String firstId;
    try (ConfigurableApplicationContext server = start()) {
      String page = get(baseUrl(server) + "/").body();
      firstId = field(page, "installation-id");
      assertThat(field(page, "installation-starts")).isEqualTo("1");
    }
    assertThat(dataDir.resolve("ferry.mv.db")).exists();

    try (ConfigurableApplicationContext server = start()) {
      String page = get(baseUrl(server) + "/").body();
      assertThat(field(page, "installation-id")).isEqualTo(firstId);
      assertThat(field(page, "installation-starts")).isEqualTo("2");
    }
  }

  @Test
  void rejectsEveryBadOptionAtOnce() {
    assertThatThrownBy(() -> new ServerOptions("no such host.invalid", 70000, dataDir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port was '70000'")
        .hasMessageContaining("listen was 'no such host.invalid'");
  }

  private ConfigurableApplicationContext start() {
    return FerryServer.start(new ServerOptions("127.0.0.1", 0, dataDir));
  }

  private static String baseUrl(ConfigurableApplicationContext server) {
    return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(String page, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(page);
    assertThat(m.find()).as("page has element #%s", id).isTrue();
    return m.group(1);
  }
}
