package io.ferry.cli.bundle;

import io.ferry.bundle.RegistryClients;
import io.ferry.oci.ImageRef;
import io.ferry.oci.auth.CredentialHelpers;
import io.ferry.oci.auth.CredentialProvider;
import io.ferry.oci.auth.Credentials;
import io.ferry.oci.auth.DockerConfig;
import io.ferry.oci.registry.TransportOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** How to reach registries: credentials, TLS trust and plain HTTP, shared by every command. */
public final class RegistryOptions {

  /** Where {@code --password-stdin} reads; tests replace it. */
  static InputStream stdin = System.in;

  @Option(
      names = "--username",
      paramLabel = "USER",
      description =
          "Registry user (with --password-stdin), for every registry the command reaches; for a"
              + " user per registry, use an auth file (docker login, --authfile).")
  @Nullable String username;

  @Option(
      names = "--password-stdin",
      description = "Read the registry password (or robot token) from standard input.")
  boolean passwordStdin;

  @Option(
      names = "--authfile",
      paramLabel = "FILE",
      description =
          "Docker config: its credHelpers, credsStore or 'auths' entries, as docker login saves"
              + " them (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json).")
  @Nullable Path authFile;

  @Option(names = "--ca-file", paramLabel = "PEM", description = "Trust these CA certificates too.")
  @Nullable Path caFile;

  @Option(
      names = "--insecure-skip-tls-verify",
      description = "Trust any TLS certificate (testing only).")
  boolean insecure;

  @Option(
      names = "--plain-http",
      description = "Speak plain HTTP (automatic for loopback hosts without TLS options).")
  boolean plainHttp;

  /**
   * The registry a push goes to, when the command line names it: the auth file is checked for it.
   */
  private @Nullable String pushTarget;

  /** The files these options name, by what they are: an output must not overwrite one. */
  Map<String, @Nullable Path> inputFiles() {
    Map<String, @Nullable Path> files = new LinkedHashMap<>();
    files.put("the CA file (--ca-file)", caFile);
    files.put(
        authFile != null ? "the auth file (--authfile)" : "the Docker config",
        authFile != null ? authFile : DockerConfig.defaultPath());
    return files;
  }

  /** As {@link #clients(PrintWriter)}, for a push to {@code registry} (null: from the bundle). */
  RegistryClients clientsFor(@Nullable String registry, PrintWriter notices) {
    this.pushTarget = registry;
    return clients(notices);
  }

  RegistryClients clients(PrintWriter notices) {
    requireReadable(
        "--authfile",
        authFile,
        "without --authfile the credentials come from $DOCKER_CONFIG/config.json or"
            + " ~/.docker/config.json");
    if (plainHttp && (caFile != null || insecure)) {
      throw new IllegalArgumentException(
          "--plain-http speaks to every registry without TLS, so "
              + (caFile != null ? "--ca-file" : "--insecure-skip-tls-verify")
              + " would never be used: give one or the other (a loopback registry is reached over"
              + " plain HTTP unless a TLS option is given)");
    }
    if (insecure && caFile != null) {
      throw new IllegalArgumentException(
          "--insecure-skip-tls-verify trusts any certificate, so --ca-file would never be used:"
              + " give one or the other");
    }
    requireReadable(
        "--ca-file",
        caFile,
        "it names a PEM file with the CA certificates that signed the registry's");
    DockerConfig config =
        (authFile == null ? DockerConfig.load() : DockerConfig.read(authFile))
            .withHelpers(
                CredentialHelpers.fromEnvironment()
                    .withNotices(
                        notice -> {
                          notices.println("note: " + notice);
                          notices.flush();
                        }));
    CredentialProvider credentials = config;
    if (authFile != null
        && !passwordStdin
        && pushTarget != null
        && ImageRef.registryProblem(pushTarget) == null // else push says what an address is
        && !config.covers(pushTarget)) {
      // a file given on purpose that does not cover the registry: say so before a 401 does
      notices.println(
          "note: --authfile "
              + authFile
              + " has no entry for "
              + pushTarget
              + (config.registries().isEmpty()
                  ? ""
                  : " (it has: " + String.join(", ", config.registries()) + ")")
              + "; the registry is reached without credentials");
    }
    List<String> missingHelpers = passwordStdin ? List.of() : config.missingHelpers();
    if (!missingHelpers.isEmpty()) {
      // said before any work: the failure would come only when a registry asks for credentials
      notices.println(
          "note: "
              + (authFile != null ? "--authfile " + authFile : "the Docker config")
              + " names credential helpers that are not installed: "
              + String.join(", ", missingHelpers)
              + "; the registries they serve will fail when they ask for credentials, unless they"
              + " are installed or --username and --password-stdin are given");
    }
    if (username != null || passwordStdin) {
      if (username == null || !passwordStdin) {
        throw new IllegalArgumentException("--username and --password-stdin go together");
      }
      credentials = CredentialProvider.of(new Credentials(username, readPassword())).orElse(config);
    }
    TransportOptions transport = transport();
    transport.checkCaFile();
    return new RegistryClients(credentials, transport);
  }

  /** A missing path or a folder is a mistake; a pipe ({@code --authfile <(...)}) is fine. */
  private static void requireReadable(String option, @Nullable Path path, String about) {
    if (path != null && (!Files.exists(path) || Files.isDirectory(path))) {
      throw new IllegalArgumentException(
          option
              + " "
              + path
              + (Files.exists(path) ? " is a folder" : " does not exist")
              + " ("
              + about
              + ")");
    }
  }

  /** How registries are reached (TLS trust, plain HTTP), without reading any file. */
  TransportOptions transport() {
    return TransportOptions.defaults()
        .withCaFile(caFile)
        .withInsecureSkipTlsVerify(insecure)
        .withPlainHttp(plainHttp);
  }

  private static String readPassword() {
    try {
      String line =
          new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException(
            "--password-stdin was given but standard input was empty");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to read the password from standard input", e);
    }
  }
}
