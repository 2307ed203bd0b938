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

  @Option(
      names = "--db-url",
      paramLabel = "JDBC_URL",
      defaultValue = "${env:FERRY_DB_URL}",
      description =
          "Use this database instead of the embedded H2, e.g."
              + " jdbc:postgresql://db.local:5432/ferry (env FERRY_DB_URL).")
  String dbUrl;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      defaultValue = "${env:FERRY_DB_USER}",
      description = "Database user for --db-url (env FERRY_DB_USER).")
  String dbUser;

  @Option(
      names = "--db-password-file",
      paramLabel = "FILE",
      description =
          "File holding the database password (or env FERRY_DB_PASSWORD; never on the command"
              + " line, where other users could read it).")
  Path dbPasswordFile;

  @Option(
      names = "--admin-password-file",
      paramLabel = "FILE",
      defaultValue = "${env:FERRY_ADMIN_PASSWORD_FILE}",
      description =
          "On the first start, create user 'admin' with the password in FILE (or env"
              + " FERRY_ADMIN_PASSWORD) instead of a random one written to"
              + " <data-dir>/initial-admin-password.")
  Path adminPasswordFile;

  @Override
  public Integer call() throws InterruptedException, java.io.IOException {
    // Every Spring type stays behind FerryServer, so that loading this class for `ferry bundle`
    // or `ferry platform` loads no Spring class.
    ServerOptions.DatabaseOptions database = null;
    if (dbUrl != null && !dbUrl.isBlank()) {
      String password = System.getenv("FERRY_DB_PASSWORD");
      if (dbPasswordFile != null) {
        password = java.nio.file.Files.readString(dbPasswordFile).strip();
      }
      database = new ServerOptions.DatabaseOptions(dbUrl, dbUser, password);
    }
    FerryServer.runUntilStopped(
        new ServerOptions(listen, port, dataDir, database, adminPasswordFile));
    return 0;
  }
}
