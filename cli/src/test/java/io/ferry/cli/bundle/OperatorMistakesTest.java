package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.FreePort;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What operators get wrong is reported at once, naming the option, before anything is pulled or
 * pushed.
 */
class OperatorMistakesTest {

  @RegisterExtension static final OciRegistry vendor = SeedSite.vendorRegistry();
  @RegisterExtension static final OciRegistry site = new OciRegistry();

  @TempDir static Path shared;
  static Path bundle;

  @TempDir Path dir;

  @BeforeAll
  static void createBundle() throws Exception {
    bundle = SeedSite.createBundle(vendor, shared);
  }

  private static CliRun push(String... options) {
    String[] args = new String[options.length + 5];
    args[0] = "bundle";
    args[1] = "push";
    args[2] = bundle.toString();
    args[3] = "--registry";
    args[4] = site.hostAndPort();
    System.arraycopy(options, 0, args, 5, options.length);
    CliRun run = new CliRun();
    assertThat(run.run(args)).as(run.err.toString()).isEqualTo(1);
    assertThat(run.err.toString()).as("nothing was pushed").doesNotContain("tagged", "pushing");
    return run;
  }

  @Test
  void aReportIntoAMissingFolderFailsBeforeThePush() {
    Path report = dir.resolve("missing/report.json");
    assertThat(push("--report", report.toString()).err.toString())
        .contains("Tried to write the push report to " + report)
        .contains("the folder " + report.getParent() + " does not exist");
  }

  @Test
  void aReportThatWouldOverwriteTheBundleOrTheKeyIsRefusedBeforeThePush() throws Exception {
    byte[] before = Files.readAllBytes(bundle);
    assertThat(push("--report", bundle.toString()).err.toString())
        .contains("Tried to write the push report to " + bundle + " but that is the bundle");
    assertThat(Files.readAllBytes(bundle)).as("the bundle is untouched").isEqualTo(before);

    Path key = Files.writeString(dir.resolve("pub.pem"), "-----BEGIN PUBLIC KEY-----\n");
    Path sameKey = dir.resolve(".").resolve("pub.pem"); // another spelling of the same file
    assertThat(push("--key", key.toString(), "--report", sameKey.toString()).err.toString())
        .contains("but that is the public key (--key), which it would overwrite");
    assertThat(Files.readString(key)).isEqualTo("-----BEGIN PUBLIC KEY-----\n");
  }

  @Test
  void aReportPathThroughAFileOrOntoADeviceIsRefusedBeforeThePush() throws Exception {
    Path file = Files.writeString(dir.resolve("t.tar"), "x");
    assertThat(push("--report", file.resolve("r.json").toString()).err.toString())
        .contains(file + " is a file, not a folder");
    assertThat(push("--report", "/dev/null").err.toString())
        .contains("Tried to write the push report to /dev/null but that is not a regular file");
  }

  @Test
  void anOutputThatWouldOverwriteTheSpecOrTheSigningKeyIsRefused() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    String specText = Files.readString(spec);
    CliRun overSpec = new CliRun();
    assertThat(overSpec.run("bundle", "create", "-f", spec.toString(), "-o", spec.toString()))
        .isEqualTo(1);
    assertThat(overSpec.err.toString())
        .contains("Tried to write the bundle to " + spec + " but that is the spec (-f)")
        .doesNotContain("resolved");
    assertThat(Files.readString(spec)).isEqualTo(specText);

