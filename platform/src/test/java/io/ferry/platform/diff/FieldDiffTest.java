package io.ferry.platform.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldDiffTest {

  @Test
  void onlyTheDesiredObjectsFieldsCount() {
    Map<String, Object> desired =
        Map.of("spec", Map.of("replicas", 2, "ports", List.of(Map.of("port", 8080))));
    Map<String, Object> live =
        Map.of(
            "spec",
            Map.of(
                "replicas",
                2,
                "ports",
                List.of(Map.of("port", 8080, "protocol", "TCP")),
                "clusterIP",
                "10.0.0.1"),
            "status",
            Map.of("ready", 1));

    assertThat(FieldDiff.changedPaths(desired, live)).isEmpty();
  }

  @Test
  void changedMissingAndResizedFieldsAreReportedByPath() {
    Map<String, Object> desired =
        Map.of(
            "metadata", Map.of("labels", Map.of("v", "2")),
            "spec",
                Map.of("replicas", 3, "ports", List.of(Map.of("port", 80), Map.of("port", 81))));
    Map<String, Object> live =
        Map.of(
            "metadata", Map.of("labels", Map.of("v", "1")),
            "spec", Map.of("replicas", "3", "ports", List.of(Map.of("port", 80))));

    assertThat(FieldDiff.changedPaths(desired, live))
        .containsExactlyInAnyOrder("metadata.labels.v", "spec.ports");
  }
}
