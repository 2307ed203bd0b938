package io.ferry.cli.platform;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.ferry.oci.auth.DockerConfig;
import io.ferry.oci.registry.RegistryClient;
import io.ferry.oci.registry.TransportOptions;
import io.ferry.platform.apply.Release;
import io.ferry.platform.preflight.Finding;
import io.ferry.platform.preflight.ImageChecker;
import io.ferry.platform.preflight.Preflight;
import io.ferry.platform.preflight.PreflightReport;
import io.ferry.platform.preflight.RegistryImageChecker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry platform preflight}: every reason an apply would fail, found beforehand. */
@Command(
    name = "preflight",
    mixinStandardHelpOptions = true,
    description = {
      "Check the cluster and the site registry before an apply; report every problem at once.",
      "",
      "Checks: the cluster answers and its version; the namespace exists or can be created;"
          + " quota room; storage classes (and a default one); every image is in the site"
          + " registry (manifest HEAD, credentials from ~/.docker/config.json); node ports free."
          + " Exits 1 when any check found a problem."
    })
public final class PreflightCommand implements Callable<Integer> {

  @Mixin SpecOptions options;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--registry-ca-file",
      paramLabel = "FILE",
      description = "PEM CA certificates the site registry's TLS certificate is checked against.")
  Path caFile;

  @Option(
      names = "--registry-plain-http",
      description = "Talk to the site registry over plain HTTP.")
  boolean plainHttp;

  @Option(
      names = "--skip-image-check",
      description = "Do not contact the registry; images are reported as not checked.")
  boolean skipImages;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    Release release = Release.of(options.load(), options.valuesText());
    PrintWriter out = command.commandLine().getOut();
    try (KubernetesClient client = cluster.connect()) {
      PreflightReport report = new Preflight(client, images()).check(release);
      report.findings().forEach(out::println);
      long notChecked =
          report.findings().stream().filter(f -> f.level() == Finding.Level.NOT_CHECKED).count();
      out.println(
          (report.passed()
                  ? "preflight passed"
                  : "preflight found "
                      + report.problems().size()
                      + " problem"
                      + (report.problems().size() == 1 ? "" : "s"))
              + (notChecked > 0 ? " (" + notChecked + " not checked)" : ""));
      return report.passed() ? 0 : 1;
    }
  }

  private ImageChecker images() {
    if (skipImages) {
      return ImageChecker.notChecked("--skip-image-check");
    }
    TransportOptions transport =
        TransportOptions.defaults().withCaFile(caFile).withPlainHttp(plainHttp);
    DockerConfig credentials = DockerConfig.load();
    return new RegistryImageChecker(
        host -> RegistryClient.builder(host).credentials(credentials).transport(transport).build());
  }
}
