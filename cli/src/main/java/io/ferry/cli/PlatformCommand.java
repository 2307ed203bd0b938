package io.ferry.cli;

import io.ferry.cli.platform.RenderCommand;
import io.ferry.cli.platform.ValidateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry platform}: the platform spec and the deployer. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    description = {
      "Validate and render the platform spec; deploying it onto Kubernetes comes next.",
      "",
      "This build can validate and render without a cluster. diff, preflight, apply, history"
          + " and rollback are not in this build yet."
    },
    subcommands = {ValidateCommand.class, RenderCommand.class})
final class PlatformCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing a platform subcommand: validate or render.");
  }
}
