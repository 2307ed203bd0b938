package io.ferry.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How to start the console: where to listen, where to keep data, which database to use.
 *
 * @param listen the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port, 0 for any free port
 * @param dataDir the directory that holds the embedded database, keys and other state
 * @param database an external database (PostgreSQL) instead of the embedded H2, or null
 * @param adminPasswordFile a file holding the first admin's password, for automation, or null
 */
public record ServerOptions(
    String listen,
    int port,
    Path dataDir,
    @Nullable DatabaseOptions database,
    @Nullable Path adminPasswordFile) {

  /** Checks every option and reports all problems at once. */
  public ServerOptions {
    List<String> problems = new ArrayList<>();
    if (port < 0 || port > 65535) {
      problems.add("port was '" + port + "' but it must be between 0 and 65535");
    }
    try {
      InetAddress.getByName(listen);
    } catch (UnknownHostException e) {
      problems.add("listen was '" + listen + "' but it is not an address this host can bind");
    }
    if (database != null && !database.url().startsWith("jdbc:")) {
      problems.add(
          "db-url was '" + database.url() + "' but it must be a JDBC URL (jdbc:postgresql://…)");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid server options: " + String.join("; ", problems));
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }

  /** Options for the embedded database under {@code dataDir}. */
  public ServerOptions(String listen, int port, Path dataDir) {
    this(listen, port, dataDir, null, null);
  }

  /**
   * An external database.
   *
   * @param url the JDBC URL, e.g. {@code jdbc:postgresql://db:5432/ferry}
   * @param user the user name, or null to take it from the URL
   * @param password the password, or null
   */
  public record DatabaseOptions(String url, @Nullable String user, @Nullable String password) {
    @Override
    public String toString() {
      return "DatabaseOptions[url=" + url + ", user=" + user + ", password=***]";
    }
  }
}