    Path key = Files.writeString(dir.resolve("key.pem"), "private");
    CliRun overKey = new CliRun();
    assertThat(
            overKey.run(
                "bundle",
                "create",
                "-f",
                spec.toString(),
                "--sign-key",
                key.toString(),
                "-o",
                key.toString()))
        .isEqualTo(1);
    assertThat(overKey.err.toString()).contains("but that is the signing key (--sign-key)");
    assertThat(Files.readString(key)).isEqualTo("private");
  }

  @Test
  void aRegistryThatIsNoAddressIsRefusedBeforeTheBundleIsRead() {
    for (String registry : List.of("127.0.0.1:abc", "127.0.0.1:99999", "::1", "host:0")) {
      CliRun run = new CliRun();
      assertThat(run.run("bundle", "push", bundle.toString(), "--registry", registry))
          .as("a usage error")
          .isEqualTo(2);
      assertThat(run.err.toString())
          .as(registry)
          .contains("'" + registry + "' is no registry address")
          .contains("a port from 1 to 65535")
          .contains("[::1]:5000")
          .doesNotContain("checked", "unsupported URI");
    }
  }

  @Test
  void aRegistryThatIsNotRunningIsToldOnceAsTheRegistrysProblemNotTheBlobs() throws Exception {
    String nowhere = "127.0.0.1:" + FreePort.pick();
    CliRun run = new CliRun();
    assertThat(run.run("bundle", "push", bundle.toString(), "--registry", nowhere)).isEqualTo(1);
    String err = run.err.toString();
    assertThat(err)
        .contains("but could not connect to the registry, or not over TLS, so no image was tagged")
        .doesNotContain("blobs failed", "rerun to send only what is missing")
        .contains("is the registry running at " + nowhere)
        .doesNotContain("tagged " + nowhere);
    assertThat(err.split("is the registry running", -1))
        .as("the cause once, not once per blob")
        .hasSize(2);
  }

  @Test
  void anAuthFileThatDoesNotExistIsAnError() {
    assertThat(push("--authfile", dir.resolve("nope.json").toString()).err.toString())
        .contains("--authfile " + dir.resolve("nope.json") + " does not exist");
  }

  @Test
  void aCaFileThatDoesNotExistIsAnError() {
    assertThat(push("--ca-file", dir.resolve("ca.pem").toString()).err.toString())
        .contains("--ca-file " + dir.resolve("ca.pem") + " does not exist");
  }

  @Test
  void aCaFileThatIsNotPemIsReportedOnceBeforeAnythingIsSent() throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    String err = push("--ca-file", notPem.toString()).err.toString();
    assertThat(err)
        .contains("Tried to read CA certificates from --ca-file " + notPem)
        .doesNotContain("rerun to send only what is missing");
  }

  @Test
  void aPublicKeyGivenAsCaFileIsNamedAsSuch() throws Exception {
    java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
    Path key =
        Files.writeString(
            dir.resolve("pub.pem"),
            "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pair.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
    assertThat(push("--ca-file", key.toString()).err.toString())
        .contains(
            "--ca-file " + key + " but it holds a PEM block of type PUBLIC KEY, not a CERTIFICATE")
        .doesNotContain("Too short");
  }

  @Test
  void aCaFileWithAnotherCaNamesBothCertificatesAndDoesNotSayPassCaFile() throws Exception {
    Path other =
        Files.writeString(
            dir.resolve("other-ca.pem"),
            io.ferry.testkit.tls.TestCertificateAuthority.create("Other Site CA").certificatePem());
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    CliRun create = new CliRun();
    int code = SeedSite.create(create, spec, dir.resolve("b.tar"), "whatever", other);
    assertThat(code).isEqualTo(1);
    assertThat(create.err.toString())
        .contains("which is neither a CA of --ca-file (CN=Other Site CA)")
        .contains("check that the CA file holds the CA that issued the registry's certificate")
        .doesNotContain("pass --ca-file", "sun.security");
  }

  @Test
  void aCaFileWithInsecureSkipTlsVerifyIsAContradictionSaidUpFront() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "unused");
    assertThat(push("--ca-file", ca.toString(), "--insecure-skip-tls-verify").err.toString())
        .contains(
            "--insecure-skip-tls-verify trusts any certificate, so --ca-file would never be used");
  }

  @Test
  void plainHttpWithATlsOptionIsAContradictionSaidUpFront() {
    assertThat(push("--plain-http", "--insecure-skip-tls-verify").err.toString())
        .contains(
            "--plain-http speaks to every registry without TLS, so"
                + " --insecure-skip-tls-verify would never be used");
  }

  @Test
  void aProjectRegistriesRefuseIsAnError() {
    assertThat(push("--project", "Site").err.toString())
        .contains("a name registries refuse")
        .contains("its part 'Site' must be lowercase");
  }

  @Test
  void aMisspelledRequiredOptionIsNamedWithTheRightOne() {
    CliRun create = new CliRun();
    int code = create.run("bundle", "create", "--fiel", "ferry.yaml", "-o", "b.tar");
    assertThat(code).isEqualTo(2);
    assertThat(create.err.toString())
        .contains("Unknown option: '--fiel'")
        .contains("--file")
        .doesNotContain("Missing required option");
  }

  @Test
  void aMissingRequiredOptionIsStillNamedWhenNothingIsMisspelled() {
    CliRun create = new CliRun();
    assertThat(create.run("bundle", "create", "-o", "b.tar")).isEqualTo(2);
    assertThat(create.err.toString()).contains("Missing required option: '--file=FILE'");

    CliRun attached = new CliRun();
    assertThat(attached.run("bundle", "create", "-fferry.yaml")).isEqualTo(2);
    assertThat(attached.err.toString())
        .as("-f with its value attached is no unknown option")
        .contains("Missing required option: '--output=FILE'")
        .doesNotContain("Unknown option");
  }

  @Test
  void anOutputThatIsAFolderFailsBeforeAnythingIsPulled() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path folder = Files.createDirectories(dir.resolve("out"));
    CliRun create = new CliRun();
    int code = create.run("bundle", "create", "-f", spec.toString(), "-o", folder.toString());
    assertThat(code).isEqualTo(1);
    assertThat(create.err.toString())
        .contains("Tried to write the bundle to " + folder + " but that is a folder")
        .doesNotContain("resolved");
  }

  @Test
  void aListenAddressWithoutAPortNumberIsAnError() {
    CliRun serve = new CliRun();
    assertThat(serve.run("bundle", "serve", bundle.toString(), "--listen", "localhost:abc"))
        .as("a usage error")
        .isEqualTo(2);
    assertThat(serve.err.toString())
        .contains("--listen was 'localhost:abc' but it must be HOST:PORT with a port from 0 to")
        .contains("Run 'ferry bundle serve --help'");
  }

  @Test
  void aPlatformThatIsNotOsSlashArchIsAUsageError() {
    CliRun create = new CliRun();
    assertThat(
            create.run(
                "bundle", "create", "-f", "ferry.yaml", "-o", "b.tar", "--platform", "linux"))
        .isEqualTo(2);
    assertThat(create.err.toString())
        .contains("Invalid value for option '--platform'")
        .contains("linux")
        .contains("Run 'ferry bundle create --help'");
  }

  @Test
  void aMapWithoutEqualsOrWithTwoTargetsForOneSourceIsExplained() {
    CliRun bad = new CliRun();
    assertThat(bad.run("bundle", "push", bundle.toString(), "--map", "foo")).isEqualTo(2);
    assertThat(bad.err.toString()).contains("'foo' is not SRC=DST").doesNotContain("option option");

    String busybox = vendor.hostAndPort() + "/library/busybox";
    assertThat(push("--map", busybox + "=a/b", "--map", busybox + "=c/d").err.toString())
        .contains("--map gives " + busybox + " two targets, a/b and c/d");

    for (String[] mistake :
        new String[][] {
          {
            busybox + ":1.36=tools/busybox",
            "SRC is a repository without tag or digest: drop ':1.36'"
          },
          {busybox + "=127.0.0.1:5000/tools/busybox", "DST is a repository without host"},
          {busybox + "=tools/busybox:2.0", "DST is a repository without tag"}
        }) {
      CliRun run = new CliRun();
      assertThat(run.run("bundle", "push", bundle.toString(), "--map", mistake[0]))
          .as(mistake[0])
          .isEqualTo(2);
      assertThat(run.err.toString()).as(mistake[0]).contains(mistake[1]);
    }
  }
}
