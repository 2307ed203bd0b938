package io.ferry.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

  private final CliRun cli = new CliRun();

  @Test
  void rendersTheSeedToStandardOutput() {
    assertThat(cli.run("platform", "render", "-f", SeedExample.spec().toString())).isZero();
    assertThat(cli.out.toString())
        .startsWith("---\napiVersion: v1\nkind: Namespace\n")
        .contains("kind: StatefulSet")
        .contains("image: dockerhub.kubekey.local/project/gatekeeper:v362")
        .contains("host: gatekeeper.project.10.86.67.11.nip.io");
    assertThat(cli.out.toString().split("(?m)^---$")).hasSize(11);
  }

  @Test
  void siteValuesChangeTheRenderedImagesAndHosts() {
    assertThat(
            cli.run(
                "platform",
                "render",
                "-f",
                SeedExample.spec().toString(),
                "--values",
                SeedExample.siteValues().toString()))
        .isZero();
    assertThat(cli.out.toString())
        .contains("image: harbor.hz.internal/citybrain/gatekeeper:v362")
        .contains("host: gatekeeper.project.apps.hz.internal")
        .contains("replicas: 3");
  }

  @Test
  void writesOneFilePerObjectAndRemovesStaleOnes(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("out/manifests");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("42-deployment-old.yaml"), "stale");
    Files.writeString(dir.resolve("README.txt"), "mine");

    assertThat(
            cli.run(
                "platform", "render", "-f", SeedExample.spec().toString(), "-o", dir.toString()))
        .isZero();

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactly(
              "00-namespace-project.yaml",
              "01-service-redis-cluster.yaml",
              "02-endpoints-redis-cluster.yaml",
              "03-service-abc-service-headless.yaml",
              "04-service-abc-service.yaml",
              "05-statefulset-abc-service.yaml",
              "06-service-gatekeeper-headless.yaml",
              "07-service-gatekeeper.yaml",
              "08-statefulset-gatekeeper.yaml",
              "09-ingress-gatekeeper.yaml",
              "README.txt");
    }
    assertThat(Files.readString(dir.resolve("08-statefulset-gatekeeper.yaml")))
        .startsWith("apiVersion: apps/v1\nkind: StatefulSet\n")
        .contains("storage: 10Gi");
    assertThat(cli.out.toString()).contains("Rendered 10 objects into " + dir);
  }

  @Test
  void invalidSpecRendersNothingAndFails(@TempDir Path tmp) throws IOException {
    Path spec = tmp.resolve("ferry.yaml");
    Files.writeString(spec, Files.readString(SeedExample.spec()).replace("10Gi", "10 gigs"));
    Path dir = tmp.resolve("out");
    assertThat(cli.run("platform", "render", "-f", spec.toString(), "-o", dir.toString()))
        .isEqualTo(1);
    assertThat(cli.err.toString())
        .contains(spec + ":31: spec.services.gatekeeper.volumes.vol-data.size: size was '10 gigs'");
    assertThat(dir).doesNotExist();
  }

  @Test
  void outputDirThatIsAFileIsAUsageError(@TempDir Path tmp) throws IOException {
    Path file = Files.writeString(tmp.resolve("taken"), "x");
    assertThat(
            cli.run(
                "platform", "render", "-f", SeedExample.spec().toString(), "-o", file.toString()))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("--output-dir " + file + " is a file");
    assertThat(Files.readString(file)).isEqualTo("x");
  }
}
