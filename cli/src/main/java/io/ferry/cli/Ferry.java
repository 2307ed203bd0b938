package io.ferry.cli;

import io.ferry.bundle.BundleWarmUp;
import io.ferry.cli.training.BundleTraining;
import io.ferry.oci.FerryVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** The {@code ferry} command: the one entry point of the executable jar. */
@Command(
    name = "ferry",
    mixinStandardHelpOptions = true,
    versionProvider = Ferry.Version.class,
    description = {
      "Delivers a multi-service platform into air-gapped private clouds and keeps it running"
          + " there.",
      ""
    },
    subcommands = {BundleCommand.class, PlatformCommand.class, ServerCommand.class},
    footer = {"", "Run 'ferry COMMAND --help' for what a command does."})
public final class Ferry implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code ferry} with the given arguments and exits with its exit code. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("bundle")) {
      BundleWarmUp.start(); // on the other core while picocli reads the commands
    }
    int code = commandLine().execute(args);
    if (code == 0 && Boolean.getBoolean("ferry.training.bundle")) {
      // The launcher's training start of the command-line archive: the bundle commands' classes,
      // after whatever command ran (the launcher runs --version). A failure here is logged and
      // costs only their share of the archive.
      BundleTraining.run(System.out);
    }
    System.exit(code);
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new Ferry());
    commandLine.setExecutionExceptionHandler(new FailureReporter());
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** Prints the version stamped by the build and the Java runtime it runs on. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "ferry " + FerryVersion.get(),
        "Java "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")"
      };
    }
  }
}
