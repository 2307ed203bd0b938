package io.ferry.platform.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.ferry.platform.apply.ServerSideApplier;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockClusterTest {

  @Test
  void serverSideApplyCreatesThenMergesIntoTheStoredObject() {
    try (MockCluster cluster = new MockCluster()) {
      ServerSideApplier applier = new ServerSideApplier(cluster.client(), false, false);
      applier.apply(
          new NamespaceBuilder()
              .withNewMetadata()
              .withName("a")
              .withLabels(Map.of("x", "1"))
              .endMetadata()
              .build());
      applier.apply(
          new NamespaceBuilder()
              .withNewMetadata()
              .withName("a")
              .withLabels(Map.of("x", "2"))
              .endMetadata()
              .build());

      assertThat(cluster.client().namespaces().withName("a").get().getMetadata().getLabels())
          .containsEntry("x", "2");
      assertThat(cluster.applies()).hasSize(2);
    }
  }
}
