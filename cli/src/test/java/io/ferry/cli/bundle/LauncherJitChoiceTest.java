package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The launcher ({@code ./ferry}) runs a bundle push on the client compiler alone when it goes over
 * plain HTTP, and keeps C2 for TLS, where AES-GCM needs it. It decides from the arguments, in bash,
 * before the JVM starts: this checks its decision against the scheme the push command itself picks
 * from the same arguments, so the two rules cannot drift apart, and that the JVM takes the options
 * it gives for each kind of command without a word on standard output.
 */
class LauncherJitChoiceTest {

  private static final Path LAUNCHER = Path.of("..", "ferry").toAbsolutePath().normalize();

  static Stream<Arguments> pushes() {
    return Stream.of(
        Arguments.of(List.of("--registry", "127.0.0.1:5000")),
        Arguments.of(List.of("--registry=127.0.0.1:5000")),
        Arguments.of(List.of("--registry", "127.1.2.3")),
        Arguments.of(List.of("--registry", "localhost:5000")),
        Arguments.of(List.of("--registry", "LocalHost")),
        Arguments.of(List.of("--registry", "[::1]:5000")),
        Arguments.of(List.of("--registry", "127.0.0.256:5000")),
        Arguments.of(List.of("--registry", "127.0.0:5000")),
        Arguments.of(List.of("--registry", "registry.site.local:443")),
        Arguments.of(List.of("--registry", "10.0.0.5:5000")),
        Arguments.of(List.of("--registry", "10.0.0.5:5000", "--plain-http")),
        Arguments.of(List.of("--plain-http", "--registry", "registry.site.local")),
        Arguments.of(List.of("--registry", "127.0.0.1:5000", "--ca-file", "ca.pem")),
        Arguments.of(List.of("--registry", "127.0.0.1:5000", "--ca-file=ca.pem")),
        Arguments.of(List.of("--registry", "localhost", "--insecure-skip-tls-verify")),
        Arguments.of(List.of("--project", "127.0.0.1", "--registry", "registry.site.local")),
        Arguments.of(List.of("--parallel", "8", "--registry", "127.0.0.1:5000", "--harbor")));
  }

  @ParameterizedTest
  @MethodSource("pushes")
  void runsWithoutC2ExactlyWhenThePushSpeaksPlainHttp(List<String> options) throws Exception {
    List<String> args = new ArrayList<>(List.of("bundle.tar"));
    args.addAll(options);
    PushCommand push = new PushCommand();
    new CommandLine(push).parseArgs(args.toArray(String[]::new));
    String scheme = push.registry.transport().schemeFor(push.registryHost);

    assertThat(launcherSaysPlainHttp(args))
        .as(
            "the launcher's choice for 'ferry bundle push %s' (the command speaks %s)",
            args, scheme)
        .isEqualTo(scheme.equals("http"));
  }

  @ParameterizedTest
  @MethodSource("pushes")
  void keepsC2ForEveryOtherCommand(List<String> options) throws Exception {
    List<String> args = new ArrayList<>(List.of("-f", "ferry.yaml", "-o", "b.tar"));
    args.addAll(options);

    assertThat(launcherSaysPlainHttp("create", args)).isFalse();
  }

  @Test
  void keepsC2WhenTheRegistryComesFromTheBundle() throws Exception {
    // the host is then in the bundle's index, which the launcher does not read
    assertThat(launcherSaysPlainHttp(List.of("bundle.tar", "--project", "apps"))).isFalse();
  }

  /**
   * The options the launcher gives the JVM for a command are ones this JVM accepts, and they print
   * nothing on standard output, where {@code --json} and the summaries go (a mistyped
   * CompileCommand is reported there, and the JVM runs on without it).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "bundle create -f ferry.yaml -o b.tar",
        "bundle push b.tar --registry registry.site.local",
        "bundle push b.tar --registry 127.0.0.1:5000",
        "bundle inspect b.tar --json",
        "--version"
      })
  void givesTheJvmOptionsItAcceptsWithoutPrintingAnything(String commandLine) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> args = new ArrayList<>(List.of(java));
    args.addAll(List.of(commandLine.split(" ")));

    Run run =
        launcher(
            "jit_options \"${@:2}\"; echo \"options: ${jit[*]}\" >&2;"
                + " exec \"$1\" ${jit[@]+\"${jit[@]}\"} -version",
            args);

    assertThat(run.stderr()).contains("options: ").contains("version \"");
    assertThat(run.stdout())
        .as("standard output of java -version with the launcher's options")
        .isEmpty();
    assertThat(run.exit()).as("exit code; standard error: %s", run.stderr()).isZero();
  }

  private static boolean launcherSaysPlainHttp(List<String> pushArgs) throws Exception {
    return launcherSaysPlainHttp("push", pushArgs);
  }

  /** Runs the launcher's {@code plain_http_push} function on {@code ferry bundle SUB ARGS}. */
  private static boolean launcherSaysPlainHttp(String subcommand, List<String> args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("bundle", subcommand));
    all.addAll(args);
    Run run = launcher("plain_http_push \"$@\"", all);
    assertThat(run.stdout() + run.stderr()).as("what bash printed").isEmpty();
    assertThat(run.exit()).as("exit code (0 plain, 1 not)").isIn(0, 1);
    return run.exit() == 0;
  }

  /** What a bash script printed and its exit code. */
  private record Run(int exit, String stdout, String stderr) {}

  /**
   * Runs {@code script} in bash with {@code args} as its arguments, after defining the launcher's
   * {@code plain_http_push} and {@code jit_options} functions taken from the launcher itself.
   */
  private static Run launcher(String script, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "eval \"$(sed -n '/^plain_http_push() {/,/^}/p;/^jit_options() {/,/^}/p' \"$0\")\"; "
                    + script,
                LAUNCHER.toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).start();
    CompletableFuture<String> stderr =
        CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
    String stdout = readAll(process.getInputStream());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bash ended").isTrue();
    return new Run(process.exitValue(), stdout, stderr.get());
  }

  private static String readAll(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
