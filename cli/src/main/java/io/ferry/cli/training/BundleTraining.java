package io.ferry.cli.training;

import io.ferry.bundle.BundleWarmUp;
import io.ferry.cli.Ferry;
import io.ferry.oci.Descriptor;
import io.ferry.oci.MediaTypes;
import io.ferry.oci.Platform;
import io.ferry.oci.manifest.ImageIndex;
import io.ferry.oci.manifest.ImageManifest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The bundle commands' part of the {@code ./ferry} launcher's training start ({@code
 * -Dferry.training=true}): runs {@code bundle create}, {@code inspect}, {@code verify} and {@code
 * push} through the command line, as a user would, against a {@link TrainingRegistry} holding one
 * two-platform image (push into a second, empty one), so the class-data archive the JVM records
 * holds their classes too and they start as fast as the console. Everything lives in a scratch
 * folder that is removed afterwards.
 */
public final class BundleTraining {

  private BundleTraining() {}

  /** Runs the commands; returns the first non-zero exit code, or 0. */
  public static int run(PrintStream log) {
    BundleWarmUp.start(); // what Ferry.main starts for every bundle command: archived with them
    Path scratch = null;
    // Push goes into a second, empty registry, so it uploads blobs as a real first push does.
    try (TrainingRegistry registry = new TrainingRegistry();
        TrainingRegistry site = new TrainingRegistry()) {
      scratch = Files.createTempDirectory("ferry-training-");
      String image = registry.address() + "/training/app:1.0";
      seed(registry, "training/app", "1.0");
      Path spec = scratch.resolve("ferry.yaml");
      Files.writeString(spec, spec(image), StandardCharsets.UTF_8);
      Path bundle = scratch.resolve("training.tar");
      List<String[]> commands = new ArrayList<>();
      commands.add(
          new String[] {
            "bundle",
            "create",
            "-f",
            spec.toString(),
            "-o",
            bundle.toString(),
            "--platform",
            "linux/amd64"
          });
      commands.add(new String[] {"bundle", "inspect", bundle.toString(), "--json"});
      commands.add(new String[] {"bundle", "verify", bundle.toString()});
      commands.add(
          new String[] {
            "bundle", "push", bundle.toString(), "--registry", site.address(), "--project", "site"
          });
      for (String[] command : commands) {
        int code = Ferry.commandLine().execute(command);
        log.println("training: ferry " + String.join(" ", command) + " -> exit " + code);
        if (code != 0) {
          return code;
        }
      }
      return 0;
    } catch (IOException | RuntimeException e) {
      log.println("training: the bundle commands failed: " + e);
      return 1;
    } finally {
      delete(scratch);
    }
  }

  /** One image for amd64 and arm64, two layers each, the first shared, as an OCI index. */
  private static void seed(TrainingRegistry registry, String repository, String tag) {
    Random random = new Random(1);
    byte[] base = new byte[256 * 1024];
    random.nextBytes(base);
    Descriptor shared = Descriptor.of(MediaTypes.OCI_LAYER_GZIP, base);
    registry.putBlob(base);
    List<Descriptor> entries = new ArrayList<>();
    for (String arch : List.of("amd64", "arm64")) {
      byte[] layer = new byte[128 * 1024];
      random.nextBytes(layer);
      registry.putBlob(layer);
      byte[] config =
          ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}")
              .getBytes(StandardCharsets.UTF_8);
      registry.putBlob(config);
      ImageManifest manifest =
          ImageManifest.of(
              MediaTypes.OCI_MANIFEST,
              Descriptor.of(MediaTypes.OCI_CONFIG, config),
              List.of(shared, Descriptor.of(MediaTypes.OCI_LAYER_GZIP, layer)),
              Map.of());
      registry.putManifest(
          repository, manifest.digest().toString(), MediaTypes.OCI_MANIFEST, manifest.raw());
      entries.add(
          Descriptor.of(MediaTypes.OCI_MANIFEST, manifest.raw())
              .withPlatform(new Platform("linux", arch, null)));
    }
    ImageIndex index = ImageIndex.of(MediaTypes.OCI_INDEX, entries, Map.of());
    registry.putManifest(repository, tag, MediaTypes.OCI_INDEX, index.raw());
  }

  private static String spec(String image) {
    return String.join(
        "\n",
        "apiVersion: ferry.dev/v1alpha1",
        "kind: Platform",
        "metadata: {name: training, version: 1.0.0}",
        "spec:",
        "  arches: [amd64]",
        "  registry: {host: site.local, project: site}",
        "  namespace: training",
        "  domain: training.internal",
        "  services:",
        "    app: {image: " + image + "}",
        "");
  }

  private static void delete(Path folder) {
    if (folder == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // a scratch folder under the temp directory; nothing depends on it
    }
  }
}
