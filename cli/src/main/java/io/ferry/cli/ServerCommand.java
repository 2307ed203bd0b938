package io.ferry.cli;

import io.ferry.server.FerryServer;
import io.ferry.server.ServerOptions;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ferry server}: runs the console until Ctrl-C. */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Ferry console: web UI, REST API, health at /actuator/health and metrics at"
          + " /actuator/prometheus.",
      "",
      "Data lives in an embedded H2 database under --data-dir and survives restarts."
          + " Ctrl-C stops the console cleanly."
    })
final class ServerCommand implements Callable<Integer> {

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      defaultValue = "${env:FERRY_LISTEN:-127.0.0.1}",
      description = "Address to listen on (env FERRY_LISTEN; default: ${DEFAULT-VALUE}).")
  String listen;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:FERRY_PORT:-8080}",
      description = "TCP port (env FERRY_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:FERRY_DATA_DIR:-./data}",
      description =
          "Directory for the database and state (env FERRY_DATA_DIR; default:"
              + " ${DEFAULT-VALUE}).")
  Path dataDir;

  @Override
  public Integer call() throws InterruptedException {
    // Every Spring type stays behind FerryServer, so that loading this class for `ferry bundle`
    // or `ferry platform` loads no Spring class.
    FerryServer.runUntilStopped(new ServerOptions(listen, port, dataDir));
    return 0;
  }
}
