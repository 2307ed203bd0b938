package io.ferry.testkit.prometheus;

/** A static scrape job: its name, one {@code host:port} target and the metrics path. */
public record ScrapeTarget(String job, String hostAndPort, String metricsPath) {

  /** Validates that every part is set and the path is absolute. */
  public ScrapeTarget {
    if (job.isBlank() || hostAndPort.isBlank() || !metricsPath.startsWith("/")) {
      throw new IllegalArgumentException(
          "scrape target was job='"
              + job
              + "', target='"
              + hostAndPort
              + "', path='"
              + metricsPath
              + "' but job and target must be set and the path must start with '/'");
    }
  }

  /** A target scraped at {@code /metrics}. */
  public static ScrapeTarget of(String job, String hostAndPort) {
    return new ScrapeTarget(job, hostAndPort, "/metrics");
  }
}
