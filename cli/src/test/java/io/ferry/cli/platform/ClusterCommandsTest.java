package io.ferry.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** diff, preflight, apply, history and rollback through {@code Ferry.commandLine()}. */
@Timeout(120)
class ClusterCommandsTest {

  @TempDir Path tmp;

  private FakeKubernetes cluster;
  private String kubeconfig;

  @BeforeEach
  void start() throws IOException {
    cluster = new FakeKubernetes();
    kubeconfig = cluster.writeKubeconfig(tmp).toString();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private CliRun ferry(String... args) {
    CliRun cli = new CliRun();
    cli.run(args);
    return cli;
  }

  private int exit(CliRun cli, String... args) {
    return cli.run(args);
  }

  @Test
  void applyPrintsProgressAndRecordsARevisionHistoryListsItAndRollbackGoesBack() {
    String spec = SeedExample.spec().toString();
    CliRun first = new CliRun();
    assertThat(
            exit(
                first,
                "platform",
                "apply",
                "-f",
                spec,
                "--kubeconfig",
                kubeconfig,
                "--timeout",
                "20s"))
        .as(first.err.toString())
        .isZero();
    assertThat(first.out.toString())
        .contains("== platform\n   created Namespace project\n")
        .contains("== abc-service\n")
        .contains("   rolled out StatefulSet project/gatekeeper: 2 of 2 replicas ready\n")
        .endsWith("applied citybrain 3.6.2 to namespace project as revision 1\n");
    assertThat(cluster.requests())
        .filteredOn(r -> r.method().equals("PATCH"))
        .isNotEmpty()
        .allSatisfy(
            r -> {
              assertThat(r.contentType()).startsWith("application/apply-patch+yaml");
              assertThat(r.path()).contains("fieldManager=ferry").doesNotContain("force=");
            });

    CliRun second = new CliRun();
    assertThat(
            exit(
                second,
                "platform",
                "apply",
                "-f",
                spec,
                "--values",
                SeedExample.siteValues().toString(),
                "--kubeconfig",
                kubeconfig))
        .as(second.err.toString())
        .isZero();
    assertThat(second.out.toString()).contains("as revision 2");

    CliRun history = ferry("platform", "history", "-f", spec, "--kubeconfig", kubeconfig);
    assertThat(history.out.toString())
        .containsPattern("(?m)^REVISION\\s+APPLIED\\s+VERSION\\s+STATUS\\s+NOTE$")
        .containsPattern("(?m)^1\\s+\\S+Z\\s+3\\.6\\.2\\s+deployed\\s+apply$")
        .containsPattern("(?m)^2\\s+\\S+Z\\s+3\\.6\\.2\\s+deployed\\s+apply$");

    CliRun rollback = new CliRun();
    assertThat(exit(rollback, "platform", "rollback", "-f", spec, "--kubeconfig", kubeconfig))
        .as(rollback.err.toString())
        .isZero();
    assertThat(rollback.out.toString())
        .endsWith("rolled back citybrain to version 3.6.2 (rollback to 1) as revision 3\n");
    assertThat(
            cluster
                .object("/api/v1/namespaces/project/configmaps/ferry-citybrain-rev-3")
                .path("metadata")
                .path("annotations")
                .path("ferry.dev/note")
                .asText())
        .isEqualTo("rollback to 1");
  }

  @Test
  void diffShowsChangedFieldsAgainstTheLiveObjects() {
    String spec = SeedExample.spec().toString();
    assertThat(new CliRun().run("platform", "apply", "-f", spec, "--kubeconfig", kubeconfig))
        .isZero();

    CliRun same = ferry("platform", "diff", "-f", spec, "--kubeconfig", kubeconfig);
    CliRun site =
        ferry(
            "platform",
            "diff",
            "-f",
            spec,
            "--values",
            SeedExample.siteValues().toString(),
            "--kubeconfig",
            kubeconfig);

    assertThat(same.out.toString())
        .contains("unchanged StatefulSet project/gatekeeper\n")
        .endsWith("0 of 10 objects would change\n");
    assertThat(site.out.toString())
        .containsPattern(
            "changed StatefulSet project/gatekeeper: .*spec\\.template\\.spec\\.containers\\[0\\]\\.image");
  }

  @Test
  void dryRunWithPruneChangesNothingAndSaysWhatWould() {
    CliRun cli = new CliRun();
    assertThat(
            exit(
                cli,
                "platform",
                "apply",
                "-f",
                SeedExample.spec().toString(),
                "--kubeconfig",
                kubeconfig,
                "--dry-run",
                "--prune"))
        .as(cli.err.toString())
        .isZero();

    assertThat(cli.out.toString())
        .contains("   would be created StatefulSet project/gatekeeper\n")
        .endsWith(
            "dry run: nothing was changed (10 of 10 objects would change, 0 would be pruned)\n");
    assertThat(cluster.object("/apis/apps/v1/namespaces/project/statefulsets/gatekeeper")).isNull();
  }

  @Test
  void stalledRolloutWithAtomicFailsAndRollsBack() {
    cluster.stall("gatekeeper");
    CliRun cli = new CliRun();

    assertThat(
            exit(
                cli,
                "platform",
                "apply",
                "-f",
                SeedExample.spec().toString(),
                "--kubeconfig",
                kubeconfig,
                "--atomic",
                "--timeout",
                "1s"))
        .isEqualTo(1);

    assertThat(cli.err.toString())
        .contains("failed at step gatekeeper")
        .contains("Rollout of StatefulSet project/gatekeeper did not finish within PT1S")
        .contains("--atomic rolled back")
        .contains("recorded as revision 1 (rolled-back)");
    assertThat(cli.out.toString())
        .contains("   rollback: StatefulSet project/abc-service deleted (did not exist before)\n");
    assertThat(cluster.object("/apis/apps/v1/namespaces/project/statefulsets/abc-service"))
        .isNull();
  }

  @Test
  void preflightPrintsEveryFindingAndExitsOneOnProblems() {
    CliRun cli = new CliRun();

    assertThat(
            exit(
                cli,
                "platform",
                "preflight",
                "-f",
                SeedExample.spec().toString(),
                "--kubeconfig",
                kubeconfig,
                "--skip-image-check"))
        .isEqualTo(1);

    assertThat(cli.out.toString())
        .contains("ok          cluster   " + cluster.url() + "/: reachable, Kubernetes v1.30.2\n")
        .contains("PROBLEM     storage   default class: volumes name no storage class")
        .contains(
            "not checked image     dockerhub.kubekey.local/project/gatekeeper:v362: --skip-image-check\n")
        .endsWith("preflight found 1 problem (2 not checked)\n");
  }

  @Test
  void unreachableClusterIsNamedByUrl() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path config = tmp.resolve("closed");
    Files.writeString(
        config,
        Files.readString(Path.of(kubeconfig)).replace(cluster.url(), "http://127.0.0.1:" + port));
    CliRun cli = new CliRun();

    assertThat(
            exit(
                cli,
                "platform",
                "apply",
                "-f",
                SeedExample.spec().toString(),
                "--kubeconfig",
                config.toString()))
        .isEqualTo(1);

    assertThat(cli.err.toString())
        .contains("Tried to reach the Kubernetes API server at http://127.0.0.1:" + port)
        .contains("check that the cluster is running");
  }

  @Test
  void badTimeoutIsAUsageError() {
    CliRun cli = new CliRun();
    assertThat(
            exit(
                cli, "platform", "apply", "-f", SeedExample.spec().toString(), "--timeout", "soon"))
        .isEqualTo(2);
    assertThat(cli.err.toString()).contains("'soon' is not a duration; write e.g. 90s, 10m or 1h");
  }
}
