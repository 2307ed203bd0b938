package io.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.oci.FerryVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FerryTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Ferry.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheCommandGroups() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: ferry")
        .containsPattern("(?m)^\\s+bundle\\s")
        .containsPattern("(?m)^\\s+platform\\s")
        .containsPattern("(?m)^\\s+server\\s");
  }

  @Test
  void versionIsTheBuiltVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("ferry " + FerryVersion.get());
  }

  @Test
  void groupWithoutSubcommandExplainsItselfAndFails() {
    assertThat(run("bundle")).isEqualTo(2);
    assertThat(err.toString()).contains("No bundle subcommand").contains("Usage: ferry bundle");
    assertThat(run("platform")).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: ferry platform");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("server", "--prot", "1")).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("'--prot'");
  }

  @Test
  void aUsageErrorIsTheMessageAndWhereTheHelpIsNotTheWholeHelp() {
    assertThat(run("bundle", "push", "b.tar", "--paralel", "2")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Unknown options: '--paralel', '2'")
        .contains("--parallel") // picocli's suggestion
        .contains("Run 'ferry bundle push --help' for its options and exit codes.")
        .doesNotContain("Usage:");
  }

  @Test
  void everyCommandThatRunsExplainsItsExitCodes() {
    assertThat(run("bundle", "verify", "--help")).isZero();
    assertThat(out.toString())
        .contains("Exit codes:")
        .containsPattern("(?m)^\\s+0\\s+Done\\.")
        .containsPattern("(?m)^\\s+2\\s+The command line could not be read")
        .contains("130");
    out.getBuffer().setLength(0);
    assertThat(run("bundle", "--help")).isZero();
    assertThat(out.toString()).as("a group lists commands").doesNotContain("Exit codes:");
  }

  @Test
  void serverRejectsABadPortBeforeStartingAnything() {
    assertThat(run("server", "--port", "70000")).isEqualTo(1);
    assertThat(err.toString()).contains("port was '70000'");
  }

  @Test
  void bundleCreateTakesParallelFromOneTo64() {
    assertThat(run("bundle", "create", "--help")).isZero();
    assertThat(out.toString()).contains("--parallel=N").contains("blobs pulled, at once");
    assertThat(run("bundle", "create", "-f", "ferry.yaml", "-o", "b.tar", "--parallel", "0"))
        .as("a usage error")
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--parallel': 0 is not from 1 to 64");
    assertThat(run("bundle", "push", "b.tar", "--parallel", "65")).isEqualTo(2);
    assertThat(err.toString())
        .contains("Invalid value for option '--parallel': 65 is not from 1 to 64");
    assertThat(run("bundle", "push", "b.tar", "--parallel", "four")).isEqualTo(2);
    assertThat(err.toString()).contains("'four' is not a whole number from 1 to 64");
  }

  @Test
  void aCommandLineBuildsOnlyTheBranchItNames() {
    CommandLine push = Ferry.commandLine(List.of("bundle", "push", "b.tar"));
    assertThat(push.getSubcommands()).containsOnlyKeys("bundle");
    assertThat(push.getSubcommands().get("bundle").getSubcommands()).containsOnlyKeys("push");

    CommandLine bundle = Ferry.commandLine(List.of("bundle", "--help"));
    assertThat(bundle.getSubcommands().get("bundle").getSubcommands())
        .containsOnlyKeys("create", "verify", "inspect", "push", "serve");

    assertThat(Ferry.commandLine(List.of("--version")).getSubcommands())
        .containsOnlyKeys("bundle", "platform", "server");
    assertThat(Ferry.commandLine().getSubcommands().get("platform").getSubcommands())
        .containsOnlyKeys(
            "validate", "render", "diff", "preflight", "apply", "history", "rollback");
  }

  @Test
  void aMistypedCommandIsAnsweredWithTheCommandsOfItsLevel() {
    CommandLine commandLine = Ferry.commandLine(List.of("bundle", "psh"));
    commandLine.setErr(new PrintWriter(err, true));
    assertThat(commandLine.execute("bundle", "psh")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument").contains("'psh'").contains("push");
  }

  @Test
  void bundleAndPlatformCommandsStartNoSpring(@TempDir Path tmp) throws Exception {
    for (String group : List.of("bundle", "platform")) {
      Path classLog = tmp.resolve(group + ".log");
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-verbose:class",
                  "-cp",
                  System.getProperty("java.class.path"),
                  Ferry.class.getName(),
                  group,
                  "--help")
              .redirectErrorStream(true)
              .redirectOutput(classLog.toFile())
              .start();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      String loaded = Files.readString(classLog, StandardCharsets.UTF_8);
      assertThat(loaded).contains("Usage: ferry " + group).contains(Ferry.class.getName());
      assertThat(loaded.lines().filter(line -> line.contains("org.springframework")))
          .as("Spring classes loaded by 'ferry %s --help'", group)
          .isEmpty();
    }
    // The check above means something only if Spring is on the class path it ran with.
    assertThat(System.getProperty("java.class.path")).contains("spring-context");
  }
}
