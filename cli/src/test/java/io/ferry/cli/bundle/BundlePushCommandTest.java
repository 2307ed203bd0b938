package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry bundle push} into a site registry with basic auth, report and rerun. */
class BundlePushCommandTest {

  @RegisterExtension static final OciRegistry vendor = SeedSite.vendorRegistry();

  @RegisterExtension
  static final OciRegistry site = OciRegistry.builder().basicAuth("robot", "Robot-Pass1").build();

  @TempDir static Path shared;
  static Path bundle;

  @TempDir Path dir;

  @BeforeAll
  static void createBundle() throws Exception {
    bundle = SeedSite.createBundle(vendor, shared);
  }

  @Test
  void pushesWithAReportThenARerunSendsNothing() throws Exception {
    Path report = dir.resolve("report.json");
    CliRun push = new CliRun();
    int code =
        push.runWithStdin(
            "Robot-Pass1\n",
            "bundle",
            "push",
            bundle.toString(),
            "--registry",
            site.hostAndPort(),
            "--username",
            "robot",
            "--password-stdin",
            "--report",
            report.toString(),
            "--map",
            vendor.hostAndPort() + "/library/busybox=tools/busybox");

    assertThat(code).as(push.err.toString()).isZero();
    assertThat(push.out.toString())
        .contains("-> " + site.hostAndPort() + "/project/gatekeeper:v362")
        .contains("-> " + site.hostAndPort() + "/project/abc-service:1.4.0")
        .contains("-> " + site.hostAndPort() + "/tools/busybox:1.36")
        .contains("Pushed 3 images");
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    CliRun inspect = new CliRun();
    inspect.run("bundle", "inspect", bundle.toString(), "--json");
    JsonNode index = new ObjectMapper().readTree(inspect.out.toString());
    assertThat(json.path("indexDigest").asText()).isEqualTo(index.path("indexDigest").asText());
    assertThat(json.path("signature").asText()).isEqualTo("unsigned");
    assertThat(push.err.toString()).contains("note: the bundle is unsigned");
    assertThat(json.path("images")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode image = json.path("images").get(i);
      assertThat(image.path("digest").asText())
          .isEqualTo(index.path("images").get(i).path("digest").asText());
      assertThat(image.path("source").asText())
          .isEqualTo(index.path("images").get(i).path("source").asText());
      assertThat(image.path("target").asText()).isEqualTo(targetOf(image.path("source").asText()));
      assertThat(image.path("bytesSent").asLong()).as("own layer and config").isPositive();
    }
    for (int i = 1; i < 3; i++) {
      assertThat(json.path("images").get(i).path("bytesSkipped").asLong())
          .as("the base layer the first image sent is mounted, not sent again")
          .isPositive();
    }
    assertThat(json.path("bytesSent").asLong()).isPositive();
    // The bar counts each blob once, however many repositories get it (the rest are mounts).
    String sent = Sizes.bytes(json.path("bytesSent").asLong());
    assertThat(push.err.toString()).contains("100% " + sent + "/" + sent);

    Path again = dir.resolve("again.json");
    CliRun rerun = new CliRun();
    assertThat(
            rerun.runWithStdin(
                "Robot-Pass1\n",
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                site.hostAndPort(),
                "--username",
                "robot",
                "--password-stdin",
                "--report",
                again.toString(),
                "--map",
                vendor.hostAndPort() + "/library/busybox=tools/busybox"))
        .as(rerun.err.toString())
        .isZero();
    JsonNode second = new ObjectMapper().readTree(again.toFile());
    assertThat(second.path("bytesSent").asLong()).isZero();
    for (int i = 0; i < 3; i++) {
      JsonNode first = json.path("images").get(i);
      JsonNode rerunImage = second.path("images").get(i);
      assertThat(rerunImage.path("bytesSent").asLong()).isZero();
      assertThat(rerunImage.path("bytesSkipped").asLong())
          .as("what the first push sent or skipped for %s, all skipped now", first.path("target"))
          .isEqualTo(first.path("bytesSent").asLong() + first.path("bytesSkipped").asLong());
    }
    assertThat(rerun.err.toString()).contains("100% " + sent + "/" + sent);
    assertThat(second.path("blobsUploaded").asInt()).isZero();
  }

