package io.ferry.platform.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SiteRegistryTest {

  private final SiteRegistry site = new SiteRegistry("dockerhub.kubekey.local", "project");

  @Test
  void keepsTheLastPathElementAndTheTag() {
    assertThat(site.rewrite("registry.vendor.example/project1/abc-service:1.4.0"))
        .isEqualTo("dockerhub.kubekey.local/project/abc-service:1.4.0");
  }

  @Test
  void keepsTheDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    assertThat(site.rewrite("vendor.example:5000/a/b/web:1@" + digest))
        .isEqualTo("dockerhub.kubekey.local/project/web:1@" + digest);
    assertThat(site.rewrite("web@" + digest))
        .isEqualTo("dockerhub.kubekey.local/project/web@" + digest);
  }

  @Test
  void withoutAProjectTheImageSitsAtTheTopOfTheRegistry() {
    assertThat(new SiteRegistry("registry.site:5000", "").rewrite("vendor.example/a/web:1"))
        .isEqualTo("registry.site:5000/web:1");
  }

  @Test
  void registryPortIsNotMistakenForATag() {
    ImageReference reference = ImageReference.parse("localhost:5000/web");
    assertThat(reference.tag()).isEmpty();
    assertThat(reference.name()).isEqualTo("web");
    assertThat(reference.isPinned()).isFalse();
  }

  @Test
  void rejectsReferencesThatAreNotImages() {
    assertThatThrownBy(() -> site.rewrite("vendor.example/Web:1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Web'");
    assertThatThrownBy(() -> site.rewrite("web:1@sha256:short"))
        .hasMessageContaining("digest 'sha256:short'");
    assertThatThrownBy(() -> site.rewrite("web:-bad")).hasMessageContaining("tag '-bad'");
  }
}
