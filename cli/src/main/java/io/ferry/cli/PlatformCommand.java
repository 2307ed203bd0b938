package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry platform}: the platform spec and the deployer. Subcommands arrive with them. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    description = {
      "Validate and render the platform spec, and deploy it onto Kubernetes with real rollouts.",
      "",
      "This build of Ferry has no platform subcommands yet: validate, render, diff, preflight,"
          + " apply, history and rollback are being built."
    })
final class PlatformCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "No platform subcommand is available in this build yet.");
  }
}
