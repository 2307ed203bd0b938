package io.ferry.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  private final CliRun cli = new CliRun();

  @Test
  void seedExampleIsValid() {
    assertThat(cli.run("platform", "validate", "-f", SeedExample.spec().toString())).isZero();
    assertThat(cli.out.toString().strip())
        .isEqualTo(SeedExample.spec() + ": valid (2 services, 1 external)");
  }

  @Test
  void seedExampleWithSiteValuesIsValid() {
    assertThat(
            cli.run(
                "platform",
                "validate",
                "-f",
                SeedExample.spec().toString(),
                "--values",
                SeedExample.siteValues().toString()))
        .isZero();
    assertThat(cli.out.toString())
        .contains("with " + SeedExample.siteValues() + ": valid (2 services, 1 external)");
  }

  @Test
  void everyProblemIsPrintedWithFileLineAndPathAndExitIsOne(@TempDir Path tmp) throws IOException {
    Path spec = tmp.resolve("ferry.yaml");
    Files.writeString(
        spec,
        Files.readString(SeedExample.spec())
            .replace("replicas: 2 ", "replcas: 2 ")
            .replace("http-8080: 8080", "http-8080: 80800"));
    assertThat(cli.run("platform", "validate", "-f", spec.toString())).isEqualTo(1);
    assertThat(cli.err.toString())
        .contains(
            spec
                + ":18: spec.services.gatekeeper.replcas: unknown key 'replcas'; did you mean"
                + " 'replicas'?")
        .contains(
            spec
                + ":21: spec.services.gatekeeper.ports.http-8080: http-8080 was '80800' but it must"
                + " be a port, 1 to 65535")
        .contains(spec + ": 3 problems");
    assertThat(cli.out.toString()).isEmpty();
  }

  @Test
  void missingFileIsAClearError(@TempDir Path tmp) {
    assertThat(cli.run("platform", "validate", "-f", tmp.resolve("nope.yaml").toString()))
        .isEqualTo(1);
    assertThat(cli.err.toString()).contains("nope.yaml").contains("no such file");
  }

  @Test
  void fileOptionIsRequired() {
    assertThat(cli.run("platform", "validate")).isEqualTo(2);
    assertThat(cli.err.toString()).contains("Missing required option: '--file=FILE'");
  }

  @Test
  void platformHelpListsEveryCommand() {
    assertThat(cli.run("platform", "--help")).isZero();
    for (String command :
        new String[] {"validate", "render", "diff", "preflight", "apply", "history", "rollback"}) {
      assertThat(cli.out.toString()).containsPattern("(?m)^\\s+" + command + "\\s");
    }
    assertThat(cli.out.toString()).doesNotContain("not in this build yet");
  }
}
