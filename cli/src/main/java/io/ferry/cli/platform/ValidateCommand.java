package io.ferry.cli.platform;

import io.ferry.platform.PlatformException;
import io.ferry.platform.Problem;
import io.ferry.platform.spec.PlatformSpec;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry platform validate}: every problem of the spec and values, or that it is valid. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check the platform spec and site values without a cluster.",
      "",
      "Prints every problem as FILE:LINE: PATH: MESSAGE and exits 1, or prints a one-line"
          + " summary and exits 0."
    })
public final class ValidateCommand implements Callable<Integer> {

  @Mixin SpecOptions options;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PlatformSpec spec;
    try {
      spec = options.load();
    } catch (PlatformException e) {
      if (e.problems().isEmpty()) {
        throw e; // unreadable input: the failure reporter says why
      }
      PrintWriter err = command.commandLine().getErr();
      for (Problem problem : e.problems()) {
        err.println(problem);
      }
      err.println(
          options.describe()
              + ": "
              + e.problems().size()
              + (e.problems().size() == 1 ? " problem" : " problems"));
      return 1;
    }
    command
        .commandLine()
        .getOut()
        .println(
            options.describe()
                + ": valid ("
                + count(spec.services().size(), "service")
                + ", "
                + spec.external().size()
                + " external)");
    return 0;
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
