package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.cluster.KubeClients;
import io.ferry.platform.revision.Revision;
import io.ferry.platform.revision.RevisionStore;
import io.ferry.platform.spec.PlatformSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry platform history}: the recorded revisions of the platform in its namespace. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    description = {
      "List the platform's revisions: number, time, version, status and what made them.",
      "",
      "Revisions are ConfigMaps ferry-<platform>-rev-<n> in the namespace; with kubectl only:"
          + " kubectl get cm -n <namespace> -l ferry.dev/platform=<platform>"
    })
public final class HistoryCommand implements Callable<Integer> {

  private static final String ROW = "%-9s %-25s %-12s %-12s %s";

  @Mixin SpecOptions options;

  @Mixin ClusterOptions cluster;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PlatformSpec spec = options.load();
    PrintWriter out = command.commandLine().getOut();
    try (KubernetesClient client = cluster.connect()) {
      KubeClients.version(client);
      List<Revision> revisions = new RevisionStore(client, spec.namespace(), spec.name()).list();
      if (revisions.isEmpty()) {
        out.println("no revisions of " + spec.name() + " in namespace " + spec.namespace());
        return 0;
      }
      out.println(String.format(ROW, "REVISION", "APPLIED", "VERSION", "STATUS", "NOTE").strip());
      for (Revision r : revisions) {
        out.println(
            String.format(ROW, r.number(), r.appliedAt(), r.version(), r.status().label(), r.note())
                .strip());
      }
      return 0;
    }
  }
}