  /** Where push puts {@code source}: the site, the project or the --map target, its tag. */
  private static String targetOf(String source) {
    String repository = source.substring(source.indexOf('/') + 1, source.lastIndexOf(':'));
    String name = repository.substring(repository.lastIndexOf('/') + 1);
    return site.hostAndPort()
        + (repository.equals("library/busybox") ? "/tools/" : "/project/")
        + name
        + source.substring(source.lastIndexOf(':'));
  }

  @Test
  void aCorruptedBundleIsNotPushedAndTheCommandFails() throws Exception {
    Path copy = dir.resolve("corrupt.tar");
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[1024 + 512 + 200] ^= 1;
    Files.write(copy, bytes);

    CliRun push = new CliRun();
    int code =
        push.runWithStdin(
            "Robot-Pass1\n",
            "bundle",
            "push",
            copy.toString(),
            "--registry",
            site.hostAndPort(),
            "--project",
            "corrupt",
            "--username",
            "robot",
            "--password-stdin");

    assertThat(code).isEqualTo(1);
    assertThat(push.err.toString()).contains("corrupted").contains("ferry bundle verify");
  }

  @Test
  void wrongSiteCredentialsAreExplained() {
    CliRun push = new CliRun();
    int code =
        push.runWithStdin(
            "nope\n",
            "bundle",
            "push",
            bundle.toString(),
            "--registry",
            site.hostAndPort(),
            "--project",
            "denied",
            "--username",
            "robot",
            "--password-stdin");
    assertThat(code).isEqualTo(1);
    assertThat(push.err.toString()).contains("401");
  }

  @Test
  void anAuthFileWithoutAnEntryForTheRegistryIsNamedBeforeTheRegistryRefuses() throws Exception {
    String host = site.hostAndPort().substring(0, site.hostAndPort().indexOf(':'));
    Path authFile =
        Files.writeString(
            dir.resolve("noport.json"), "{\"auths\": {\"" + host + "\": {\"auth\": \"eDp5\"}}}");
    CliRun push = new CliRun();
    push.run(
        "bundle",
        "push",
        bundle.toString(),
        "--registry",
        site.hostAndPort(),
        "--project",
        "noentry",
        "--authfile",
        authFile.toString());
    assertThat(push.err.toString())
        .contains(
            "note: --authfile "
                + authFile
                + " has no entry for "
                + site.hostAndPort()
                + " (it has: "
                + host
                + "); the registry is reached without credentials");
  }

  @Test
  void credentialsComeFromTheDockerConfigUnderHomeAsDockerAndSkopeoFindIt() throws Exception {
    String auth =
        java.util.Base64.getEncoder()
            .encodeToString("robot:Robot-Pass1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    Path home =
        homeWithDockerConfig(
            "home", "{\"auths\": {\"" + site.hostAndPort() + "\": {\"auth\": \"" + auth + "\"}}}");
    pushWithHome(home, "fromhome", Map.of());
  }

  /**
   * Runs a push into {@code project} in its own JVM, as a user whose {@code $HOME} is {@code home}
   * (no $DOCKER_CONFIG) with {@code env} on top; asserts it succeeds.
   */
  private void pushWithHome(Path home, String project, Map<String, String> env) throws Exception {
    assertThat(pushAs(home, project, env, dir)).as(Files.readString(logOf(project))).isZero();
  }

  /** As {@link #pushWithHome}, started in {@code directory}; its exit code. */
  private int pushAs(Path home, String project, Map<String, String> env, Path directory)
      throws Exception {
    Process push = startPush(home, project, env, directory);
    assertThat(push.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return push.exitValue();
  }

  /** Starts the push of {@link #pushAs}, its output in {@link #logOf}. */
  private Process startPush(Path home, String project, Map<String, String> env, Path directory)
      throws Exception {
    ProcessBuilder builder =
        CliRun.process(
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                site.hostAndPort(),
                "--project",
                project)
            .directory(directory.toFile())
            .redirectOutput(logOf(project).toFile());
    builder.environment().put("HOME", home.toString()); // not the JVM's user.home
    builder.environment().remove("DOCKER_CONFIG");
    builder.environment().putAll(env);
    return builder.start();
  }

  private Path logOf(String project) {
    return dir.resolve(project + "-push.log");
  }

  /** A user's home folder {@code name} whose {@code .docker/config.json} holds {@code json}. */
  private Path homeWithDockerConfig(String name, String json) throws Exception {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), json);
    return home;
  }

