package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.ApplyOptions;
import io.ferry.platform.apply.ApplyOutcome;
import io.ferry.platform.apply.PlatformApplier;
import io.ferry.platform.apply.PlatformRollback;
import io.ferry.platform.cluster.KubeClients;
import io.ferry.platform.spec.PlatformSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry platform rollback}: re-apply a recorded revision. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description = {
      "Re-apply a recorded revision's objects (default: the deployed revision before the"
          + " current one), wait for the rollouts, and record a new revision.",
      "",
      "The spec file names the platform and namespace; its services are not used."
    })
public final class RollbackCommand implements Callable<Integer> {

  @Mixin SpecOptions options;

  @Mixin ClusterOptions cluster;

  @Option(names = "--to", paramLabel = "REV", description = "The revision to roll back to.")
  Integer to;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description = "How long each workload may take to roll out (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--atomic", description = "If the rollback fails, put back what it changed.")
  boolean atomic;

  @Option(
      names = "--force-conflicts",
      description = "Take over fields that another field manager owns.")
  boolean forceConflicts;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PlatformSpec spec = options.load();
    PrintWriter out = command.commandLine().getOut();
    try (KubernetesClient client = cluster.connect()) {
      KubeClients.version(client);
      ApplyOutcome outcome =
          new PlatformRollback(client, new PlatformApplier(client))
              .rollback(
                  spec.namespace(),
                  spec.name(),
                  Optional.ofNullable(to),
                  new ApplyOptions(atomic, false, timeout, forceConflicts, false),
                  new PrintingListener(out));
      var revision = outcome.revision().orElseThrow();
      out.println(
          "rolled back "
              + spec.name()
              + " to version "
              + revision.version()
              + " ("
              + revision.note()
              + ") as revision "
              + revision.number());
      return 0;
    }
  }
}
