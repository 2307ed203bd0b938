package io.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry bundle}: the offline bundle. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Build, check and import the signed offline bundle that crosses the one-way gateway.",
      "",
      "A bundle is one file holding every image of a release (as an OCI image layout), the"
          + " platform spec, site values and monitoring rules, described by a signed index."
    })
final class BundleCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "No bundle subcommand given: create, verify, inspect, push or serve.");
  }
}