  /** An executable bash script {@code docker-credential-NAME} in {@code folder}. */
  private static void helper(Path folder, String name, String script) throws Exception {
    Path helper = Files.createDirectories(folder).resolve("docker-credential-" + name);
    Files.writeString(helper, "#!/bin/bash\n" + script + "\n");
    Files.setPosixFilePermissions(
        helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
  }

  private static Map<String, String> pathWith(Path folder) {
    return Map.of("PATH", folder + ":" + System.getenv("PATH"));
  }

  @Test
  void credentialsComeFromTheCredentialHelperTheDockerConfigNames() throws Exception {
    Path bin = dir.resolve("helper-bin");
    helper(
        bin,
        "site",
        "read -r server\necho \"$1 $server\" >>'"
            + bin.resolve("asked")
            + "'\necho '{\"Username\":\"robot\",\"Secret\":\"Robot-Pass1\"}'");
    Path home =
        homeWithDockerConfig(
            "helper-home",
            "{\"auths\": {\"" + site.hostAndPort() + "\": {}}, \"credsStore\": \"site\"}");
    pushWithHome(home, "fromhelper", pathWith(bin));

    assertThat(Files.readAllLines(bin.resolve("asked")))
        .as("asked once, with get and the registry")
        .containsExactly("get " + site.hostAndPort());
  }

  @Test
  void aCredentialHelperThatIsNotInstalledIsNamedBeforeAndWhenTheRegistryAsks() throws Exception {
    Path authFile =
        Files.writeString(
            dir.resolve("store.json"), "{\"credsStore\": \"ferry-test-not-installed\"}");
    CliRun push = new CliRun();
    int code =
        push.run(
            "bundle",
            "push",
            bundle.toString(),
            "--registry",
            site.hostAndPort(),
            "--project",
            "nohelper",
            "--authfile",
            authFile.toString());

    assertThat(code).isEqualTo(1);
    assertThat(push.err.toString())
        .contains(
            "note: --authfile "
                + authFile
                + " names credential helpers that are not installed:"
                + " docker-credential-ferry-test-not-installed (credsStore)")
        .contains(
            "Tried to get the credentials for "
                + site.hostAndPort()
                + " from the Docker credential helper docker-credential-ferry-test-not-installed"
                + " (credsStore in "
                + authFile
                + ") but docker-credential-ferry-test-not-installed is not installed");
  }

  @Test
  void aStoppedPushStopsTheCredentialHelperItStarted() throws Exception {
    Path bin = dir.resolve("hang-bin");
    Path pid = bin.resolve("pid");
    helper(bin, "hang", "echo $$ > '" + pid + "'\nexec sleep 120");
    Path home = homeWithDockerConfig("hang-home", "{\"credsStore\": \"hang\"}");
    Process push = startPush(home, "stopped", pathWith(bin), dir);
    try {
      java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
      while (!Files.exists(pid) && push.isAlive() && java.time.Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(pid).as(Files.readString(logOf("stopped"))).exists();
      Thread.sleep(200); // the pid file is written before exec
      long helperPid = Long.parseLong(Files.readString(pid).trim());

      push.destroy(); // SIGTERM, as a service manager or kill sends it
      assertThat(push.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      deadline = java.time.Instant.now().plusSeconds(10);
      while (ProcessHandle.of(helperPid).map(ProcessHandle::isAlive).orElse(false)
          && java.time.Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(ProcessHandle.of(helperPid).map(ProcessHandle::isAlive).orElse(false))
          .as("the helper (pid %d) was stopped with the push", helperPid)
          .isFalse();
    } finally {
      push.destroyForcibly();
    }
  }

  @Test
  void aHelperInTheWorkingFolderIsNotRunThroughARelativePathEntry() throws Exception {
    Path here = dir.resolve("downloads");
    helper(here, "dot", "touch '" + here.resolve("ran") + "'\necho '{}'");
    Path home = homeWithDockerConfig("dot-home", "{\"credsStore\": \"dot\"}");

    int code = pushAs(home, "dot", Map.of("PATH", ".:" + System.getenv("PATH") + ":"), here);

    assertThat(code).isEqualTo(1);
    assertThat(Files.readString(logOf("dot"))).contains("docker-credential-dot is not installed");
    assertThat(here.resolve("ran"))
        .as("the helper in the working folder did not run")
        .doesNotExist();
  }
}
