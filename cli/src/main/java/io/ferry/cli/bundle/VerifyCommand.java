package io.ferry.cli.bundle;

import io.ferry.bundle.BundleFile;
import io.ferry.bundle.BundleLayout;
import io.ferry.bundle.BundleVerifier;
import io.ferry.bundle.VerifyReport;
import io.ferry.bundle.VerifyingKey;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry bundle verify}: every entry, size, hash and the signature. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Check a bundle completely: its entries, the size and sha256 of every blob and file, that"
          + " every manifest's blobs are there, and the signature (with --key).",
      "",
      "Prints every problem and exits 1 when there is any."
    })
public final class VerifyCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The bundle.")
  Path file;

  @Option(
      names = "--key",
      paramLabel = "PEM",
      description = "Public key the index must be signed with.")
  @Nullable Path key;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    PrintWriter out = command.commandLine().getOut();
    PrintWriter err = command.commandLine().getErr();
    Optional<VerifyingKey> verifyingKey = Optional.ofNullable(key).map(VerifyingKey::read);
    BundleFile bundle = BundleFile.open(file);
    Progress progress = new Progress(err, "verifying", Progress.onTerminal());
    // Everything the index lists is hashed; the index and its signature are read, not counted.
    progress.total(
        bundle.entries().values().stream()
            .filter(
                entry ->
                    !entry.name().equals(BundleLayout.INDEX)
                        && !entry.name().equals(BundleLayout.SIGNATURE))
            .mapToLong(BundleFile.Entry::size)
            .sum());
    VerifyReport report =
        new BundleVerifier(bytes -> progress.add(bytes)).verify(bundle, verifyingKey);
    progress.finish();
    if (!report.ok()) {
      report.problems().forEach(problem -> err.println(file + ": " + problem));
      err.println(
          file
              + ": "
              + report.problems().size()
              + (report.problems().size() == 1 ? " problem" : " problems"));
      return 1;
    }
    var index = report.index();
    out.println(
        file
            + ": OK, "
            + Sizes.count(index.images().size(), "image")
            + ", "
            + Sizes.count(index.blobs().size(), "blob")
            + " and "
            + Sizes.count(index.files().size(), "file")
            + " verified ("
            + Sizes.bytes(index.totalBlobBytes())
            + " of blobs; the file: "
            + Sizes.ofFile(file)
            + "); index "
            + report.indexDigest()
            + "; signature "
            + switch (report.signature()) {
              case VALID -> "valid (" + key + ")";
              case NOT_CHECKED -> "present but not checked (give --key PUB.pem)";
              case UNSIGNED -> "none (unsigned)";
              case INVALID -> "invalid";
            });
    return 0;
  }
}
