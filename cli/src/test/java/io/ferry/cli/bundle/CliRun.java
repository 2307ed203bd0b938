package io.ferry.cli.bundle;

import io.ferry.cli.Ferry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code ferry} in-process and keeps what it printed. */
final class CliRun {

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    CommandLine commandLine = Ferry.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /**
   * {@code ferry args} as a process of its own, with this test's class path: for what only a
   * separate process shows (a kill, a signal, its environment).
   */
  static ProcessBuilder process(String... args) {
    return process(List.of(), args);
  }

  /** As {@link #process(String...)}, with {@code jvmOptions} (a heap limit, say) for its JVM. */
  static ProcessBuilder process(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Ferry.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  /** Runs with {@code stdin} as standard input (for --password-stdin). */
  int runWithStdin(String stdin, String... args) {
    InputStream previous = RegistryOptions.stdin;
    RegistryOptions.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    try {
      return run(args);
    } finally {
      RegistryOptions.stdin = previous;
    }
  }
}
