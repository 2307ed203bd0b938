package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry platform}: the platform spec and the deployer. */
@Command(
    name = "platform",
    mixinStandardHelpOptions = true,
    description = {
      "Validate and render the platform spec, and deploy it onto Kubernetes.",
      "",
      "validate and render need no cluster. diff, preflight, apply, history and rollback talk"
          + " to the cluster of --kubeconfig/--context (default: KUBECONFIG, ~/.kube/config,"
          + " in-cluster)."
    })
final class PlatformCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "Missing a platform subcommand: validate, render, diff, preflight, apply, history or"
            + " rollback.");
  }
}
