package io.ferry.cli.bundle;

import io.ferry.bundle.BundleServer;
import io.ferry.bundle.VerifyReport;
import io.ferry.bundle.VerifyingKey;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ferry bundle serve}: a read-only registry straight from the bundle file. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve a bundle as a read-only OCI registry (plain HTTP) until interrupted.",
      "",
      "Images are at <listen>/<project>/<name>:<tag>, as 'ferry bundle push' would name them"
          + " (--map too); two images that would share a name and tag are refused until --map"
          + " parts them. The bundle is verified first. Writes are refused (405 UNSUPPORTED).",
      "",
      "Pull with the registry marked insecure, e.g. 'skopeo copy --src-tls-verify=false"
          + " docker://127.0.0.1:5000/<project>/<name>:<tag> ...' or Docker's"
          + " insecure-registries: such clients try HTTPS first, get a plain-HTTP answer at once"
          + " and fall back to HTTP."
    })
public final class ServeCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", description = "The bundle.")
  Path file;

  @Option(
      names = "--listen",
      converter = ListenAddress.class,
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:5000",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
  String listen;

  @Option(
      names = "--project",
      paramLabel = "P",
      description = "Path prefix (default: spec.registry.project).")
  @Nullable String project;

  @Option(
      names = "--map",
      paramLabel = "SRC=DST",
      converter = MapEntry.class,
      description =
          "Serve the source repository SRC (as in the spec, without tag) as repository DST"
              + " instead, as push --map does; repeatable.")
  List<MapEntry> maps = new ArrayList<>();

  @Option(
      names = "--key",
      paramLabel = "PEM",
      description = "Public key the bundle index must be signed with.")
  @Nullable Path key;

  @Spec CommandSpec command;

  @Override
  public Integer call() {
    InetSocketAddress address = listenAddress(listen);
    PrintWriter out = command.commandLine().getOut();
    try (BundleServer server =
        BundleServer.start(
            file,
            address,
            Optional.ofNullable(project),
            MapEntry.toMap(maps),
            Optional.ofNullable(key).map(VerifyingKey::read))) {
      InetSocketAddress bound = server.address();
      // before the line that says it is up: whoever waits for that line has the notes too
      PrintWriter err = command.commandLine().getErr();
      String warning = server.signature().warning();
      if (warning != null) {
        err.println("note: " + warning);
      }
      if (!bound.getAddress().isLoopbackAddress()) {
        err.println(
            "note: listening on "
                + bound.getHostString()
                + ": whoever can reach this machine can pull every image, over plain HTTP"
                + " (--listen 127.0.0.1:PORT keeps it to this machine)");
      }
      err.flush();
      out.println(
          "Serving "
              + file
              + " on http://"
              + bound.getHostString()
              + ":"
              + bound.getPort()
              + " (read-only); repositories: "
              + String.join(", ", server.repositories()));
      if (server.signature() == VerifyReport.SignatureStatus.VALID) {
        out.println("signature valid for " + key);
      }
      out.flush();
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stopped: the server is closed above
    }
    return 0;
  }

  /** {@code HOST:PORT}, {@code [v6]:PORT}; the error says which part is wrong. */
  static InetSocketAddress listenAddress(String listen) {
    int colon = listen.lastIndexOf(':');
    String port = colon < 0 ? "" : listen.substring(colon + 1);
    if (colon <= 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
      throw new IllegalArgumentException(
          "--listen was '"
              + listen
              + "' but it must be HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:5000");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(port));
  }
}
