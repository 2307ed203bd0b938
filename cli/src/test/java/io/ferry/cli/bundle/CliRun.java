package io.ferry.cli.bundle;

import io.ferry.cli.Ferry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
