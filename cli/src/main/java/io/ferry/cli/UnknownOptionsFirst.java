package io.ferry.cli;

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
 * ones. Every other parse error goes to picocli's own handler.
 */
final class UnknownOptionsFirst implements IParameterExceptionHandler {

  private final IParameterExceptionHandler picocli;

  UnknownOptionsFirst(IParameterExceptionHandler picocli) {
    this.picocli = picocli;
  }

  @Override
  public int handleParseException(ParameterException exception, String[] args) throws Exception {
    if (exception instanceof MissingParameterException) {
      CommandLine command = exception.getCommandLine();
      List<String> unknown = unknownOptions(command.getCommandSpec(), args);
      if (!unknown.isEmpty()) {
        return picocli.handleParseException(new UnmatchedArgumentException(command, unknown), args);
      }
    }
    return picocli.handleParseException(exception, args);
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
