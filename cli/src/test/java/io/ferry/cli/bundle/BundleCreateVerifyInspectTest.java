package io.ferry.cli.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferry.testkit.registry.OciRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry bundle create | verify | inspect} on the seed example, from a TLS token registry.
 */
class BundleCreateVerifyInspectTest {

  @RegisterExtension static final OciRegistry vendor = SeedSite.vendorRegistry();

  /** A site registry on loopback, reached over plain HTTP without credentials. */
  @RegisterExtension static final OciRegistry target = new OciRegistry();

  static SeedSite site = new SeedSite();

  @TempDir Path dir;

  @BeforeAll
  static void pushImages() {
    site.pushImages(SeedSite.vendorClient(vendor), 30_000);
  }

  @Test
  void createsTheSeedExampleWithSiteValuesThenVerifiesAndInspectsIt() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path bundle = dir.resolve("citybrain.tar");
    CliRun create = new CliRun();

    int code =
        create.runWithStdin(
            "Vendor-Pass1\n",
            "bundle",
            "create",
            "-f",
            spec.toString(),
            "--values",
            spec.resolveSibling("site-hangzhou.yaml").toString(),
            "-o",
            bundle.toString(),
            "--parallel",
            "2",
            "--username",
            "vendor",
            "--password-stdin",
            "--ca-file",
            vendor.caCertificatePem().toString());

    assertThat(code).as(create.err.toString()).isZero();
    assertThat(create.err.toString())
        .as("the vendor's digest, and what an amd64 bundle keeps instead")
        .contains(
            "resolved "
                + vendor.hostAndPort()
                + "/project/gatekeeper:v362 "
                + site.pushed.get(SeedSite.REPOSITORIES.get(0)).digest()
                + " (kept as sha256:");
    assertThat(create.out.toString())
        .contains("Wrote " + bundle + " (" + Sizes.bytes(Files.size(bundle)) + "): ")
        .contains("3 images for linux/amd64")
        .contains("unsigned");

    CliRun verify = new CliRun();
    assertThat(verify.run("bundle", "verify", bundle.toString()))
        .as(verify.err.toString())
        .isZero();
    assertThat(verify.out.toString())
        .contains(": OK, 3 images")
        .contains("of blobs; the file: " + Sizes.bytes(Files.size(bundle)) + ")")
        .contains("signature none (unsigned)");

    CliRun inspect = new CliRun();
    assertThat(inspect.run("bundle", "inspect", bundle.toString(), "--json")).isZero();
    JsonNode json = new ObjectMapper().readTree(inspect.out.toString());
    assertThat(json.path("platform").asText()).isEqualTo("citybrain");
    assertThat(json.path("platforms").toString()).isEqualTo("[\"linux/amd64\"]");
    assertThat(json.path("registryHost").asText())
        .as("from --values")
        .isEqualTo("harbor.hz.internal");
    assertThat(json.path("images")).hasSize(3);
    assertThat(json.path("bytesSavedBySharing").asLong())
        .as("gatekeeper and abc-service share a base layer")
        .isPositive();
    for (String arm64 : site.arm64Blobs) {
      assertThat(inspect.out.toString()).doesNotContain(arm64);
    }
    assertThat(json.path("files").toString())
        .contains("values/site-hangzhou.yaml")
        .contains("rules/monitoring/platform.yaml");

    CliRun table = new CliRun();
    assertThat(table.run("bundle", "inspect", bundle.toString())).isZero();
    assertThat(table.out.toString())
        .contains("citybrain 3.6.2")
        .contains("site registry harbor.hz.internal, project ")
        .contains(vendor.hostAndPort() + "/project/gatekeeper:v362")
        .contains("saved by sharing");
    assertThat(table.err.toString()).as("a whole bundle gets no warning").isEmpty();
    List<String> rows =
        table.out.toString().lines().filter(line -> line.contains(vendor.hostAndPort())).toList();
    assertThat(rows).hasSize(3);
    int platforms =
        table
            .out
            .toString()
            .lines()
            .filter(l -> l.startsWith("IMAGE"))
            .findFirst()
            .orElseThrow()
            .indexOf("PLATFORMS");
    assertThat(platforms)
        .as("the image column is as wide as the longest reference, and two spaces")
        .isEqualTo(vendor.hostAndPort().length() + "/project1/abc-service:1.4.0".length() + 2);
    assertThat(rows)
        .as("the platforms column lines up under its heading")
        .allSatisfy(row -> assertThat(row.substring(platforms)).startsWith("linux/amd64 "));

