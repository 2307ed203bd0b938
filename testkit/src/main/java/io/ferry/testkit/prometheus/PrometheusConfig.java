package io.ferry.testkit.prometheus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Renders prometheus.yml from the test's scrape targets, rule files and intervals. */
final class PrometheusConfig {

  private PrometheusConfig() {}

  static String render(
      Duration scrapeInterval,
      Duration evaluationInterval,
      List<ScrapeTarget> targets,
      Path ruleDirectory,
      List<String> alertmanagers) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("global:\n")
        .append("  scrape_interval: ")
        .append(seconds(scrapeInterval))
        .append('\n')
        .append("  scrape_timeout: ")
        .append(seconds(scrapeInterval))
        .append('\n')
        .append("  evaluation_interval: ")
        .append(seconds(evaluationInterval))
        .append('\n');
    // Globs, so rule files a test adds later are loaded by a reload without a new config.
    yaml.append("rule_files:\n")
        .append("  - ")
        .append(quote(ruleDirectory.resolve("*.yml").toString()))
        .append('\n')
        .append("  - ")
        .append(quote(ruleDirectory.resolve("*.yaml").toString()))
        .append('\n');
    if (!alertmanagers.isEmpty()) {
      yaml.append("alerting:\n  alertmanagers:\n    - static_configs:\n        - targets:\n");
      alertmanagers.forEach(
          target -> yaml.append("            - ").append(quote(target)).append('\n'));
    }
    yaml.append("scrape_configs:\n");
    for (ScrapeTarget target : targets) {
      yaml.append("  - job_name: ")
          .append(quote(target.job()))
          .append('\n')
          .append("    metrics_path: ")
          .append(quote(target.metricsPath()))
          .append('\n')
          .append("    static_configs:\n")
          .append("      - targets: [")
          .append(quote(target.hostAndPort()))
          .append("]\n");
    }
    return yaml.toString();
  }

  static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private static String quote(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
