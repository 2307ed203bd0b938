package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.ApplyOptions;
import io.ferry.platform.apply.ApplyOutcome;
import io.ferry.platform.apply.PlatformApplier;
import io.ferry.platform.apply.Release;
import io.ferry.platform.cluster.KubeClients;
import io.ferry.platform.spec.PlatformSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry platform apply}: server-side apply, service by service, with real rollouts. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Apply the platform to the cluster and wait for every workload to roll out.",
      "",
      "Server-side apply as field manager 'ferry': the namespace, quota, config maps and external"
          + " dependencies first, then each service in dependsOn order, each waited for until"
          + " its rollout is done. A stuck pod (image pull, crash loop, unschedulable) fails it at"
          + " once. Every apply is recorded as a revision (see history)."
    })
public final class ApplyCommand implements Callable<Integer> {

  @Mixin SpecOptions options;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--atomic",
      description = "On failure, put back what this apply changed, newest first.")
  boolean atomic;

  @Option(
      names = "--prune",
      description = "Delete Ferry's objects of this platform that are no longer rendered.")
  boolean prune;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "10m",
      description = "How long each workload may take to roll out (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--force-conflicts",
      description = "Take over fields that another field manager owns.")
  boolean forceConflicts;

  @Option(
      names = "--dry-run",
      description =
          "Validate on the server (dryRun=All) and print what would change; change nothing.")
  boolean dryRun;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PlatformSpec spec = options.load();
    PrintWriter out = command.commandLine().getOut();
    try (KubernetesClient client = cluster.connect()) {
      KubeClients.version(client);
      ApplyOutcome outcome =
          new PlatformApplier(client)
              .apply(
                  Release.of(spec, options.valuesText()),
                  new ApplyOptions(atomic, prune, timeout, forceConflicts, dryRun),
                  new PrintingListener(out),
                  "apply");
      if (dryRun) {
        out.println(
            "dry run: nothing was changed ("
                + outcome.diffs().stream()
                    .filter(d -> d.change() != io.ferry.platform.diff.ObjectDiff.Change.UNCHANGED)
                    .count()
                + " of "
                + outcome.diffs().size()
                + " objects would change"
                + (prune ? ", " + outcome.pruned().size() + " would be pruned" : "")
                + ")");
      } else {
        out.println(
            "applied "
                + spec.name()
                + " "
                + spec.version()
                + " to namespace "
                + spec.namespace()
                + " as revision "
                + outcome.revision().orElseThrow().number());
      }
      return 0;
    }
  }
}
