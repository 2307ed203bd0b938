package io.ferry.cli.bundle;

import io.ferry.bundle.BundleException;
import io.ferry.bundle.BundlePusher;
import io.ferry.bundle.OnInterrupt;
import io.ferry.bundle.OutputFile;
import io.ferry.bundle.PushListener;
import io.ferry.bundle.PushRequest;
import io.ferry.bundle.PushResult;
import io.ferry.bundle.VerifyReport;
import io.ferry.bundle.VerifyingKey;
import io.ferry.oci.Digest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ferry bundle push}: checks a bundle's structure, then pushes its images into the site
 * registry, which checks each blob against its digest as it receives it.
 */
@Command(
    name = "push",
    mixinStandardHelpOptions = true,
    description = {
      "Check a bundle (tar, index, signature with --key, manifests), then push its images into"
          + " the site registry as <registry>/<project>/<name>:<tag>. The registry checks each"
          + " blob against its digest as it receives it: a corrupted blob stops the push and"
          + " nothing is tagged ('ferry bundle verify' checks every blob beforehand).",
      "",
      "<name> is the last path element of the source repository unless --map SRC=DST names"
          + " another target repository. Blobs a target repository has are skipped, and a blob"
          + " another repository of this push has is mounted from it, so rerunning a push that"
          + " was cut off sends only what is missing. Images are tagged only after all blobs and"
          + " manifests are in."
    })
public final class PushCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The bundle.")
  Path file;

  @Option(
      names = "--registry",
      paramLabel = "HOST[:PORT]",
      converter = RegistryAddress.class,
      description = "The site registry (default: spec.registry.host of the bundle).")
  @Nullable String registryHost;

  @Option(
      names = "--project",
      paramLabel = "P",
      description = "Project / path prefix (default: spec.registry.project of the bundle).")
  @Nullable String project;

  @Option(
      names = "--map",
      paramLabel = "SRC=DST",
      converter = MapEntry.class,
      description =
          "Push the source repository SRC (as in the spec, without tag) to repository DST"
              + " (without host) instead; repeatable.")
  List<MapEntry> maps = new ArrayList<>();

  @Option(
      names = "--parallel",
      converter = ParallelCount.class,
      paramLabel = "N",
      defaultValue = "4",
      description =
          "Blobs uploaded, and manifests and tags pushed, at once: 1 to 64 (default:"
              + " ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--harbor",
      description =
          "Create missing Harbor projects (private) first, through Harbor's API v2.0 with the"
              + " registry credentials (a user Harbor lets create projects).")
  boolean harbor;

  @Option(
      names = "--key",
      paramLabel = "PEM",
      description = "Public key the bundle index must be signed with.")
  @Nullable Path key;

  @Option(names = "--report", paramLabel = "FILE", description = "Write what was pushed as JSON.")
  @Nullable Path report;

  @Mixin RegistryOptions registry;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    if (report != null) {
      Map<String, @Nullable Path> inputs = new LinkedHashMap<>();
      inputs.put("the bundle", file);
      inputs.put("the public key (--key)", key);
      inputs.putAll(registry.inputFiles());
      OutputFile.requireWritable(report, "the push report", inputs);
    }
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    boolean terminal = Progress.onTerminal();
    Progress uploading = new Progress(err, "pushing", terminal);
    // A blob counts once however many repositories get it: the first sight of its digest.
    Set<Digest> counted = ConcurrentHashMap.newKeySet();
    PushListener listener =
        new PushListener() {
          @Override
          public void checked(VerifyReport.SignatureStatus signature) {
            err.println(
                "checked "
                    + file
                    + ": tar, index"
                    + (signature == VerifyReport.SignatureStatus.VALID
                        ? ", signature (valid for " + key + ")"
                        : "")
                    + " and manifests; the registry checks each blob against its digest");
            String warning = signature.warning();
            if (warning != null) {
              err.println("note: " + warning);
            }
          }

          @Override
          public void uploading(long totalBytes, int blobs) {
            uploading.total(totalBytes);
          }

          @Override
          public void projectCreated(String name) {
            err.println("created Harbor project " + name + " (private)");
          }

          @Override
          public void started(Digest digest, long blobSize, long skipped) {
            if (counted.add(digest) && skipped > 0) {
              uploading.skip(skipped);
            }
          }

          @Override
          public void transferred(Digest digest, long bytes) {
            uploading.add(bytes);
          }

          @Override
          public void tagged(String target) {
            uploading.finish(); // tags come after every blob: the bar ends on a line of its own
            err.println("tagged " + target);
          }
        };
    PushResult result;
    try (OnInterrupt interrupted =
        OnInterrupt.run(
            "push",
            () -> {
              err.println();
              err.println(
                  "push: interrupted. What reached the registry stays there: the same command"
                      + " again sends only what is missing, then tags every image.");
              err.flush();
            })) {
      result =
          new BundlePusher(registry.clientsFor(registryHost, err), listener)
              .push(
                  new PushRequest(
                      file,
                      Optional.ofNullable(registryHost),
                      Optional.ofNullable(project),
                      MapEntry.toMap(maps),
                      parallel,
                      harbor,
                      Optional.ofNullable(key).map(VerifyingKey::read)));
    }
    uploading.finish();
    // One write for all the lines: each println to a pipe is a write of its own.
    StringBuilder summary = new StringBuilder();
    for (PushResult.ImageResult image : result.images()) {
      summary
          .append(image.source())
          .append(" -> ")
          .append(image.target())
          .append(' ')
          .append(image.digest())
          .append(" (sent ")
          .append(Sizes.bytes(image.bytesSent()))
          .append(", skipped ")
          .append(Sizes.bytes(image.bytesSkipped()))
          .append(")")
          .append(System.lineSeparator());
    }
    summary
        .append("Pushed ")
        .append(Sizes.count(result.images().size(), "image"))
        .append(" to ")
        .append(result.registry())
        .append(" in ")
        .append(Sizes.oneDecimal(result.seconds()))
        .append(" s: ")
        .append(Sizes.count(result.blobsUploaded(), "blob"))
        .append(" uploaded (")
        .append(Sizes.bytes(result.bytesSent()))
        .append("), ")
        .append(result.blobsSkipped())
        .append(" already there or mounted (")
        .append(Sizes.bytes(result.bytesSkipped()))
        .append("); bundle index ")
        .append(result.indexDigest())
        .append(
            switch (result.signature()) {
              case "valid" -> ", signature valid";
              case "not-checked" -> ", signature not checked";
              default -> ", " + result.signature();
            })
        .append(System.lineSeparator());
    out.print(summary);
    out.flush();
    if (report != null) {
      writeReport(result, report);
    }
    return 0;
  }

  private static void writeReport(PushResult result, Path file) {
    Path absolute = file.toAbsolutePath();
    Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".partial");
    try {
      Files.write(temp, PrettyJson.MAPPER.writeValueAsBytes(result));
      Files.move(
          temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the report's failure is what to tell
      }
      throw new BundleException(
          "Every image was pushed and tagged (the summary above), but the report could not be"
              + " written to "
              + file
              + ": "
              + e,
          e);
    }
  }
}
