package io.ferry.cli;

import io.ferry.bundle.BundleWarmUp;
import io.ferry.cli.bundle.CreateCommand;
import io.ferry.cli.bundle.InspectCommand;
import io.ferry.cli.bundle.PushCommand;
import io.ferry.cli.bundle.ServeCommand;
import io.ferry.cli.bundle.VerifyCommand;
import io.ferry.cli.platform.ApplyCommand;
import io.ferry.cli.platform.DiffCommand;
import io.ferry.cli.platform.HistoryCommand;
import io.ferry.cli.platform.PreflightCommand;
import io.ferry.cli.platform.RenderCommand;
import io.ferry.cli.platform.RollbackCommand;
import io.ferry.cli.platform.ValidateCommand;
import io.ferry.cli.training.BundleTraining;
import io.ferry.oci.FerryVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    footer = {"", "Run 'ferry COMMAND --help' for what a command does."})
public final class Ferry implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs {@code ferry} with the given arguments and exits with its exit code. */
  public static void main(String[] args) {
    // Ferry's commands use no Groovy closures in their annotations; without this picocli looks up
    // groovy.lang.Closure, and the failed lookup opens every jar on the class path (~80 ms).
    System.setProperty("picocli.disable.closures", "true");
    JdkSelectorProvider.name(); // the same for the first socket channel's provider lookup
    if (args.length > 0 && args[0].equals("bundle")) {
      BundleWarmUp.start(); // on the other core while picocli reads the commands
    }
    int code = commandLine(List.of(args)).execute(args);
    if (code == 0 && Boolean.getBoolean("ferry.training.bundle")) {
      // The launcher's training start of the command-line archive: the bundle commands' classes,
      // after whatever command ran (the launcher runs --version). A failure here is logged and
      // costs only their share of the archive.
      BundleTraining.run(System.out);
    }
    System.exit(code);
  }

  /** Every command; the order is the order of usage help. */
  static final CommandTree COMMANDS =
      CommandTree.of(
          Ferry.class,
          CommandTree.of(
              BundleCommand.class,
              CommandTree.of(CreateCommand.class),
              CommandTree.of(VerifyCommand.class),
              CommandTree.of(InspectCommand.class),
              CommandTree.of(PushCommand.class),
              CommandTree.of(ServeCommand.class)),
          CommandTree.of(
              PlatformCommand.class,
              CommandTree.of(ValidateCommand.class),
              CommandTree.of(RenderCommand.class),
              CommandTree.of(DiffCommand.class),
              CommandTree.of(PreflightCommand.class),
              CommandTree.of(ApplyCommand.class),
              CommandTree.of(HistoryCommand.class),
              CommandTree.of(RollbackCommand.class)),
          CommandTree.of(ServerCommand.class));

  /** The configured command line with every command, for tests and the launcher's training. */
  public static CommandLine commandLine() {
    return commandLine(List.of());
  }

  /** The configured command line with the commands that {@code args} can run. */
  static CommandLine commandLine(List<String> args) {
    CommandLine commandLine = COMMANDS.build(args);
    withExitCodes(commandLine);
    commandLine.setExecutionExceptionHandler(new FailureReporter());
    commandLine.setParameterExceptionHandler(
        new UnknownOptionsFirst(commandLine.getParameterExceptionHandler()));
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command.");
  }

  /** What a command's exit code means, the same for every command: in each one's --help. */
  private static final Map<String, String> EXIT_CODES = exitCodes();

  private static Map<String, String> exitCodes() {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("0", "Done.");
    codes.put(
        "1",
        "Failed, or found problems (verify, validate, preflight), or options that do not go"
            + " together: the message says why.");
    codes.put(
        "2",
        "The command line could not be read: an unknown option, a missing or ill-formed value.");
    codes.put("130", "Interrupted (Ctrl-C); create and push say what was left behind.");
    codes.put("143", "Stopped (SIGTERM), as a service manager stops the server.");
    return codes;
  }

  /** Adds the exit codes section to the help of every command that runs (groups only list). */
  private static void withExitCodes(CommandLine line) {
    if (line.getSubcommands().isEmpty()) {
      line.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n");
      line.getCommandSpec().usageMessage().exitCodeList(EXIT_CODES);
    }
    line.getSubcommands().values().forEach(Ferry::withExitCodes);
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
