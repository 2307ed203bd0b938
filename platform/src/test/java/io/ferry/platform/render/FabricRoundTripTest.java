package io.ferry.platform.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import org.junit.jupiter.api.Test;

/**
 * The round-trip check must itself catch what it claims to, or the renderer tests prove nothing.
 */
class FabricRoundTripTest {

  @Test
  void misspeltFieldDeepInAnObjectIsRejected() {
    String document =
        """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: web}
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: web
                  image: web:1
                  imagePullPolicyy: IfNotPresent
        """;
    assertThatThrownBy(() -> FabricRoundTrip.read(document, "StatefulSet"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("unknown fields")
        .hasMessageContaining("imagePullPolicyy");
  }

  @Test
  void wellFormedObjectIsRead() {
    assertThat(
            FabricRoundTrip.read(
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\n", "StatefulSet"))
        .isInstanceOf(StatefulSet.class);
  }
}
