package io.ferry.oci.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferry.oci.OciException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker credential helpers, run as the programs they are: shell scripts in a test folder. */
class CredentialHelpersTest {

  @TempDir Path bin;

  private CredentialHelpers helpers() {
    return new CredentialHelpers(List.of(bin.resolve("empty"), bin), Duration.ofSeconds(20));
  }

  /** A helper {@code docker-credential-NAME} whose body is {@code script} (bash). */
  private Path helper(String name, String script) throws IOException {
    Path file = bin.resolve("docker-credential-" + name);
    Files.writeString(file, "#!/bin/bash\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  /** A helper that records what it was asked in ASKED and answers for every registry. */
  private void recordingHelper(String name, String username, String secret) throws IOException {
    helper(
        name,
        "[[ \"$1\" == get ]] || exit 3\n"
            + "read -r server\n"
            + "echo \"$server\" >>'"
            + bin.resolve(name + ".asked")
            + "'\n"
            + "printf '{\"ServerURL\":\"%s\",\"Username\":\""
            + username
            + "\",\"Secret\":\""
            + secret
            + "\"}' \"$server\"");
  }

  private List<String> asked(String name) throws IOException {
    Path file = bin.resolve(name + ".asked");
    return Files.exists(file) ? Files.readAllLines(file) : List.of();
  }

  private DockerConfig config(String json) {
    return config(json, helpers());
  }

  private static DockerConfig config(String json, CredentialHelpers helpers) {
    return DockerConfig.parse(json.getBytes(StandardCharsets.UTF_8), "/home/me/config.json")
        .withHelpers(helpers);
  }

  @Test
  void theCredsStoreHelperIsAskedForTheRegistryOnceAndWinsOverAuths() throws IOException {
    recordingHelper("store", "robot$ci", "s3cret");
    DockerConfig config =
        config(
            "{\"auths\":{\"harbor.local:8443\":{\"auth\":\"c3RhbGU6b2xk\"}},"
                + "\"credsStore\":\"store\"}");

    assertThat(config.credentialsFor("harbor.local:8443"))
        .contains(new Credentials("robot$ci", "s3cret"));
    assertThat(config.credentialsFor("https://harbor.local:8443/v2/"))
        .contains(new Credentials("robot$ci", "s3cret"));
    assertThat(asked("store")).containsExactly("harbor.local:8443");
  }

  @Test
  void dockerHubIsAskedForByTheKeyTheDockerCliSavesItUnder() throws IOException {
    recordingHelper("store", "me", "pat");

    assertThat(config("{\"credsStore\":\"store\"}").credentialsFor("docker.io"))
        .contains(new Credentials("me", "pat"));
    assertThat(asked("store")).containsExactly("https://index.docker.io/v1/");
  }

  @Test
  void credHelpersForTheRegistryComeBeforeTheStore() throws IOException {
    recordingHelper("store", "from-store", "a");
    recordingHelper("ecr-login", "AWS", "b");
    DockerConfig config =
        config("{\"credsStore\":\"store\",\"credHelpers\":{\"ecr.local\":\"ecr-login\"}}");

    assertThat(config.credentialsFor("ecr.local")).contains(new Credentials("AWS", "b"));
    assertThat(config.credentialsFor("other.local")).contains(new Credentials("from-store", "a"));
    assertThat(asked("ecr-login")).containsExactly("ecr.local");
    assertThat(asked("store")).containsExactly("other.local");
  }

  @Test
  void aRegistryTheHelperHasNothingForIsAnonymous() throws IOException {
    helper("store", "read -r server\necho 'credentials not found in native keychain'\nexit 1");

    assertThat(config("{\"credsStore\":\"store\"}").credentialsFor("r.local")).isEmpty();
  }

  @Test
  void anIdentityTokenFromAHelperIsMarkedAsSuch() throws IOException {
    recordingHelper("store", "<token>", "refresh-123");

    Credentials credentials =
        config("{\"credsStore\":\"store\"}").credentialsFor("acr.local").orElseThrow();

    assertThat(credentials.isIdentityToken()).isTrue();
    assertThat(credentials.password()).isEqualTo("refresh-123");
  }

  @Test
  void aHelperThatIsNotInstalledIsNamedWithWhereItWasLookedFor() {
    assertThatThrownBy(() -> config("{\"credsStore\":\"desktop\"}").credentialsFor("harbor.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("harbor.local")
        .hasMessageContaining("docker-credential-desktop is not installed")
        .hasMessageContaining("credsStore in /home/me/config.json")
        .hasMessageContaining(bin.toString())
        .hasMessageContaining("--username with --password-stdin");
  }

  @Test
  void aFailingHelperIsReportedWithItsStatusAndWhatItSaid() throws IOException {
    helper("pass", "read -r server\necho 'gpg: decryption failed: No secret key' >&2\nexit 2");

    assertThatThrownBy(() -> config("{\"credsStore\":\"pass\"}").credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("docker-credential-pass")
        .hasMessageContaining("exited with status 2")
        .hasMessageContaining("gpg: decryption failed: No secret key");
  }

  @Test
  void anAnswerThatIsNotJsonIsNamedWithoutShowingIt() throws IOException {
    helper("odd", "read -r server\necho 'ghp_hunter2secret'");

    assertThatThrownBy(() -> config("{\"credsStore\":\"odd\"}").credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("is not JSON (at line 1, column")
        .hasMessageNotContaining("hunter2")
        .hasNoCause();
  }

  @Test
  void aFailureThatOnlyMentionsMissingCredentialsIsStillAFailure() throws IOException {
    helper("store", "read -r server\necho 'error: credentials not found: keyring locked'\nexit 1");

    assertThatThrownBy(() -> config("{\"credsStore\":\"store\"}").credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("exited with status 1: error: credentials not found: keyring locked");
  }

  @Test
  void aFailingHelperIsRunOnceAndItsFailureKept() throws IOException {
    helper("broken", "echo run >>'" + bin.resolve("runs") + "'\necho 'no dbus' >&2\nexit 1");
    DockerConfig config = config("{\"credsStore\":\"broken\"}");

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> config.credentialsFor("r.local"))
          .isInstanceOf(OciException.class)
          .hasMessageContaining("no dbus");
    }
    assertThat(Files.readAllLines(bin.resolve("runs"))).hasSize(1);
  }

  @Test
  void anEmptyCredHelpersEntryMeansTheAuthsEntryForThatRegistry() throws IOException {
    recordingHelper("store", "from-store", "a");
    DockerConfig config =
        config(
            "{\"credsStore\":\"store\",\"credHelpers\":{\"own.local\":\"\"},"
                + "\"auths\":{\"own.local\":{\"auth\":\"dTpw\"}}}");

    assertThat(config.credentialsFor("own.local")).contains(new Credentials("u", "p"));
    assertThat(asked("store")).isEmpty();
  }

  @Test
  void helpersThatAreNotInstalledAreListed() throws IOException {
    helper("present", "exit 0");

    assertThat(
            config(
                    "{\"credsStore\":\"desktop\",\"credHelpers\":{\"a.local\":\"present\",\"b.local\":\"ecr-login\",\"c.local\":\"\",\"d.local\":\"../bin/true\"}}")
                .missingHelpers())
        .containsExactly(
            "docker-credential-desktop (credsStore)",
            "docker-credential-ecr-login (credHelpers for b.local)",
            "'../bin/true' (credHelpers for d.local, which is no helper name)");
  }

  @Test
  void aHelperThatDoesNotAnswerIsStoppedAfterTheTimeout() throws IOException {
    helper("slow", "read -r server\nsleep 30\necho '{}'");
    DockerConfig config =
        config(
            "{\"credsStore\":\"slow\"}",
            new CredentialHelpers(List.of(bin), Duration.ofSeconds(1)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> config.credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("did not answer within 1 s");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aSlowHelperIsNamedWhileFerryWaitsForIt() throws IOException {
    helper("keyring", "read -r server\nsleep 6\necho '{\"Username\":\"u\",\"Secret\":\"p\"}'");
    List<String> notices = new java.util.concurrent.CopyOnWriteArrayList<>();
    DockerConfig config =
        config(
            "{\"credsStore\":\"keyring\"}",
            new CredentialHelpers(List.of(bin), Duration.ofSeconds(30)).withNotices(notices::add));

    assertThat(config.credentialsFor("r.local")).contains(new Credentials("u", "p"));
    assertThat(notices)
        .containsExactly(
            "waiting for docker-credential-keyring (credsStore in /home/me/config.json) to answer for"
                + " r.local…");
  }

  @Test
  void aHelperNameThatIsAPathIsRefused() {
    assertThatThrownBy(() -> config("{\"credsStore\":\"../../bin/sh\"}").credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("is not a helper name");
  }

  @Test
  void anAnswerWithAUsernameAndNoSecretIsAnIncompleteEntry() throws IOException {
    helper("half", "read -r server\necho '{\"Username\":\"alice\"}'");

    assertThatThrownBy(() -> config("{\"credsStore\":\"half\"}").credentialsFor("r.local"))
        .isInstanceOf(OciException.class)
        .hasMessageContaining("has a Username and no Secret");
  }

  @Test
  void theSourceOfARegistrysCredentialsIsNamedWithoutAskingForThem() throws IOException {
    recordingHelper("store", "u", "p");
    DockerConfig config =
        config(
            "{\"credsStore\":\"store\",\"credHelpers\":{\"ecr.local\":\"ecr-login\","
                + "\"own.local\":\"\"},\"auths\":{\"own.local\":{\"auth\":\"dTpw\"}}}");

    assertThat(config.source("r.local"))
        .isEqualTo("docker-credential-store (credsStore in /home/me/config.json)");
    assertThat(config.source("ecr.local"))
        .isEqualTo("docker-credential-ecr-login (credHelpers in /home/me/config.json)");
    assertThat(config.source("own.local"))
        .isEqualTo("the 'auths' entry for own.local in /home/me/config.json");
    assertThat(asked("store")).isEmpty();
  }

  @Test
  void coversTellsWhetherAnyWayToCredentialsIsConfigured() {
    assertThat(config("{\"credsStore\":\"store\"}").covers("r.local")).isTrue();
    assertThat(config("{\"credHelpers\":{\"a.local\":\"x\"}}").covers("a.local")).isTrue();
    assertThat(config("{\"credHelpers\":{\"a.local\":\"x\"}}").covers("b.local")).isFalse();
    assertThat(config("{\"auths\":{\"b.local\":{\"auth\":\"dTpw\"}}}").covers("b.local")).isTrue();
    assertThat(
            config("{\"credsStore\":\"s\",\"credHelpers\":{\"c.local\":\"\"}}").covers("c.local"))
        .as("'' sends c.local to its auths entry, which it lacks")
        .isFalse();
  }
}
