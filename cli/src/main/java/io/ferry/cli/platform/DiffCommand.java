package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.platform.apply.Release;
import io.ferry.platform.cluster.KubeClients;
import io.ferry.platform.diff.ClusterDiff;
import io.ferry.platform.diff.ObjectDiff;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ferry platform diff}: what apply would change, on the fields Ferry manages. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Show what apply would change: per object created, changed (with the changed fields) or"
          + " unchanged.",
      "",
      "Compares the rendered objects with the live ones on the fields Ferry sets; defaults the"
          + " server adds and fields of other managers are not differences."
    })
public final class DiffCommand implements Callable<Integer> {

  @Mixin SpecOptions options;

  @Mixin ClusterOptions cluster;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    Release release = Release.of(options.load(), options.valuesText());
    PrintWriter out = command.commandLine().getOut();
    try (KubernetesClient client = cluster.connect()) {
      KubeClients.version(client);
      List<ObjectDiff> diffs = new ClusterDiff(client).diff(release.objects());
      diffs.forEach(out::println);
      long changes = diffs.stream().filter(d -> d.change() != ObjectDiff.Change.UNCHANGED).count();
      out.println(changes + " of " + diffs.size() + " objects would change");
      return 0;
    }
  }
}
