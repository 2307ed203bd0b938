package io.ferry.cli;

import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Ferry's commands as a tree, built into picocli's {@link CommandLine} for one invocation.
 *
 * <p>picocli creates every command object and reads all of its annotations when a command line is
 * built, in the interpreter since nothing is compiled that early. Arguments name one branch, so
 * {@link #build} builds the subcommand the next argument names and only that ({@code ferry bundle
 * push} has read its command line at 0.36 s instead of 0.48 s); where the next argument names none
 * ({@code ferry bundle --help}, a mistyped name) the whole level is built, so usage help and
 * picocli's suggestions list every command. A command's name is its {@link Command#name}.
 */
record CommandTree(Class<?> command, List<CommandTree> subcommands) {

  static CommandTree of(Class<?> command, CommandTree... subcommands) {
    return new CommandTree(command, List.of(subcommands));
  }

  /** The name the command line calls this command by. */
  String name() {
    Command annotation = command.getAnnotation(Command.class);
    if (annotation == null) {
      throw new IllegalStateException(command.getName() + " is not annotated with @Command");
    }
    return annotation.name();
  }

  /** Builds this command and, below it, the branch that {@code args} names or every branch. */
  CommandLine build(List<String> args) {
    CommandLine line = new CommandLine(command);
    CommandTree named = args.isEmpty() ? null : subcommand(args.get(0));
    if (named != null) {
      line.addSubcommand(named.name(), named.build(args.subList(1, args.size())));
    } else {
      for (CommandTree subcommand : subcommands) {
        line.addSubcommand(subcommand.name(), subcommand.build(List.of()));
      }
    }
    return line;
  }

  private @Nullable CommandTree subcommand(String name) {
    for (CommandTree subcommand : subcommands) {
      if (subcommand.name().equals(name)) {
        return subcommand;
      }
    }
    return null;
  }
}
