package io.ferry.testkit.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.Poll;
import io.ferry.testkit.alertmanager.Alertmanager;
import io.ferry.testkit.http.RecordedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrometheusAlertsToAlertmanagerTest {

  @RegisterExtension
  @Order(1)
  static final Alertmanager alertmanager = Alertmanager.withWebhookRecorder();

  @RegisterExtension
  @Order(2)
  static final Prometheus prometheus =
      Prometheus.builder()
          .alertmanager(alertmanager::hostAndPort)
          .ruleFile(
              "always.yml",
              """
              groups:
                - name: ferry-always
                  rules:
                    - alert: FerryAlwaysFiring
                      expr: vector(1)
                      labels:
                        severity: critical
              """)
          .build();

  @Test
  void firingRuleReachesTheWebhookThroughAlertmanager() {
    List<RecordedRequest> delivered =
        Poll.until(
            "FerryAlwaysFiring to reach the webhook",
            Duration.ofSeconds(30),
            150,
            Duration.ofMillis(200),
            () -> alertmanager.webhook().orElseThrow().requests(),
            requests ->
                requests.stream().anyMatch(r -> r.bodyText().contains("FerryAlwaysFiring")));

    assertThat(delivered)
        .anySatisfy(
            request ->
                assertThat(request.bodyText())
                    .contains("\"alertname\":\"FerryAlwaysFiring\"")
                    .contains("\"severity\":\"critical\""));
  }
}
