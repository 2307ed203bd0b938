package io.ferry.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ImageRefTest {

  private static final String DIGEST =
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void appliesDockerDefaultsToAShortName() {
    ImageRef ref = ImageRef.parse("nginx");

    assertThat(ref.registry()).isEqualTo("docker.io");
    assertThat(ref.repository()).isEqualTo("library/nginx");
    assertThat(ref.tag()).isEqualTo("latest");
    assertThat(ref.digest()).isNull();
    assertThat(ref).hasToString("docker.io/library/nginx:latest");
  }

  @Test
  void keepsANamespaceOnDockerHub() {
    assertThat(ImageRef.parse("bitnami/redis:7.2").repository()).isEqualTo("bitnami/redis");
    assertThat(ImageRef.parse("index.docker.io/bitnami/redis").registry()).isEqualTo("docker.io");
  }

  @Test
  void parsesRegistryWithPortTagAndDigest() {
    ImageRef ref = ImageRef.parse("registry.local:5000/project/app:1.2@" + DIGEST);

    assertThat(ref.registry()).isEqualTo("registry.local:5000");
    assertThat(ref.repository()).isEqualTo("project/app");
    assertThat(ref.tag()).isEqualTo("1.2");
    assertThat(ref.digest()).isEqualTo(Digest.parse(DIGEST));
    assertThat(ref.reference()).isEqualTo(DIGEST);
    assertThat(ref).hasToString("registry.local:5000/project/app:1.2@" + DIGEST);
  }

  @Test
  void aDigestAloneMeansNoTag() {
    ImageRef ref = ImageRef.parse("localhost/app@" + DIGEST);

    assertThat(ref.registry()).isEqualTo("localhost");
    assertThat(ref.tag()).isNull();
  }

  @Test
  void parsesLoopbackAndIpv6Registries() {
    assertThat(ImageRef.parse("127.0.0.1:5000/a/b:c").registry()).isEqualTo("127.0.0.1:5000");
    assertThat(ImageRef.parse("[::1]:5000/a/b:c").registry()).isEqualTo("[::1]:5000");
  }

  @Test
  void rewritesRegistryAndRepositoryForTheSite() {
    ImageRef source = ImageRef.parse("quay.io/prometheus/node-exporter:v1.8.0");

    ImageRef target =
        source.withRegistry("dockerhub.kubekey.local").withRepository("ferry/node-exporter");

    assertThat(target).hasToString("dockerhub.kubekey.local/ferry/node-exporter:v1.8.0");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(() -> ImageRef.parse("registry.local/Project/App:-bad"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'registry.local/Project/App:-bad'")
        .hasMessageContaining("part 'Project'")
        .hasMessageContaining("tag was '-bad'");
    assertThatThrownBy(() -> ImageRef.parse("app@sha256:nothex"))
        .hasMessageContaining("64 lowercase hex characters");
    assertThatThrownBy(() -> ImageRef.parse(" ")).hasMessageContaining("must name a repository");
  }
}