    Path cut = dir.resolve("cut.tar");
    byte[] bytes = Files.readAllBytes(bundle);
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 1024));
    CliRun damaged = new CliRun();
    assertThat(damaged.run("bundle", "inspect", cut.toString())).isZero();
    assertThat(damaged.err.toString())
        .contains("warning: " + cut + " is damaged, so what follows may be wrong")
        .contains("truncated");
  }

  @Test
  void createReadsCredentialsFromADockerConfigAndSignsThenVerifyChecksTheKey() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path auth = dir.resolve("config.json");
    String basic =
        Base64.getEncoder().encodeToString("vendor:Vendor-Pass1".getBytes(StandardCharsets.UTF_8));
    Files.writeString(
        auth, "{\"auths\":{\"" + vendor.hostAndPort() + "\":{\"auth\":\"" + basic + "\"}}}");
    Path key = dir.resolve("key.pem");
    Path pub = dir.resolve("pub.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", key.toString());
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Path bundle = dir.resolve("signed.tar");

    CliRun create = new CliRun();
    assertThat(
            create.run(
                "bundle",
                "create",
                "-f",
                spec.toString(),
                "-o",
                bundle.toString(),
                "--authfile",
                auth.toString(),
                "--ca-file",
                vendor.caCertificatePem().toString(),
                "--sign-key",
                key.toString()))
        .as(create.err.toString())
        .isZero();
    assertThat(create.out.toString()).contains("signed with Ed25519");

    CliRun verify = new CliRun();
    assertThat(verify.run("bundle", "verify", bundle.toString(), "--key", pub.toString()))
        .as(verify.err.toString())
        .isZero();
    assertThat(verify.out.toString()).contains("signature valid");

    // push says whether the signature was checked, and the report records it
    CliRun unchecked = new CliRun();
    assertThat(
            unchecked.run("bundle", "push", bundle.toString(), "--registry", target.hostAndPort()))
        .as(unchecked.err.toString())
        .isZero();
    assertThat(unchecked.err.toString())
        .contains("note: the bundle is signed but its signature was not checked: give --key");
    assertThat(unchecked.out.toString()).contains(", signature not checked");
    Path report = dir.resolve("report.json");
    CliRun checked = new CliRun();
    assertThat(
            checked.run(
                "bundle",
                "push",
                bundle.toString(),
                "--registry",
                target.hostAndPort(),
                "--key",
                pub.toString(),
                "--report",
                report.toString()))
        .as(checked.err.toString())
        .isZero();
    assertThat(checked.err.toString())
        .contains("signature (valid for " + pub + ")")
        .doesNotContain("note: the bundle");
    assertThat(checked.out.toString()).contains("signature valid");
    assertThat(Files.readString(report)).contains("\"signature\" : \"valid\"");

    Path other = dir.resolve("other.pem");
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        other.toString());
    openssl(
        "pkey", "-in", other.toString(), "-pubout", "-out", dir.resolve("other.pub").toString());
    CliRun wrong = new CliRun();
    assertThat(
            wrong.run(
                "bundle",
                "verify",
                bundle.toString(),
                "--key",
                dir.resolve("other.pub").toString()))
        .isEqualTo(1);
    assertThat(wrong.err.toString())
        .contains("is not a signature of bundle.json")
        .contains("1 problem");
  }

  @Test
  void createFailsNamingAMissingImageAndLeavesNoFile() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Files.writeString(spec, Files.readString(spec).replace("busybox:1.36", "busybox:9.99"));
    Path out = Files.createDirectories(dir.resolve("out"));

    CliRun create = new CliRun();
    int code =
        create.runWithStdin(
            "Vendor-Pass1\n",
            "bundle",
            "create",
            "-f",
            spec.toString(),
            "-o",
            out.resolve("b.tar").toString(),
            "--username",
            "vendor",
            "--password-stdin",
            "--ca-file",
            vendor.caCertificatePem().toString());

    assertThat(code).isEqualTo(1);
    assertThat(create.err.toString())
        .contains("library/busybox:9.99")
        .contains("no bundle was written");
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void anAmd64OnlyImageInAnAmd64AndArm64BundleNeedsAllowMissingPlatformsAndIsWarnedAbout()
      throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path out = Files.createDirectories(dir.resolve("out"));
    Path bundle = out.resolve("b.tar");
    List<String> args =
        List.of(
            "bundle",
            "create",
            "-f",
            spec.toString(),
            "-o",
            bundle.toString(),
            "--platform",
            "linux/amd64,linux/arm64",
            "--username",
            "vendor",
            "--password-stdin",
            "--ca-file",
            vendor.caCertificatePem().toString());
    String busybox = vendor.hostAndPort() + "/library/busybox:1.36";

    CliRun strict = new CliRun();
    assertThat(strict.runWithStdin("Vendor-Pass1\n", args.toArray(String[]::new))).isEqualTo(1);
    assertThat(strict.err.toString())
        .contains(busybox + "' is only for linux/amd64")
        .contains("--allow-missing-platforms");
    assertThat(bundle).doesNotExist();

    List<String> allowing = new ArrayList<>(args);
    allowing.add("--allow-missing-platforms");
    CliRun create = new CliRun();
    assertThat(create.runWithStdin("Vendor-Pass1\n", allowing.toArray(String[]::new)))
        .as(create.err.toString())
        .isZero();
    assertThat(create.err.toString())
        .contains(
            "warning: "
                + busybox
                + " has no manifest for linux/arm64: carried for linux/amd64 only");
    CliRun inspect = new CliRun();
    assertThat(inspect.run("bundle", "inspect", bundle.toString())).isZero();
    assertThat(inspect.out.toString().lines())
        .anySatisfy(line -> assertThat(line).startsWith(busybox).contains(" linux/amd64 "))
        .anySatisfy(
            line -> assertThat(line).contains("gatekeeper").contains("linux/amd64,linux/arm64"));
  }

  @Test
  void createWithBadCredentialsSaysSo() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    CliRun create = new CliRun();
    int code =
        SeedSite.create(create, spec, dir.resolve("b.tar"), "wrong", vendor.caCertificatePem());
    assertThat(code).isEqualTo(1);
    assertThat(create.err.toString()).containsIgnoringCase("401").contains("gatekeeper");
    assertThat(dir.resolve("b.tar")).doesNotExist();
  }

  @Test
  void verifyNamesAFlippedByteAndExitsOne() throws Exception {
    Path spec = SeedSite.copyExample(dir.resolve("example"), vendor.hostAndPort());
    Path bundle = dir.resolve("b.tar");
    SeedSite.createBundle(vendor, spec, bundle);
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[1024 + 512 + 100] ^= 1; // inside the first blob's content, after its header
    Files.write(bundle, bytes);

    CliRun verify = new CliRun();
    assertThat(verify.run("bundle", "verify", bundle.toString())).isEqualTo(1);
    assertThat(verify.err.toString()).contains("corrupted").contains("1 problem");
  }

  private static void openssl(String... args) throws Exception {
    var command = new java.util.ArrayList<String>();
    command.add(
        io.ferry.testkit.RealService.require(Path.of("/usr/bin/openssl"), "openssl").toString());
    command.addAll(java.util.List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
  }
}
