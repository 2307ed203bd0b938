package io.ferry.platform.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

  @Test
  void dependenciesComeFirstAndTiesGoByName() {
    assertThat(
            DependencyOrder.of(
                Map.of(
                    "web", List.of("api", "cache"),
                    "api", List.of("db"),
                    "db", List.of(),
                    "cache", List.of(),
                    "admin", List.of())))
        .containsExactly("admin", "cache", "db", "api", "web");
  }

  @Test
  void cycleIsNamedAlongItsPath() {
    Map<String, List<String>> graph =
        Map.of("a", List.of("b"), "b", List.of("c"), "c", List.of("a"), "d", List.of());
    assertThat(DependencyOrder.findCycle(graph)).contains(List.of("a", "b", "c", "a"));
    assertThatThrownBy(() -> DependencyOrder.of(graph)).hasMessageContaining("a -> b -> c -> a");
  }

  @Test
  void suggestionFindsTypos() {
    assertThat(Suggestions.closest("replcas", SpecReader.SERVICE_KEYS)).contains("replicas");
    assertThat(Suggestions.closest("zzzzzz", SpecReader.SERVICE_KEYS)).isEmpty();
  }
}
