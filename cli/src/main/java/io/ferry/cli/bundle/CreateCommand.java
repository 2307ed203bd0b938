package io.ferry.cli.bundle;

import io.ferry.bundle.BundleCreator;
import io.ferry.bundle.CreateListener;
import io.ferry.bundle.CreateRequest;
import io.ferry.bundle.CreateResult;
import io.ferry.bundle.OnInterrupt;
import io.ferry.bundle.OutputFile;
import io.ferry.bundle.SigningKey;
import io.ferry.oci.Digest;
import io.ferry.oci.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ferry bundle create}: pulls every image of the spec into one bundle file. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Pull every image of the platform (services and spec.images) into one bundle file.",
      "",
      "Indexes are filtered to the site's platforms (spec.arches, or --platform); blobs are"
          + " pulled --parallel at a time, each streamed straight into its place in the bundle"
          + " and stored once. The file appears only when it is complete."
    })
public final class CreateCommand implements Callable<Integer> {

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      required = true,
      description = "The platform spec (ferry.yaml).")
  Path spec;

  @Option(
      names = "--values",
      paramLabel = "FILE",
      description = "Site values merged over the spec.")
  @Nullable Path values;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "The bundle file to write.")
  Path output;

  @Option(
      names = "--platform",
      paramLabel = "OS/ARCH",
      split = ",",
      converter = PlatformValue.class,
      description =
          "Platforms to keep, e.g. linux/amd64,linux/arm64, instead of spec.arches (default:"
              + " linux/<each of spec.arches>).")
  List<String> platforms = new ArrayList<>();

  @Option(
      names = "--allow-missing-platforms",
      description =
          "Carry an image that lacks some of the platforms for those it has, with a warning"
              + " (a node of a missing platform cannot run it); without it such an image fails"
              + " the create.")
  boolean allowMissingPlatforms;

  @Option(
      names = "--sign-key",
      paramLabel = "PEM",
      description = "Sign with this Ed25519 or ECDSA P-256 PKCS#8 private key.")
  @Nullable Path signKey;

  @Option(
      names = "--parallel",
      converter = ParallelCount.class,
      paramLabel = "N",
      defaultValue = "" + CreateRequest.DEFAULT_PARALLEL,
      description =
          "Images resolved, and blobs pulled, at once: 1 to 64 (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Mixin RegistryOptions registry;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    Map<String, @Nullable Path> inputs = new LinkedHashMap<>();
    inputs.put("the spec (-f)", spec);
    inputs.put("the values file (--values)", values);
    inputs.put("the signing key (--sign-key)", signKey);
    inputs.putAll(registry.inputFiles());
    OutputFile.requireWritable(output, "the bundle", inputs);
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    List<Platform> wanted = platforms.stream().map(Platform::parse).toList();
    Optional<SigningKey> key = Optional.ofNullable(signKey).map(SigningKey::read);
    Progress progress = new Progress(err, "pulling", Progress.onTerminal());
    AtomicBoolean written = new AtomicBoolean();
    CreateListener listener =
        new CreateListener() {
          @Override
          public void resolved(String image, String digest, String sourceDigest) {
            err.println(
                "resolved "
                    + image
                    + " "
                    + sourceDigest
                    + (digest.equals(sourceDigest)
                        ? ""
                        : " (kept as " + digest + ", its index filtered to the wanted platforms)"));
          }

          @Override
          public void warning(String message) {
            err.println("warning: " + message);
          }

          @Override
          public void partial(String image, List<String> missing, List<String> carried) {
            err.println(
                "warning: "
                    + image
                    + " has no manifest for "
                    + String.join(", ", missing)
                    + ": carried for "
                    + String.join(", ", carried)
                    + " only");
          }

          @Override
          public void writing(long totalBytes, int blobCount) {
            progress.total(totalBytes);
            err.println(
                "writing " + Sizes.count(blobCount, "blob") + ", " + Sizes.bytes(totalBytes));
          }

          @Override
          public void transferred(Digest digest, long bytes) {
            progress.add(bytes);
          }

          @Override
          public void written(Path file) {
            written.set(true);
          }
        };
    CreateResult result;
    try (OnInterrupt interrupted =
        OnInterrupt.run(
            "create",
            () -> {
              err.println();
              err.println(
                  written.get()
                      ? "create: interrupted after "
                          + output
                          + " was written whole; 'ferry bundle verify' checks it."
                      : "create: interrupted. Nothing was written: no partial file is left,"
                          + " and an earlier "
                          + output.getFileName()
                          + ", if any, is as it was.");
              err.flush();
            })) {
      result =
          new BundleCreator(registry.clients(err), Clock.systemUTC(), listener)
              .create(
                  new CreateRequest(
                      spec,
                      Optional.ofNullable(values),
                      output,
                      wanted,
                      key,
                      parallel,
                      allowMissingPlatforms));
    }
    progress.finish();
    var index = result.index();
    out.println(
        "Wrote "
            + result.file()
            + " ("
            + Sizes.ofFile(result.file())
            + "): "
            + Sizes.count(index.images().size(), "image")
            + " for "
            + String.join(", ", index.platforms())
            + ", "
            + Sizes.count(index.blobs().size(), "blob")
            + " (layers, configs and manifests) of "
            + Sizes.bytes(index.totalBlobBytes())
            + " ("
            + Sizes.bytes(index.bytesSavedBySharing())
            + " saved by sharing); index "
            + result.indexDigest()
            + (result.signed() ? "; signed with " + key.get().algorithm() : "; unsigned"));
    return 0;
  }
}
