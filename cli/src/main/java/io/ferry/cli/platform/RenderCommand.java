package io.ferry.cli.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.ferry.platform.render.ManifestWriter;
import io.ferry.platform.render.PlatformRenderer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ferry platform render}: the Kubernetes objects, as YAML, without a cluster. */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Render the platform spec into Kubernetes objects, in apply order.",
      "",
      "Writes one multi-document YAML stream to standard output, or with -o one file per object"
          + " (NN-kind-name.yaml). The same input always gives the same bytes."
    })
public final class RenderCommand implements Callable<Integer> {

  /** Files an earlier render wrote; removed when the new render has no such object. */
  private static final Pattern RENDERED = Pattern.compile("\\d{2,}-[a-z]+-[a-z0-9.-]+\\.yaml");

  @Mixin SpecOptions options;

  @Option(
      names = {"-o", "--output-dir"},
      paramLabel = "DIR",
      description = "Write one file per object into DIR (created if missing).")
  Path outputDir;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws IOException {
    List<HasMetadata> objects = PlatformRenderer.render(options.load());
    if (outputDir == null) {
      command.commandLine().getOut().print(ManifestWriter.toYaml(objects));
      command.commandLine().getOut().flush();
      return 0;
    }
    if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
      throw new ParameterException(
          command.commandLine(),
          "--output-dir " + outputDir + " is a file; give a directory (it is created if missing)");
    }
    Files.createDirectories(outputDir);
    Set<String> written = new HashSet<>();
    for (int i = 0; i < objects.size(); i++) {
      String name = ManifestWriter.fileName(i, objects.get(i));
      writeAtomically(outputDir.resolve(name), ManifestWriter.toYaml(objects.get(i)));
      written.add(name);
    }
    // A stale file from an earlier render would be applied by `kubectl apply -f DIR`.
    try (Stream<Path> files = Files.list(outputDir)) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        if (RENDERED.matcher(name).matches() && !written.contains(name)) {
          Files.delete(file);
        }
      }
    }
    command
        .commandLine()
        .getOut()
        .println("Rendered " + objects.size() + " objects into " + outputDir);
    return 0;
  }

  /** Temp file then rename, so a reader never sees half a manifest. */
  private static void writeAtomically(Path target, String text) {
    try {
      Path temp = Files.createTempFile(target.getParent(), ".ferry-", ".tmp");
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Tried to write " + target + " but failed because: " + e, e);
    }
  }
}
