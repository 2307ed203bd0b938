package io.ferry.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start the console: where to listen and where to keep data.
 *
 * @param listen the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the TCP port, 0 for any free port
 * @param dataDir the directory that holds the embedded database and other state
 */
public record ServerOptions(String listen, int port, Path dataDir) {

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
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Invalid server options: " + String.join("; ", problems));
    }
    dataDir = dataDir.toAbsolutePath().normalize();
  }
}
