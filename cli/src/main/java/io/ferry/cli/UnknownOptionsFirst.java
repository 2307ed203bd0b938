package io.ferry.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli checks required options before it looks at arguments it did not recognise, so {@code
 * ferry bundle create --fiel ferry.yaml} said only that {@code --file} is missing. A misspelled
 * option is the likelier mistake: this reports it, with picocli's suggestions, before the missing
 * ones.
 *
 * <p>For a command that runs (not a group of commands), a parse error is the message, picocli's
 * suggestions and where the options are explained, not the whole help page, which pushed the
 * message off the screen. A group still shows its help: the list of its commands is the answer.
 */
final class UnknownOptionsFirst implements IParameterExceptionHandler {

  private final IParameterExceptionHandler picocli;

  UnknownOptionsFirst(IParameterExceptionHandler picocli) {
    this.picocli = picocli;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) throws Exception {
    ParameterException reported = exception;
    if (exception instanceof MissingParameterException) {
      CommandLine command = exception.getCommandLine();
      List<String> unknown = unknownOptions(command.getCommandSpec(), args);
      if (!unknown.isEmpty()) {
        reported = new UnmatchedArgumentException(command, unknown);
      }
    }
    CommandLine command = reported.getCommandLine();
    if (!command.getSubcommands().isEmpty()) {
      return picocli.handleParseException(reported, args);
    }
    PrintWriter err = command.getErr();
    err.println(command.getColorScheme().errorText(reported.getMessage()));
    UnmatchedArgumentException.printSuggestions(reported, err);
    err.println(
        "Run '"
            + command.getCommandSpec().qualifiedName()
            + " --help' for its options and exit codes.");
    err.flush();
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Arguments that look like options but are none of the command's or its parents'. */
  private static List<String> unknownOptions(CommandSpec command, String[] args) {
    List<String> unknown = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--")) {
        break;
      }
      if (arg.length() < 2 || !arg.startsWith("-") || Character.isDigit(arg.charAt(1))) {
        continue; // a value, a lone '-' or a negative number
      }
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      // -fferry.yaml is -f with its value attached, -hV two short options together.
      boolean attached = !arg.startsWith("--") && isOption(command, arg.substring(0, 2));
      if (!attached && !isOption(command, name)) {
        unknown.add(arg);
      }
    }
    return unknown;
  }

  private static boolean isOption(CommandSpec command, String name) {
    for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
      if (spec.findOption(name) != null) {
        return true;
      }
    }
    return false;
  }
}
