package io.ferry.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferry.testkit.RealService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Key files as openssl makes them, and the README's openssl check run for real. */
final class KeyFiles {

  private KeyFiles() {}

  /** Makes a key pair with {@code openssl genpkey}, exactly as the README tells users to. */
  static void generate(String algorithm, Path key, Path pub) throws Exception {
    Path openssl = RealService.require(Path.of("/usr/bin/openssl"), "openssl");
    Path dir = key.getParent();
    Files.deleteIfExists(key);
    Files.deleteIfExists(pub);
    if (algorithm.equals("ed25519")) {
      run(dir, openssl.toString(), "genpkey", "-algorithm", "ed25519", "-out", key.toString());
    } else {
      run(
          dir,
          openssl.toString(),
          "genpkey",
          "-algorithm",
          "EC",
          "-pkeyopt",
          "ec_paramgen_curve:P-256",
          "-out",
          key.toString());
    }
    run(dir, openssl.toString(), "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
  }

  /** Runs the commands of bundle/README.md "Checking the signature without Ferry". */
  static void opensslVerifiesAsDocumented(String algorithm, Path bundle, Path pub, Path dir)
      throws Exception {
    Path openssl = RealService.require(Path.of("/usr/bin/openssl"), "openssl");
    Path out = Files.createDirectories(dir.resolve("openssl-" + algorithm));
    run(out, "tar", "-xf", bundle.toString(), "bundle.json", "bundle.json.sig");
    List<String> verify =
        algorithm.equals("ed25519")
            ? List.of(
                openssl.toString(),
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pub.toString(),
                "-rawin",
                "-in",
                "bundle.json",
                "-sigfile",
                "bundle.json.sig")
            : List.of(
                openssl.toString(),
                "dgst",
                "-sha256",
                "-verify",
                pub.toString(),
                "-signature",
                "bundle.json.sig",
                "bundle.json");
    assertThat(run(out, verify.toArray(String[]::new))).contains("Verified");
    Files.writeString(out.resolve("bundle.json"), " ", java.nio.file.StandardOpenOption.APPEND);
    Process tampered =
        new ProcessBuilder(verify).directory(out.toFile()).redirectErrorStream(true).start();
    tampered.getInputStream().readAllBytes();
    assertThat(tampered.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(tampered.exitValue()).as("openssl rejects a changed index").isNotZero();
  }

  private static String run(Path dir, String... command) throws Exception {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    return output;
  }
}
