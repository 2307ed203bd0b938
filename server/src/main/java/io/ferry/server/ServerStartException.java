package io.ferry.server;

/** The console could not start; Spring Boot has logged its own analysis of why. */
public final class ServerStartException extends RuntimeException {

  ServerStartException(ServerOptions options, Throwable cause) {
    super(
        "Tried to start the console on "
            + options.listen()
            + ":"
            + options.port()
            + " with data in "
            + options.dataDir()
            + " but it failed (the log above says why; a port in use or a data directory held"
            + " by another console are the usual causes)",
        cause);
  }
}
