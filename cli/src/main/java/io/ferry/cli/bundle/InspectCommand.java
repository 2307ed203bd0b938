package io.ferry.cli.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferry.bundle.BundleException;
import io.ferry.bundle.BundleFile;
import io.ferry.bundle.BundleIndex;
import io.ferry.bundle.BundleLayout;
import io.ferry.oci.Digest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry bundle inspect}: what a bundle holds, from its index (no hashing). */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show a bundle's images, platforms and sizes from its index.",
      "",
      "Reads only the index; run 'ferry bundle verify' to check the content."
    })
public final class InspectCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The bundle.")
  Path file;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  @Spec CommandSpec command;

  @Override
  public Integer call() throws Exception {
    BundleFile bundle = BundleFile.open(file);
    BundleFile.Entry entry =
        bundle
            .entry(BundleLayout.INDEX)
            .orElseThrow(
                () -> new BundleException("The bundle " + file + " has no " + BundleLayout.INDEX));
    byte[] raw = bundle.read(entry, 64 * 1024 * 1024);
    BundleIndex index = BundleIndex.parse(raw, file.toString());
    PrintWriter out = command.commandLine().getOut();
    if (!bundle.problems().isEmpty()) {
      // inspect reads the index only; what the tar's structure shows is worth a word at once
      PrintWriter err = command.commandLine().getErr();
      err.println(
          "warning: "
              + file
              + " is damaged, so what follows may be wrong ('ferry bundle verify' checks it"
              + " all):");
      bundle.problems().forEach(problem -> err.println("  - " + problem));
      err.flush();
    }
    if (json) {
      ObjectNode root = PrettyJson.MAPPER.createObjectNode();
      root.put("file", file.toString());
      root.put("indexDigest", Digest.of(raw).toString());
      root.put("signed", bundle.entry(BundleLayout.SIGNATURE).isPresent());
      root.put("platform", index.platform().name());
      root.put("version", index.platform().version());
      root.put("created", index.created());
      root.put("ferryVersion", index.ferryVersion());
      root.put("registryHost", index.platform().registryHost());
      root.put("registryProject", index.platform().registryProject());
      root.set("platforms", PrettyJson.MAPPER.valueToTree(index.platforms()));
      ArrayNode images = root.putArray("images");
      for (BundleIndex.Image image : index.images()) {
        images.add(PrettyJson.MAPPER.valueToTree(image));
      }
      root.put("blobs", index.blobs().size());
      root.put("totalBytes", index.totalBlobBytes());
      root.put("bytesSavedBySharing", index.bytesSavedBySharing());
      root.put("bytesStored", stored(index));
      root.put("compressedLayers", compressedLayers(index));
      root.set("files", PrettyJson.MAPPER.valueToTree(index.files()));
      out.println(PrettyJson.MAPPER.writeValueAsString(root));
      return 0;
    }
    out.printf(
        Locale.ROOT,
        "%s %s, created %s by Ferry %s, for %s%s%n",
        index.platform().name(),
        index.platform().version(),
        index.created(),
        index.ferryVersion(),
        String.join(", ", index.platforms()),
        bundle.entry(BundleLayout.SIGNATURE).isPresent() ? ", signed" : ", unsigned");
    String project = index.platform().registryProject();
    out.printf(
        Locale.ROOT,
        "site registry %s%s (where push sends the images unless --registry/--project say"
            + " otherwise)%n",
        index.platform().registryHost(),
        project.isEmpty() ? "" : ", project " + project);
    // as wide as the longest image reference, so long ones do not push the other columns out
    String row =
        "%-"
            + Math.max(
                5, index.images().stream().mapToInt(i -> i.source().length()).max().orElse(0))
            + "s  %-25s %-19s %10s%n";
    out.printf(Locale.ROOT, row, "IMAGE", "PLATFORMS", "DIGEST", "SIZE");
    for (BundleIndex.Image image : index.images()) {
      out.printf(
          Locale.ROOT,
          row,
          image.source(),
          String.join(",", new TreeSet<>(image.manifests().keySet())),
          image.digest().substring(0, Math.min(19, image.digest().length())),
          Sizes.bytes(image.size()));
    }
    long compressed = compressedLayers(index);
    out.printf(
        Locale.ROOT,
        "total %s in %s (%s saved by sharing%s), %s; index %s%n",
        Sizes.bytes(index.totalBlobBytes()),
        Sizes.count(index.blobs().size(), "blob"),
        Sizes.bytes(index.bytesSavedBySharing()),
        compressed == 0
            ? ""
            : "; "
                + Sizes.count(compressed, "uncompressed layer")
                + " stored gzip-compressed, blobs take "
                + Sizes.bytes(stored(index))
                + " in the file",
        Sizes.count(index.files().size(), "file"),
        Digest.of(raw));
    return 0;
  }

  /** The layers that came uncompressed and are stored gzip-compressed. */
  private static long compressedLayers(BundleIndex index) {
    return index.blobs().stream().filter(BundleIndex.Blob::compressed).count();
  }

  /** The bytes the blobs take in the file: compressed ones at their stored size. */
  private static long stored(BundleIndex index) {
    return index.blobs().stream().mapToLong(BundleIndex.Blob::stored).sum();
  }
}
