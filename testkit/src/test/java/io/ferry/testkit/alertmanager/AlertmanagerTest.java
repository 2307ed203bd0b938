package io.ferry.testkit.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Poll;
import io.ferry.testkit.http.RecordedRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AlertmanagerTest {

  @RegisterExtension static final Alertmanager alertmanager = Alertmanager.withWebhookRecorder();

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void postedAlertIsListedAndSentToTheWebhook() throws Exception {
    String alert =
        """
        [{"labels":{"alertname":"FerryDiskFull","severity":"critical","instance":"node-1"},
          "annotations":{"summary":"disk almost full"},
          "startsAt":"%s"}]
        """
            .formatted(Instant.now());

    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(alertmanager.baseUri().resolve("/api/v2/alerts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alert))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> listed =
        http.send(
            HttpRequest.newBuilder(alertmanager.baseUri().resolve("/api/v2/alerts")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    List<RecordedRequest> delivered =
        Poll.until(
            "Alertmanager to call the webhook",
            Duration.ofSeconds(20),
            100,
            Duration.ofMillis(200),
            () -> alertmanager.webhook().orElseThrow().requests(),
            requests -> !requests.isEmpty());

    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body())
        .contains("\"alertname\":\"FerryDiskFull\"")
        .contains("\"summary\":\"disk almost full\"");
    assertThat(delivered.get(0).method()).isEqualTo("POST");
    assertThat(delivered.get(0).path()).isEqualTo("/alerts");
    assertThat(delivered.get(0).bodyText()).contains("FerryDiskFull").contains("\"firing\"");
  }
}
