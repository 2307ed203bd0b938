package io.ferry.platform.spec;

import java.time.Duration;
import java.util.Optional;

/**
 * A readiness or liveness probe: an HTTP GET when {@code httpPath} is given, else a TCP connect.
 *
 * @param httpPath the path to GET, or empty for a TCP socket probe
 * @param port a port name of the service or a port number
 * @param initialDelay time before the first probe
 * @param period time between probes
 */
public record Probe(
    Optional<String> httpPath, String port, Duration initialDelay, Duration period) {

  /** Kubernetes' own default period. */
  public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);
}
