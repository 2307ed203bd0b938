package io.ferry.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.testkit.Poll;
import io.ferry.testkit.TestkitException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusTest {

  private static final String RULES =
      """
      groups:
        - name: ferry-testkit-rules
          rules:
            - alert: FerryAlwaysFiring
              expr: vector(1)
              labels:
                severity: warning
            - record: ferry:up:sum
              expr: sum(up)
      """;

  @RegisterExtension
  static final Prometheus prometheus =
      Prometheus.builder().ruleFile("ferry-rules.yml", RULES).build();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void selfScrapeMakesUpEqualOne() {
    Pattern upIsOne =
        Pattern.compile("\"job\":\"prometheus\".*\"value\":\\[[0-9.]+,\"1\"\\]", Pattern.DOTALL);

    String body =
        Poll.until(
            "Prometheus to report up == 1 for its own job",
            Duration.ofSeconds(30),
            60,
            Duration.ofMillis(500),
            () -> get(prometheus.queryUri("up")),
            result -> upIsOne.matcher(result).find());

    assertThat(body).contains("\"status\":\"success\"").contains("\"__name__\":\"up\"");
  }

  @Test
  void ruleFileGivenByTheTestIsLoaded() throws Exception {
    String rules = get(prometheus.baseUri().resolve("/api/v1/rules"));

    assertThat(rules)
        .contains("\"name\":\"ferry-testkit-rules\"")
        .contains("\"name\":\"FerryAlwaysFiring\"")
        .contains("\"name\":\"ferry:up:sum\"");
  }

  @Test
  void ruleFileAddedLaterIsLoadedByReload() throws Exception {
    prometheus.putRuleFile(
        "later.yaml",
        """
        groups:
          - name: ferry-added-later
            rules:
              - record: ferry:one
                expr: vector(1)
        """);

    prometheus.reload();

    assertThat(get(prometheus.baseUri().resolve("/api/v1/rules")))
        .contains("\"name\":\"ferry-added-later\"");
  }

  @Test
  void invalidRuleFileMakesReloadFailWithPrometheusReason() {
    prometheus.putRuleFile("broken.yml", "groups: [{name: x, rules: [{record: r, expr: 'sum('}]}]");

    try {
      assertThatThrownBy(prometheus::reload)
          .isInstanceOf(TestkitException.class)
          .hasMessageContaining("/-/reload")
          .hasMessageContaining("500");
    } finally {
      prometheus.putRuleFile("broken.yml", "groups: []");
      prometheus.reload();
    }
  }

  @Test
  void ruleFileNamesThatGlobsWouldMissAreRejected() {
    assertThatThrownBy(() -> Prometheus.builder().ruleFile("rules.txt", "groups: []").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rule file name was 'rules.txt'");
  }

  @Test
  void listensOnLoopbackOnly() {
    assertThat(prometheus.baseUri().getHost()).isEqualTo("127.0.0.1");
  }

  private String get(URI uri) throws Exception {
    HttpResponse<String> response =
        http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
